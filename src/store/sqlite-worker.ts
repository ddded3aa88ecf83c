/**
 * The thread that owns the question store's database: every SQLite call happens here, one at a
 * time in the order the bot sent them, so the bot's event loop never waits on a lock or a disk.
 * It also watches the file: one deleted or replaced under the running bot is reported and reopened.
 */
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { questionDb, type QuestionDb } from './sqlite-db.js';
import { errorCode, identityOf, openWriter, type FileIdentity, type Writer } from './sqlite-open.js';
import { lowerThreadPriority } from './thread-priority.js';
import type { GapScope } from './types.js';

export interface WorkerSettings {
  dir: string;
  retentionDays: number;
  /** STORE_SECRET, when set. */
  secret: string | undefined;
  busyTimeoutMs: number;
  /** How often the file's identity is checked between writes. */
  watchMs: number;
}

export type Request =
  | { id: number; method: 'write'; ops: Parameters<QuestionDb['write']>[0] }
  | { id: number; method: 'votes'; questionId: string }
  | { id: number; method: 'gaps'; scope: GapScope; days: number; now: number }
  | { id: number; method: 'forget'; userId: string }
  | { id: number; method: 'close' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string | undefined };
/** Something the bot should log, unasked (the file replaced, the salt moved out). */
export interface Notice {
  notice: 'info' | 'warn';
  message: string;
}
/** The first message: opened (with the hashing secret, for LOG_USER_IDS=hashed), or why not. */
export type Ready = { id: 0; ok: true; value: { secret: string } } | { id: 0; ok: false; message: string; code?: string | undefined };
/** The database could not be reopened after its file changed: this thread ends; the bot retries with a new one. */
export interface Lost {
  lost: true;
  message: string;
  code?: string | undefined;
}

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
/** A checkpoint a reader held up is retried this often, this many times: the text goes within seconds. */
const SCRUB_RETRY_MS = 500;
const SCRUB_TRIES = 20;
const settings = workerData as WorkerSettings;
const port = parentPort!;

const notify = (notice: Notice['notice'], message: string) => port.postMessage({ notice, message } satisfies Notice);

function open(): { writer: Writer; db: QuestionDb } {
  const writer = openWriter(settings.dir, { secret: settings.secret, busyTimeoutMs: settings.busyTimeoutMs });
  if (writer.migratedFrom > 0 && writer.migratedFrom < 3) {
    notify('info', `question store: ${writer.file} updated: each question now records its server, and the hashing salt left the database (kept in ${settings.secret ? 'questions.salt-v1, as STORE_SECRET is set' : 'questions.secret'})`);
  }
  return { writer, db: questionDb(writer) };
}

function die(error: unknown): never {
  port.postMessage({ lost: true, message: (error as Error).message, code: errorCode(error) } satisfies Lost);
  process.exit(0);
}

let current: { writer: Writer; db: QuestionDb };
/** The write-ahead log and shared memory of the file this connection has open, as last seen. */
let companions: Array<{ path: string; identity: FileIdentity | null }> = [];
lowerThreadPriority();
try {
  current = open();
  noteCompanions();
  try {
    scrubbing(current.db.prune(settings.retentionDays).scrubbed);
  } catch {
    // Another shard holds the lock: pruned in six hours, or by that shard.
  }
  port.postMessage({ id: 0, ok: true, value: { secret: current.writer.secrets.current } } satisfies Ready);
} catch (error) {
  port.postMessage({ id: 0, ok: false, message: (error as Error).message, code: errorCode(error) } satisfies Ready);
  process.exit(0);
}

const sameFile = (a: FileIdentity | null, b: FileIdentity | null) => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/**
 * The database file deleted or replaced under the bot (a cleanup script, a restore): writes would
 * go on into a file nobody will read again. Reported, and the file at the path opened instead
 * (created anew when it was deleted). SQLite leaves the old file's write-ahead log at the path when
 * the file under it changed, and would replay it onto the new one: the log and shared memory last
 * seen with the old file are removed first (a log that came with the new file is left alone).
 */
function ensureSameFile(): void {
  const { writer } = current;
  const now = identityOf(writer.file);
  if (sameFile(now, writer.identity)) return noteCompanions();
  const what = now ? 'replaced by another file' : 'deleted';
  current.db.close();
  for (const c of companions) if (sameFile(identityOf(c.path), c.identity)) rmSync(c.path, { force: true });
  notify(
    'warn',
    `question store: ${writer.file} was ${what} while the bot was running; what was written to it since the last check ` +
      `(at most ${Math.round(settings.watchMs / 1000)} s of questions) went to the old file. ${now ? 'Opening the new file' : 'Starting a new database there'}. ` +
      'To replace or remove the database, stop the bot first.',
  );
  try {
    current = open();
    noteCompanions();
  } catch (error) {
    die(error);
  }
}

function noteCompanions(): void {
  const { file } = current.writer;
  companions = ['-wal', '-shm'].map((suffix) => ({ path: file + suffix, identity: identityOf(file + suffix) }));
}

let scrubTimer: NodeJS.Timeout | undefined;
/** After a delete: the log is emptied now, or retried shortly while a reader holds it. */
function scrubbing(done: boolean, tries = SCRUB_TRIES): void {
  clearTimeout(scrubTimer);
  if (done || tries <= 0) return;
  scrubTimer = setTimeout(() => {
    try {
      scrubbing(current.db.scrub(), tries - 1);
    } catch {
      scrubbing(false, tries - 1);
    }
  }, SCRUB_RETRY_MS);
}

const pruner = setInterval(() => {
  try {
    ensureSameFile();
    scrubbing(current.db.prune(settings.retentionDays).scrubbed);
  } catch {
    // Retried in six hours; a failed prune loses nothing.
  }
}, PRUNE_EVERY_MS);
pruner.unref();

// Noticed within seconds even when nobody asks anything; every request checks too.
const watcher = setInterval(() => {
  try {
    ensureSameFile();
  } catch (error) {
    die(error);
  }
}, settings.watchMs);
watcher.unref();

function handle(request: Request): unknown {
  if (request.method === 'close') {
    clearInterval(pruner);
    clearInterval(watcher);
    clearTimeout(scrubTimer);
    try {
      current.db.scrub(); // what a reader held up until now leaves the files before the bot stops
    } catch {
      // Another connection still reads; closing is what matters now.
    }
    current.db.close();
    return undefined;
  }
  ensureSameFile();
  const { db } = current;
  switch (request.method) {
    case 'write':
      return db.write(request.ops);
    case 'votes':
      return db.votes(request.questionId);
    case 'gaps':
      return db.gaps(request.scope, request.days, request.now);
    case 'forget': {
      const { removed, scrubbed } = db.forget(request.userId);
      scrubbing(scrubbed);
      return removed;
    }
  }
}

port.on('message', (request: Request) => {
  try {
    port.postMessage({ id: request.id, ok: true, value: handle(request) } satisfies Reply);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, message: (error as Error).message, code: errorCode(error) } satisfies Reply);
  }
  if (request.method === 'close') port.close();
});
