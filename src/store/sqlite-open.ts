/**
 * Opening the question database: the bot's writer (creates, checks, migrates) and the read-only
 * reader of `npm run gaps` (never creates, never migrates, never writes). Also the pieces both
 * need: SQLite's error codes, the file's identity, and a transaction that reports its real error.
 */
import { mkdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'libsql';
import { MIGRATIONS } from './migrations.js';
import { resolveSecrets, type Secrets } from './secret.js';

export const DATABASE_FILE = 'questions.db';

export type Db = Database.Database;

/** SQLite's primary result codes by number (extended codes carry the primary one in their low byte). */
const CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 19: 'SQLITE_CONSTRAINT', 26: 'SQLITE_NOTADB',
};

/**
 * The code of an error from libsql or the file system, as a name: `SQLITE_BUSY`, `SQLITE_NOTADB`,
 * `ENOTDIR`… libsql names extended codes `UNKNOWN_SQLITE_ERROR_<n>` and a failed open only in its
 * message ("Unable to open connection …: 14"); both are mapped to the primary code here.
 */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof StoreOpenError) return error.code;
  const e = error as { code?: unknown; rawCode?: unknown; message?: unknown };
  if (typeof e?.rawCode === 'number' && CODES[e.rawCode & 0xff]) return CODES[e.rawCode & 0xff];
  if (typeof e?.code === 'string' && /^(SQLITE_[A-Z]+|E[A-Z]+)$/.test(e.code)) return e.code;
  const opened = typeof e?.message === 'string' ? /Unable to open connection.*: (\d+)"?\)?$/.exec(e.message) : null;
  if (opened) return CODES[Number(opened[1]) & 0xff] ?? `SQLITE_${opened[1]}`;
  return undefined;
}

/** An error that says what went wrong in words and carries the code the advice is chosen by. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(message: string, readonly code: string | undefined, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction. libsql's own `transaction()` runs ROLLBACK whatever
 * happened, and when SQLite has already rolled back by itself (a full disk, an I/O error), that
 * ROLLBACK fails with "cannot rollback - no transaction is active", which replaced the real error.
 * Here the real error is the one thrown.
 */
export function immediate<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The error worth reporting is the first one.
      }
    }
    throw error;
  }
}

/** Which file a path is now: a database deleted or replaced under a running bot has another (or none). */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(file: string): FileIdentity | null {
  try {
    const s = statSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** DATA_DIR as a folder, made if missing; a file there is named as such rather than as mkdir's EEXIST. */
function ensureFolder(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(`cannot use ${dir}: ${(error as Error).message}`, errorCode(error));
    try {
      mkdirSync(dir, { recursive: true });
      return;
    } catch (made) {
      throw new StoreOpenError(`cannot create the folder ${dir}: ${(made as Error).message}`, errorCode(made));
    }
  }
  if (!isDir) throw new StoreOpenError(`${dir} is a file, not a folder`, 'ENOTDIR');
}

function userVersion(db: Db): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

function tooNew(file: string, version: number): StoreOpenError {
  return new StoreOpenError(`${file} has schema version ${version}, made by a newer version of the bot (this one knows ${MIGRATIONS.length})`, 'NEWER_SCHEMA');
}

export interface Writer {
  db: Db;
  file: string;
  identity: FileIdentity;
  secrets: Secrets;
  /** The schema version found on open (0: a new database). */
  migratedFrom: number;
}

/**
 * Opens the database in `dir` for the bot: creates the folder and the file when missing, checks the
 * file, brings the schema up to date and settles the hashing secret (one immediate transaction, so
 * two shards starting at once cannot both migrate). Throws a `StoreOpenError` naming the problem.
 */
export function openWriter(dir: string, options: { secret?: string | undefined; busyTimeoutMs?: number } = {}): Writer {
  ensureFolder(dir);
  const file = join(dir, DATABASE_FILE);
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    // libsql says only "ConnectionFailed(… : 14)": named here by SQLite's code instead.
    const code = errorCode(error);
    throw new StoreOpenError(`cannot open ${file}: ${code ? `SQLite says ${code}` : (error as Error).message}`, code, { cause: error });
  }
  try {
    // Another shard holding the write lock is waited for (in the store's thread), not failed.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL survives a crash of the process; at worst a power cut loses the last writes.
    db.pragma('synchronous = NORMAL');
    // Deleted rows are overwritten with zeros, so forgotten questions leave no text in the file.
    db.pragma('secure_delete = ON');
    // A truncated or damaged file is refused now, with its reason, rather than failing write by write.
    const check = db.prepare('PRAGMA quick_check(1)').get() as { quick_check: string };
    if (check.quick_check !== 'ok') throw new StoreOpenError(`${file} is damaged: ${check.quick_check}`, 'SQLITE_CORRUPT');
    const { secrets, from } = migrate(db, file, dir, options.secret);
    if (from > 0 && from < 3) scrubOnce(db);
    const identity = identityOf(file);
    if (!identity) throw new StoreOpenError(`${file} disappeared while it was being opened`, 'ENOENT');
    return { db, file, identity, secrets, migratedFrom: from };
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`cannot open ${file}: ${(error as Error).message}`, errorCode(error), { cause: error });
  }
}

