import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The calling thread at the lowest CPU priority (nice 19), the bot's threads untouched: on a machine
 * with as many busy threads as cores, the batched writes (which nobody waits for) then take the CPU
 * only when the bot's event loop does not want it, instead of an equal share of it. Linux schedules
 * threads one by one and names the calling thread's id in /proc/thread-self ("<pid>/task/<tid>");
 * elsewhere, or if it fails, the thread keeps the process's priority, which only costs speed.
 */
export function lowerThreadPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, 19);
    return true;
  } catch {
    return false;
  }
}
