/**
 * The question store in an embedded SQLite file (through libsql, whose binaries come inside npm
 * packages: README, dependencies). Every process of the bot, each shard, opens the same file: WAL
 * lets readers go on while one writer writes, and the busy timeout makes a second writer wait its
 * turn instead of failing.
 *
 * Writes never stand in an answer's way: `record` and `vote` only push onto a queue, handed every
 * `flushMs` as one batch to a worker thread that owns the database (sqlite-worker.ts) and writes it
 * as one transaction. Reads go through the same thread, after the writes queued before them.
 *
 * Recording is optional, answering is not: a database that cannot be opened (DATA_DIR a file or
 * read-only, questions.db damaged) or that fails later is logged once with what to do, and retried
 * in the background with a new thread; meanwhile questions wait in the (bounded) queue, and reads
 * and `forget` throw `StoreUnavailableError`, which the commands turn into a polite notice.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Op } from './sqlite-db.js';
import { DATABASE_FILE, errorCode } from './sqlite-open.js';
import type { Lost, Notice, Ready, Reply, Request, WorkerSettings } from './sqlite-worker.js';
import { REOPEN_AFTER, whatToDo } from './store-problems.js';
import { StoreUnavailableError, type QuestionStore, type StoreStats, type VoteOutcome } from './types.js';

export { DATABASE_FILE } from './sqlite-open.js';
export { newQuestionId } from './question-id.js';

/** What the store needs of a logger (the bot's redacting one fits). */
export interface StoreLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  debug?(message: string, fields?: Record<string, unknown>): void;
}

export interface SqliteStoreOptions {
  /** Folder of the database file, created when missing. */
  dir: string;
  /** Questions and votes older than this are deleted, at open and every six hours. */
  retentionDays?: number | undefined;
  /** How long a write waits in the queue, so that a burst of answers is written as one transaction. */
  flushMs?: number;
  logger?: StoreLogger | undefined;
  /** STORE_SECRET; without it the secret is kept in DATA_DIR/questions.secret (secret.ts). */
  secret?: string | undefined;
  /** Told the hashing secret once the database is open, so that logs can hash user ids the same way. */
  onSecret?: (secret: string) => void;
  /** SQLite's busy timeout: how long a write waits for another connection's lock (default 5 s). */
  busyTimeoutMs?: number;
  /** Retries of an unusable store: the first after `firstMs`, then twice as long each time, at most `maxMs`. */
  retry?: { firstMs: number; maxMs: number };
  /** How often the file is checked for having been deleted or replaced (default 5 s; every request checks too). */
  watchMs?: number;
}

/** Past this many queued writes (a database that keeps failing), the oldest are dropped, not memory. */
const MAX_QUEUED = 10_000;
/** A forget that meets another connection's lock is tried again for about half a minute. */
const FORGET_TRIES = 6;
const FORGET_RETRY_MS = 1000;

/**
 * A worker script of this folder, compiled. Under vitest this module runs from its .ts source, which
 * a worker thread cannot load; `npm test` compiles first, so the compiled script is there.
 */
function workerScript(name: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), name);
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'src', 'store', name);
}

/**
 * The database behind the queue: its worker thread (which answers the requests of sqlite-worker.ts's
 * protocol, in order) and how its problems read. SQLite's is below; PostgreSQL's is in pg-store.ts.
 */
export interface StoreBackend {
  /** The worker script's file name in this folder, compiled (`sqlite-worker.js`). */
  script: string;
  workerData: unknown;
  /** Where the rows go, as logged: the file, or the database's URL without its password. */
  where: string;
  /** What an operator should do about an error of this code (store-problems.ts). */
  advice(code: string | undefined): string;
  /** Codes after which the worker's connection is not worth keeping: a new worker opens the database afresh. */
  reopenAfter: RegExp;
  /** Codes that mean the database cannot be reached: the request fails as unavailable, and the worker is replaced (retried). */
  unreachable?: RegExp;
  /** Codes for which a forget is tried again (another connection's lock). */
  retryForgetOn: RegExp;
}

