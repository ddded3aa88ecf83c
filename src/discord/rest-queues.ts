/**
 * Drops discord.js's idle REST queues every minute.
 *
 * Discord limits messages per channel, so discord.js keeps a request queue per channel it posted in:
 * one per DM answered, about 0.5 KB each. Its own sweep runs every hour, and it keeps every queue
 * while the bot is at Discord's global limit (50 requests a second: a queue is not "inactive" while
 * that limit holds, even with nothing queued), so a bot answering DMs at that pace would never drop
 * one. This sweep waits for the global limit's second to end instead, and then drops the queues
 * that have nothing queued and no limit of their own pending: the next request in such a channel
 * makes a new queue, as the first one did.
 */
import type { REST } from 'discord.js';

export const REST_QUEUE_SWEEP_MS = 60_000;

/** Starts the sweep; returns what stops it. */
export function sweepIdleRestQueues(rest: REST, everyMs = REST_QUEUE_SWEEP_MS): () => void {
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(sweep, ms);
    timer.unref();
  };
  const sweep = () => {
    const globalWait = rest.globalReset - Date.now();
    // Within a second that has used up the global limit, every queue reads as busy: sweep just after it.
    if (rest.globalRemaining <= 0 && globalWait > 0) return schedule(globalWait + 1);
    rest.handlers.sweep((queue) => queue.inactive);
    schedule(everyMs);
  };
  schedule(everyMs);
  return () => clearTimeout(timer);
}
