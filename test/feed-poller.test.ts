import { describe, expect, it } from 'vitest';
import type { PollReport } from '../src/runtime/poll-feeds.js';
import { retryAfterMs } from '../src/runtime/poll-feeds.js';
import { startFeedPoller, type SourcesService } from '../src/runtime/sources-in-worker.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sources service whose polls take `pollMs` and are counted. */
function countingService(pollMs: number, fail = false) {
  const calls = { polls: 0, running: 0, maxRunning: 0 };
  const service: SourcesService = {
    add: () => Promise.reject(new Error('unused')),
    list: () => Promise.reject(new Error('unused')),
    remove: () => Promise.reject(new Error('unused')),
    async poll(): Promise<PollReport> {
      calls.polls++;
      calls.running++;
      calls.maxRunning = Math.max(calls.maxRunning, calls.running);
      await sleep(pollMs);
      calls.running--;
      if (fail) throw new Error('disk full');
      return { ran: true, feeds: [], added: [] };
    },
    close: async () => undefined,
  };
  return { service, calls };
}

describe('the bot\'s feed poller', () => {
  it('polls after the first delay and then every interval, never two rounds at once', async () => {
    const { service, calls } = countingService(150);
    const lines: string[] = [];
    const stop = startFeedPoller(service, 0.001, (line) => lines.push(line), 10); // every 60 ms
    // Generous, for a loaded machine: two rounds need about 250 ms.
    while (calls.polls < 2) await sleep(50);
    await sleep(100);
    stop();
    expect(calls.polls).toBeGreaterThanOrEqual(2);
    expect(calls.maxRunning).toBe(1);
    expect(lines[0]).toBe('feeds: polled 0 feeds, added 0 articles');
    const after = calls.polls;
    await sleep(200);
    expect(calls.polls).toBe(after);
  });

  it('FEEDS_POLL_MINUTES=0 never polls', async () => {
    const { service, calls } = countingService(1);
    startFeedPoller(service, 0, () => undefined, 1)();
    await sleep(50);
    expect(calls.polls).toBe(0);
  });

  it('a failed round is logged and the next one still runs', async () => {
    const { service, calls } = countingService(1, true);
    const lines: string[] = [];
    const stop = startFeedPoller(service, 0.001, (line, error) => lines.push(`${line} ${(error as Error | undefined)?.message ?? ''}`), 1);
    while (calls.polls < 2) await sleep(20);
    stop();
    expect(lines[0]).toBe('feeds: the poll failed; trying again next round disk full');
  });
});

describe('Retry-After', () => {
  const now = new Date('2024-03-01T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 01 Mar 2024 12:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Fri, 01 Mar 2024 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