function sqliteBackend(options: SqliteStoreOptions): StoreBackend {
  const settings: WorkerSettings = {
    dir: options.dir,
    retentionDays: options.retentionDays ?? 90,
    secret: options.secret,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    watchMs: options.watchMs ?? 5000,
  };
  return {
    script: 'sqlite-worker.js',
    workerData: settings,
    where: join(options.dir, DATABASE_FILE),
    advice: (code) => whatToDo(code, options.dir),
    reopenAfter: REOPEN_AFTER,
    retryForgetOn: /^SQLITE_(BUSY|LOCKED)$/,
  };
}

/** What the queue needs of a store's options, whichever the database. */
export type QueueOptions = Pick<SqliteStoreOptions, 'flushMs' | 'logger' | 'onSecret' | 'retry'>;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

interface Queued {
  op: Op;
  /** Told whether the op was kept (written, for a vote: for a recorded question) or dropped. */
  done?: (kept: boolean) => void;
}

/** A batch handed to the worker. Users forgotten while it is out are not retried if it fails. */
interface Batch {
  items: Queued[];
  forgotten: Map<string, { n: number }>;
}

const userOf = (op: Op) => (op.kind === 'question' ? op.entry.userId : op.userId);

/**
 * The write queue in front of a database owned by a worker thread: batching, retries, forgetting that
 * holds for queued and in-flight writes, and availability. Named for SQLite, its first database; the
 * PostgreSQL store (pg-store.ts) runs the same queue with its own worker.
 */
class SqliteStore implements QuestionStore {
  readonly recording = true;
  /** Where the rows go, as logged. */
  readonly file: string;
  private readonly flushMs: number;
  private readonly retry: { firstMs: number; maxMs: number };
  private readonly log: Required<StoreLogger>;
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ready = false;
  private queue: Queued[] = [];
  private readonly inFlight = new Set<Batch>();
  private timer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The problem last logged (kind and code), so that a failure repeating is logged once. */
  private problem: string | null = null;
  private restarts = 0;
  private writeRetries = 0;
  private failedWrites = 0;
  readonly started: Promise<void>;

  constructor(
    private readonly options: QueueOptions,
    private readonly backend: StoreBackend,
  ) {
    this.file = backend.where;
    this.flushMs = options.flushMs ?? 200;
    this.retry = options.retry ?? { firstMs: 1000, maxMs: 60_000 };
    const logger = options.logger;
    this.log = {
      warn: (m, f) => logger?.warn(m, f),
      error: (m, f) => (logger?.error ?? logger?.warn)?.call(logger, m, f),
      info: (m, f) => logger?.info?.(m, f),
      debug: (m, f) => logger?.debug?.(m, f),
    };
    this.started = this.spawn();
  }

  get available(): boolean {
    return this.ready;
  }

  // ---- the worker's lifetime ------------------------------------------------------------------

