/**
 * The question store in an embedded SQLite file (through libsql, whose binaries come inside npm
 * packages: README, dependencies). Every process of the bot, each shard and `npm run gaps`, opens the
 * same file: WAL lets readers go on while one writer writes, and the busy timeout makes a second
 * writer wait its turn instead of failing.
 *
 * Writes never stand in an answer's way: `record` and `vote` only push onto a queue, handed every
 * `flushMs` as one batch to a worker thread that owns the database (sqlite-worker.ts) and writes it
 * as one transaction. Reads go through the same thread, after the writes queued before them.
 */
import { randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Op } from './sqlite-db.js';
import type { Reply, Request, WorkerSettings } from './sqlite-worker.js';
import type { QuestionStore } from './types.js';

export { DATABASE_FILE } from './sqlite-db.js';

/** What the store needs of a logger (the bot's redacting one fits). */
export interface StoreLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface SqliteStoreOptions {
  /** Folder of the database file, created when missing. */
  dir: string;
  /** Questions and votes older than this are deleted, at open and every six hours. */
  retentionDays?: number | undefined;
  /** How long a write waits in the queue, so that a burst of answers is written as one transaction. */
  flushMs?: number;
  logger?: StoreLogger | undefined;
  /** False for a reader beside the bot (`npm run gaps`): pruning is the bot's job, with the bot's RETENTION_DAYS. */
  prune?: boolean;
}

/** Past this many queued writes (a database that keeps failing), the oldest are dropped, not memory. */
const MAX_QUEUED = 10_000;

/**
 * The worker script, compiled. Under vitest this module runs from its .ts source, which a worker
 * thread cannot load; `npm test` compiles first, so the compiled script is there.
 */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'sqlite-worker.js');
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'src', 'store', 'sqlite-worker.js');
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** Opens (creating, migrating) the database in its worker; rejects with SQLite's reason when it cannot. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<QuestionStore> {
  const settings: WorkerSettings = { dir: options.dir, retentionDays: options.retentionDays ?? 90, prune: options.prune !== false };
  const worker = new Worker(workerScript(), { workerData: settings });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const opened = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new StoreError(reply.message));
  });
  const fail = (error: Error) => {
    failure = error;
    for (const w of pending.values()) w.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(failure ?? new StoreError('the question store has closed')));
  try {
    await opened;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  const call = <T>(request: WithoutId<Request>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };

  const flushMs = options.flushMs ?? 200;
  let queue: Op[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Hands the queue to the worker; resolves once written. A failed batch goes back to the queue to be retried. */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return Promise.resolve();
    const batch = queue;
    queue = [];
    return call<void>({ method: 'write', ops: batch }).catch((error: unknown) => {
      options.logger?.warn('question store: write failed; will retry', { error, queued: batch.length + queue.length });
      queue = [...batch, ...queue].slice(-MAX_QUEUED);
      if (!closed) schedule(Math.max(flushMs, 1000));
      throw error;
    });
  }
  function schedule(ms = flushMs): void {
    if (timer || closed) return;
    timer = setTimeout(() => void flush().catch(() => undefined), ms);
    // Queued writes never keep a finished process alive; close() writes them.
    timer.unref();
  }
  function push(op: Op): void {
    if (closed) return;
    queue.push(op);
    schedule();
  }

  return {
    recording: true,
    record: (entry) => push({ kind: 'question', entry, at: entry.at ?? Date.now() }),
    vote: (questionId, userId, vote, at = Date.now()) => push({ kind: 'vote', questionId, userId, vote, at }),
    // Each read is sent after the writes queued before it; the worker runs them in order.
    votes: (questionId) => {
      void flush().catch(() => undefined);
      return call({ method: 'votes', questionId });
    },
    gaps: ({ days = 30, now = Date.now() } = {}) => {
      void flush().catch(() => undefined);
      return call({ method: 'gaps', days, now });
    },
    forget: (userId) => {
      void flush().catch(() => undefined);
      return call({ method: 'forget', userId });
    },
    flush,
    async close() {
      if (closed) return;
      try {
        await flush();
      } finally {
        closed = true;
        await call({ method: 'close' }).catch(() => undefined);
        await worker.terminate();
      }
    },
  };
}

/** Bytes of one question id: 96 random bits, 16 base64url characters. */
const ID_BYTES = 12;
/** Ids drawn from the CSPRNG at once: one system call per 256 questions instead of one each. */
const IDS_PER_FILL = 256;
const idPool = Buffer.alloc(ID_BYTES * IDS_PER_FILL);
let idPoolAt = idPool.length;

/**
 * Short, unguessable and safe in a custom_id: 96 random bits from the CSPRNG, as 16 base64url
 * characters. The bytes come from a pool refilled by one `randomFillSync` call every 256 ids (each
 * byte used once), so the reply path does not enter the CSPRNG for every question.
 */
export function newQuestionId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const id = idPool.toString('base64url', idPoolAt, idPoolAt + ID_BYTES);
  idPoolAt += ID_BYTES;
  return id;
}
