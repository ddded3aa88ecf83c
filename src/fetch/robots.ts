import robotsParserModule from 'robots-parser';
import { FetchRefusal, ROBOTS_AGENT, safeFetch, type FetchOptions } from './safe-fetch.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// The package is CommonJS whose module.exports is the function, while its types declare a default export.
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Robot;

/** What the bot checks before fetching a URL; `safeFetch` asks it for every hop. */
export interface RobotsRules {
  /** Why robots.txt forbids fetching `url`, or null when it allows it. */
  refusal(url: URL, options: FetchOptions): Promise<string | null>;
}

interface Entry {
  /** Null: every path is allowed (no robots.txt). */
  robot: Robot | null;
  /** Set when robots.txt could not be read: RFC 9309 then says to fetch nothing from the site. */
  unreachable: string | null;
  until: number;
}

/** How long a site's robots.txt is trusted before it is read again (RFC 9309 suggests at most a day). */
const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** RFC 9309: crawlers must read at least 500 KiB of robots.txt. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * robots.txt per origin, read once a day through the same safe fetch as everything else. A 4xx
 * means no rules (fetch anything); a 5xx or a failed fetch means "fetch nothing from this site for
 * now", as RFC 9309 says for a robots.txt that cannot be read.
 */
export class RobotsCache implements RobotsRules {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  async refusal(url: URL, options: FetchOptions): Promise<string | null> {
    let pending = this.entries.get(url.origin);
    if (pending) {
      const cached = await pending;
      if (cached.until < this.now()) pending = undefined;
    }
    if (!pending) {
      pending = this.read(url.origin, options);
      this.entries.set(url.origin, pending);
      pending.catch(() => this.entries.delete(url.origin));
    }
    const entry = await pending;
    if (entry.unreachable) return `${url.origin}/robots.txt could not be read (${entry.unreachable}), and until it can the site's rules forbid fetching`;
    if (entry.robot && entry.robot.isAllowed(url.href, ROBOTS_AGENT) === false) {
      return `${url.origin}/robots.txt does not allow ${ROBOTS_AGENT} to fetch ${url.pathname}`;
    }
    return null;
  }

  private async read(origin: string, options: FetchOptions): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    const until = this.now() + ROBOTS_TTL_MS;
    try {
      const res = await safeFetch(robotsUrl, { ...options, robots: false, maxBytes: ROBOTS_MAX_BYTES, headers: { accept: 'text/plain' } });
      if (res.status >= 200 && res.status < 300) return { robot: robotsParser(res.url, res.body.toString('utf8')), unreachable: null, until };
      if (res.status >= 400 && res.status < 500) return { robot: null, unreachable: null, until };
      // A 5xx may pass: try again in a few minutes rather than a day.
      return { robot: null, unreachable: `${res.status} ${res.statusText}`.trim(), until: this.now() + 5 * 60_000 };
    } catch (err) {
      // The site itself is refused by the address rule: say that, not "robots.txt unreadable".
      if (err instanceof FetchRefusal && err.kind === 'address') throw err;
      const why = (err as Error).message;
      return { robot: null, unreachable: why, until: this.now() + 5 * 60_000 };
    }
  }
}