  /** Starts a worker and resolves once it has opened the database or failed to. */
  private spawn(): Promise<void> {
    const worker = new Worker(workerScript(this.backend.script), { workerData: this.backend.workerData });
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    this.worker = worker;
    this.pending = pending;
    return new Promise<void>((started) => {
      let opened = false;
      const settle = () => {
        if (!opened) {
          opened = true;
          started();
        }
      };
      worker.on('message', (m: Reply | Ready | Notice | Lost) => {
        if ('notice' in m) return m.notice === 'warn' ? this.log.warn(m.message) : this.log.info(m.message);
        if ('lost' in m) return this.lost(worker, m.message, m.code);
        if (!opened && m.id === 0) {
          if (m.ok) this.opened(worker, (m.value as { secret: string }).secret);
          else this.lost(worker, m.message, m.code, 'open');
          return settle();
        }
        const waiter = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) waiter?.resolve(m.value);
        else if (m.code && this.backend.unreachable?.test(m.code)) {
          waiter?.reject(new StoreUnavailableError(`the question store is unavailable: ${m.message}`));
          this.lost(worker, m.message, m.code);
        } else waiter?.reject(new StoreError(m.message, m.code));
      });
      worker.on('error', (error) => {
        this.lost(worker, error.message, errorCode(error));
        settle();
      });
      worker.on('exit', () => {
        this.lost(worker, "the question store's thread ended", undefined);
        settle();
      });
    });
  }

  private opened(worker: Worker, secret: string): void {
    if (worker !== this.worker) return;
    this.ready = true;
    this.restarts = 0;
    this.options.onSecret?.(secret);
    if (this.problem) {
      this.log.info(`question store: available again (${this.file})${this.queue.length ? `; writing the ${this.queue.length} questions and votes kept meanwhile` : ''}`);
      this.problem = null;
    }
    if (this.queue.length) this.schedule(0);
  }

  /** The worker could not open the database, or is gone: everything waiting on it fails, and a new one is tried later. */
  private lost(worker: Worker, message: string, code: string | undefined, phase: 'open' | 'use' = 'use'): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.ready = false;
    const error = new StoreUnavailableError(`the question store is unavailable: ${message}`);
    for (const w of this.pending.values()) w.reject(error);
    this.pending.clear();
    void worker.terminate();
    if (this.closed) return;
    const delay = Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** this.restarts++);
    this.report(
      `unavailable:${code}`,
      `question store: ${phase === 'open' ? '' : `stopped working (${this.file}): `}${message}. What to do: ${this.backend.advice(code)}. ` +
        `The bot answers meanwhile; questions wait in memory (at most ${MAX_QUEUED.toLocaleString('en')}) until the store opens; ` +
        `votes, /gaps and /forget-me say it is unavailable. Retried in the background (every ${Math.round(this.retry.maxMs / 1000)} s at most).`,
    );
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.closed) void this.spawn();
    }, delay);
    this.restartTimer.unref();
  }

  /** Logs a problem at error level the first time, and only at debug level while it repeats. */
  private report(key: string, message: string): void {
    if (this.problem === key) return this.log.debug(message);
    this.problem = key;
    this.log.error(message);
  }

  private call<T>(request: WithoutId<Request>): Promise<T> {
    const worker = this.worker;
    if (!worker || !this.ready) return Promise.reject(new StoreUnavailableError(`the question store is unavailable (${this.file})`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  // ---- the write queue ------------------------------------------------------------------------

  /** Hands the queue to the worker; resolves once written. A failed batch goes back to the queue to be retried. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return Promise.resolve();
    if (!this.ready) return Promise.reject(new StoreUnavailableError(`the question store is unavailable (${this.file}); ${this.queue.length} writes wait`));
    const batch: Batch = { items: this.queue, forgotten: new Map() };
    this.queue = [];
    this.inFlight.add(batch);
    const worker = this.worker;
    return this.call<boolean[]>({ method: 'write', ops: batch.items.map((i) => i.op) }).then(
      (kept) => {
        this.inFlight.delete(batch);
        batch.items.forEach((item, i) => item.done?.(kept[i] === true));
        this.writeRetries = 0;
        if (this.problem?.startsWith('write:')) {
          this.log.info(`question store: writing again (${this.file})`);
          this.problem = null;
        }
      },
      (error: Error) => {
        this.inFlight.delete(batch);
        this.failedWrites++;
        // Whoever ran /forget-me while this batch was out is not written back: their forget has
        // already run in the worker, so a retry now would store them again.
        const back = batch.items.filter((item) => {
          const forgotten = batch.forgotten.get(userOf(item.op));
          if (!forgotten) return true;
          forgotten.n++;
          item.done?.(false);
          return false;
        });
        this.requeue(back);
        if (error instanceof StoreError) {
          const code = error.code;
          this.report(
            `write:${code}`,
            `question store: could not write ${back.length} questions and votes to ${this.file}: ${error.message}. ` +
              `What to do: ${this.backend.advice(code)}. They are kept in memory and retried; answers go on.`,
          );
          if (code && this.backend.reopenAfter.test(code) && worker) this.lost(worker, error.message, code);
          else this.schedule(Math.min(this.retry.maxMs, Math.max(this.flushMs, this.retry.firstMs * 2 ** this.writeRetries++)));
        }
        throw error;
      },
    );
  }

  private requeue(items: Queued[]): void {
    this.queue = [...items, ...this.queue];
    this.trim();
  }

  private trim(): void {
    if (this.queue.length <= MAX_QUEUED) return;
    const dropped = this.queue.splice(0, this.queue.length - MAX_QUEUED);
    for (const d of dropped) d.done?.(false);
    this.log.warn(`question store: dropped the ${dropped.length} oldest unwritten questions and votes (at most ${MAX_QUEUED} are kept in memory)`);
  }

  private schedule(ms = this.flushMs): void {
    // An unavailable store is flushed when it opens again, not polled.
    if (this.timer || this.closed || !this.ready) return;
    this.timer = setTimeout(() => void this.flush().catch(() => undefined), ms);
    // Queued writes never keep a finished process alive; close() writes them.
    this.timer.unref();
  }

  private push(op: Op, done?: (kept: boolean) => void): void {
    if (this.closed) return done?.(false);
    this.queue.push(done ? { op, done } : { op });
    this.trim();
    this.schedule();
  }

  // ---- QuestionStore --------------------------------------------------------------------------

  stats(): StoreStats {
    let writing = 0;
    for (const batch of this.inFlight) writing += batch.items.length;
    return { queued: this.queue.length + writing, failedWrites: this.failedWrites };
  }

  record: QuestionStore['record'] = (entry) => this.push({ kind: 'question', entry, at: entry.at ?? Date.now() });

  vote(questionId: string, userId: string, vote: 1 | -1, at = Date.now()): Promise<VoteOutcome> {
    if (!this.ready) return Promise.resolve('unavailable');
    return new Promise((resolve) => this.push({ kind: 'vote', questionId, userId, vote, at }, (kept) => resolve(kept ? 'counted' : 'no-question')));
  }

  // Each read is sent after the writes queued before it; the worker runs them in order.
  votes(questionId: string): Promise<{ up: number; down: number }> {
    void this.flush().catch(() => undefined);
    return this.call({ method: 'votes', questionId });
  }

  gaps: QuestionStore['gaps'] = ({ scope, days = 30, now = Date.now() }) => {
    void this.flush().catch(() => undefined);
    return this.call({ method: 'gaps', scope, days, now });
  };

  async forget(userId: string): Promise<number> {
    // Their writes not yet stored go first, wherever they wait: in the queue, or in a batch the
    // worker has (which, if it fails, is then not retried for them).
    let dropped = 0;
    this.queue = this.queue.filter((item) => {
      if (userOf(item.op) !== userId) return true;
      dropped++;
      item.done?.(false);
      return false;
    });
    const inFlight = { n: 0 };
    for (const batch of this.inFlight) batch.forgotten.set(userId, inFlight);
    for (let attempt = 1; ; attempt++) {
      try {
        // Replies come in order: any batch sent before this has settled (and counted) by now.
        const removed = await this.call<number>({ method: 'forget', userId });
        return removed + dropped + inFlight.n;
      } catch (error) {
        if (!(error instanceof StoreError && this.backend.retryForgetOn.test(error.code ?? '')) || attempt >= FORGET_TRIES) throw error;
        await sleep(FORGET_RETRY_MS);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.ready) await this.flush();
      else if (this.queue.length) this.log.warn(`question store: ${this.queue.length} questions and votes were not written: the store was unavailable`);
    } finally {
      this.closed = true;
      clearTimeout(this.timer);
      clearTimeout(this.restartTimer);
      const worker = this.worker;
      if (worker) {
        await this.call({ method: 'close' }).catch(() => undefined);
        this.worker = null;
        this.ready = false;
        await worker.terminate();
      }
    }
  }
}

/**
 * Opens the store in `options.dir` and resolves once the first attempt has finished, whether the
 * database opened or not (`available` says which; an unusable one is retried in the background).
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<QuestionStore> {
  return openQueuedStore(options, sqliteBackend(options));
}

/** The queue in front of `backend`'s worker, resolved once its first open has finished (opened or not). */
export async function openQueuedStore(options: QueueOptions, backend: StoreBackend): Promise<QuestionStore> {
  const store = new SqliteStore(options, backend);
  await store.started;
  // A plain object of functions, so that a wrapper may spread it (the bench does).
  return {
    recording: true,
    get available() {
      return store.available;
    },
    record: (entry) => store.record(entry),
    vote: (questionId, userId, vote, at) => store.vote(questionId, userId, vote, at),
    votes: (questionId) => store.votes(questionId),
    gaps: (options) => store.gaps(options),
    forget: (userId) => store.forget(userId),
    flush: () => store.flush(),
    close: () => store.close(),
  };
}
