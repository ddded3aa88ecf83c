/**
 * The client's channel cache, with a bound on DM channels only.
 *
 * With Partials.Channel, discord.js makes a DM channel for every DM (and every slash command used
 * in a DM) and keeps it in `client.channels` for good: about 0.7 KB of heap per person who ever
 * wrote to the bot. discord.js has no sweeper for channels, and a LimitedCollection on
 * ChannelManager (which it warns is unsupported) would count and evict guild channels too, which
 * the library needs. This collection keeps every other channel and only the most recently used
 * `maxDms` DM channels.
 *
 * Evicting one is safe: a DM channel holds nothing of ours (no message cache, no state), and the
 * next event in it makes a new partial one, as for the first DM. Code that needs the channel
 * across an await holds its own reference (messages.ts), since `message.channel` looks it up here.
 */
import { Collection } from 'discord.js';

/** Enough for the DMs in flight on a busy bot many times over; under 1 MB when full. */
export const DEFAULT_DM_CHANNEL_CACHE_SIZE = 1000;

interface MaybeDm {
  isDMBased(): boolean;
}

export class DmChannelCache<K, V extends MaybeDm> extends Collection<K, V> {
  /** The cached DM channels' ids, least recently used first (a Set keeps insertion order). */
  private readonly dms = new Set<K>();

  constructor(private readonly maxDms: number) {
    super();
    // At least one: discord.js caches the channel of an event just before emitting it, and
    // `message.channel` reads it back from here.
    if (!(maxDms >= 1)) throw new RangeError('maxDms must be ≥ 1');
  }

  // filter(), map() and the like return plain Collections, as discord.js's LimitedCollection does.
  static override get [Symbol.species](): typeof Collection {
    return Collection;
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    if (value.isDMBased()) {
      this.touch(key);
      for (const oldest of this.dms) {
        if (this.dms.size <= this.maxDms) break;
        this.delete(oldest);
      }
    }
    return this;
  }

  /** discord.js reads a channel here for every event in it: a DM in use stays. */
  override get(key: K): V | undefined {
    if (this.dms.has(key)) this.touch(key);
    return super.get(key);
  }

  override delete(key: K): boolean {
    this.dms.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.dms.clear();
    super.clear();
  }

  /** DM channels cached now (for tests and the memory bench). */
  get dmCount(): number {
    return this.dms.size;
  }

  private touch(key: K): void {
    this.dms.delete(key);
    this.dms.add(key);
  }
}
