/**
 * The thread that owns the question store's database: every SQLite call happens here, one at a
 * time in the order the bot sent them, so the bot's event loop never waits on a lock or a disk.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openQuestionDb, type QuestionDb } from './sqlite-db.js';

export interface WorkerSettings {
  dir: string;
  retentionDays: number;
  prune: boolean;
}

export type Request =
  | { id: number; method: 'write'; ops: Parameters<QuestionDb['write']>[0] }
  | { id: number; method: 'votes'; questionId: string }
  | { id: number; method: 'gaps'; days: number; now: number }
  | { id: number; method: 'forget'; userId: string }
  | { id: number; method: 'close' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
const settings = workerData as WorkerSettings;
const port = parentPort!;

/**
 * This thread at the lowest CPU priority (nice 19), the bot's threads untouched: on a machine with
 * as many busy threads as cores, the batched writes (which nobody waits for) then take the CPU only
 * when the bot's event loop does not want it, instead of an equal share of it. Linux schedules
 * threads one by one and names the calling thread's id in /proc/thread-self ("<pid>/task/<tid>");
 * elsewhere, or if it fails, the thread keeps the process's priority, which only costs speed.
 */
function lowerThreadPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, 19);
    return true;
  } catch {
    return false;
  }
}

let db: QuestionDb;
lowerThreadPriority();
try {
  db = openQuestionDb(settings.dir);
  if (settings.prune) db.prune(settings.retentionDays);
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies Reply);
} catch (error) {
  port.postMessage({ id: 0, ok: false, message: (error as Error).message, code: (error as { code?: string }).code } satisfies Reply);
  process.exit(0);
}

const pruner = settings.prune
  ? setInterval(() => {
      try {
        db.prune(settings.retentionDays);
      } catch {
        // Retried in six hours; a failed prune loses nothing.
      }
    }, PRUNE_EVERY_MS)
  : undefined;
pruner?.unref();

function handle(request: Request): unknown {
  switch (request.method) {
    case 'write':
      return db.write(request.ops);
    case 'votes':
      return db.votes(request.questionId);
    case 'gaps':
      return db.gaps(request.days, request.now);
    case 'forget':
      return db.forget(request.userId);
    case 'close':
      clearInterval(pruner);
      db.close();
      return undefined;
  }
}

port.on('message', (request: Request) => {
  try {
    port.postMessage({ id: request.id, ok: true, value: handle(request) } satisfies Reply);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, message: (error as Error).message, code: (error as { code?: string }).code } satisfies Reply);
  }
  if (request.method === 'close') port.close();
});
