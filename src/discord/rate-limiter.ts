/**
 * Per-user question limit over a sliding window: at most `max` questions in any `windowMs`.
 * A sliding log (not fixed buckets) so that nobody gets 2×max by asking across a bucket edge.
 */

/** Where a question came from. Each surface has its own "first refusal", see RateDecision. */
export type Surface = 'slash' | 'mention' | 'dm';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /** Injectable clock, for tests. */
  now?: () => number;
  /** Told of every refusal (the `/metrics` counter). */
  onRefused?: (surface: Surface) => void;
}

export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Seconds until the oldest question in the window expires, rounded up. */
      retryAfterSeconds: number;
      /**
       * True only for the first refusal on this surface in a run of refusals, so mention/DM spam
       * gets one notice instead of one per message. Counted per surface: a person refused on
       * `/ask` who then mentions the bot must still learn there, once, that they are limited.
       * Slash commands answer every interaction regardless.
       */
      firstRefusal: boolean;
    };

interface UserLog {
  times: number[];
  /** Surfaces that have had their refusal notice in the current run of refusals. */
  refused: Set<Surface>;
}

export class RateLimiter {
  readonly max: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly onRefused: ((surface: Surface) => void) | undefined;
  private readonly users = new Map<string, UserLog>();
  private checksSinceSweep = 0;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError('max must be an integer ≥ 1');
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be > 0');
    this.max = options.max;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.onRefused = options.onRefused;
  }

  /** Records a question from `userId` if allowed; a refused question does not extend the wait. */
  take(userId: string, surface: Surface): RateDecision {
    const now = this.now();
    this.maybeSweep(now);
    const log = this.users.get(userId) ?? { times: [], refused: new Set<Surface>() };
    this.users.set(userId, log);
    while (log.times.length > 0 && log.times[0]! <= now - this.windowMs) log.times.shift();

    if (log.times.length < this.max) {
      log.times.push(now);
      log.refused.clear();
      return { allowed: true };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((log.times[0]! + this.windowMs - now) / 1000));
    const firstRefusal = !log.refused.has(surface);
    log.refused.add(surface);
    this.onRefused?.(surface);
    return { allowed: false, retryAfterSeconds, firstRefusal };
  }

  /** Users tracked right now (for tests and memory checks). */
  get size(): number {
    return this.users.size;
  }

  /** Forgets idle users now and then, so a busy bot's map does not grow without bound. */
  private maybeSweep(now: number): void {
    if (++this.checksSinceSweep < 1000) return;
    this.checksSinceSweep = 0;
    for (const [id, log] of this.users) {
      const last = log.times.at(-1);
      if (last === undefined || last <= now - this.windowMs) this.users.delete(id);
    }
  }
}