function migrate(db: Db, file: string, dir: string, envSecret: string | undefined): { secrets: Secrets; from: number } {
  return immediate(db, () => {
    const from = userVersion(db);
    if (from > MIGRATIONS.length) throw tooNew(file, from);
    // Before migration 3 the salt lived in the database; resolveSecrets moves it out before it is deleted.
    const stored = from >= 1 ? (db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string } | undefined)?.value : undefined;
    const secrets = resolveSecrets(dir, envSecret, stored);
    for (let v = from; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    if (from < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
    return { secrets, from };
  });
}

/**
 * Once, for a database from before secure_delete was on: rewrites it (VACUUM), so that what
 * /forget-me and retention deleted before, and the salt, are no longer in the file's free pages.
 * Another shard reading at that moment makes it fail; it is then done at a later open.
 */
function scrubOnce(db: Db): void {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Not worth failing the open for.
  }
}

/**
 * Copies every page of the write-ahead log into the database and empties the log: after a delete
 * (with secure_delete on) the deleted text is then in none of the files. False when a reader still
 * holds an older snapshot (or another shard writes), so that the log could not be emptied yet: the
 * caller retries shortly. It does not wait for them (that would hold up every write behind it).
 */
export function checkpoint(db: Db): boolean {
  const timeout = Number((db.prepare('PRAGMA busy_timeout').get() as { timeout: number }).timeout);
  db.pragma('busy_timeout = 0');
  try {
    const row = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return Number(row[0]?.busy ?? 0) === 0;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

export interface Reader {
  db: Db;
  file: string;
  version: number;
}

/**
 * Opens the database in `dir` read-only for `npm run gaps`: never creates it, never migrates it.
 * Returns null when there is no database yet; throws a `StoreOpenError` when `dir` is not a folder or
 * the file cannot be read as a database.
 */
export function openReader(dir: string): Reader | null {
  try {
    if (!statSync(dir).isDirectory()) throw new StoreOpenError(`${dir} is a file, not a folder`, 'ENOTDIR');
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreOpenError(`cannot read ${dir}: ${(error as Error).message}`, errorCode(error));
  }
  const file = join(dir, DATABASE_FILE);
  try {
    const s = statSync(file);
    if (!s.isFile()) throw new StoreOpenError(`${file} is not a file`, 'EISDIR');
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreOpenError(`cannot read ${file}: ${(error as Error).message}`, errorCode(error));
  }
  const uri = `${pathToFileURL(file).href}?mode=ro`;
  let db: Db | undefined;
  try {
    try {
      db = new Database(uri);
      return reader(db, file);
    } catch (error) {
      db?.close();
      db = undefined;
      // A folder the reader cannot write in (another user's DATA_DIR): SQLite cannot make the WAL's
      // shared-memory file there. With no write-ahead log pending, the database file alone is the
      // whole truth, and can be read as it stands.
      if (errorCode(error) !== 'SQLITE_READONLY' && errorCode(error) !== 'SQLITE_CANTOPEN') throw error;
      if (existsSync(`${file}-wal`)) throw error;
      db = new Database(`${uri}&immutable=1`);
      return reader(db, file);
    }
  } catch (error) {
    db?.close();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`cannot read ${file}: ${(error as Error).message}`, errorCode(error), { cause: error });
  }
}

function reader(db: Db, file: string): Reader {
  db.pragma('busy_timeout = 5000');
  const version = userVersion(db);
  if (version > MIGRATIONS.length) throw tooNew(file, version);
  // Reads a table, so that a file that is not a database at all says so here.
  db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get();
  return { db, file, version };
}
