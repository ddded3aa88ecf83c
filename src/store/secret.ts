/**
 * The secret that keeps stored user ids unreadable. A user id is stored as
 * SHA-256(secret + ":" + id), cut to 32 hex characters; without the secret, the hashes cannot be
 * tested against a known id. So the secret is kept out of the database: `STORE_SECRET` from the
 * environment, or else `questions.secret` beside the database (mode 0600, made on first start).
 *
 * Databases made before this kept a random salt in their `meta` table. It is moved out on the first
 * open (migration 3): it becomes `questions.secret` when there is none yet and `STORE_SECRET` is not
 * set, so every hash keeps matching; otherwise it is kept in `questions.salt-v1` (0600), which
 * `/forget-me` also hashes with, so the rows hashed with it can still be forgotten.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'questions.secret';
export const LEGACY_SALT_FILE = 'questions.salt-v1';

export interface Secrets {
  /** What new rows are hashed with. */
  current: string;
  /** Older salts some rows may be hashed with; forgetting a user deletes the rows of every one. */
  legacy: string[];
}

/** The stored form of a user id (the same in the database and, with LOG_USER_IDS=hashed, in the log). */
export function userHash(secret: string, userId: string): string {
  return createHash('sha256').update(`${secret}:${userId}`).digest('hex').slice(0, 32);
}

/** Every stored form of a user id: the current secret's and each legacy salt's. */
export function userHashes(secrets: Secrets, userId: string): string[] {
  return [secrets.current, ...secrets.legacy].map((s) => userHash(s, userId));
}

function readLines(file: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Readable by others: tighten it (a file copied in by hand, a restored backup). A file system that
  // refuses is left as it is; the secret is still used.
  try {
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  } catch {
    // read-only file system
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Writes `lines` to a new file of mode 0600 under a temporary name, flushed to disk; returns that name. */
function writeTemporary(file: string, lines: readonly string[]): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/**
 * Makes `file` hold `value` unless it exists already, and returns what it holds: linked into place
 * whole, so two shards starting at once agree on one secret and nobody reads half a file.
 */
function createOnce(file: string, value: string): string {
  const tmp = writeTemporary(file, [value]);
  try {
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
  const lines = readLines(file);
  if (!lines?.length) throw new Error(`${file} is empty: delete it to have a new secret made (rows hashed with the old one can then no longer be forgotten)`);
  return lines[0]!;
}

function addLegacy(dir: string, salt: string): void {
  const file = join(dir, LEGACY_SALT_FILE);
  const lines = readLines(file) ?? [];
  if (lines.includes(salt)) return;
  renameSync(writeTemporary(file, [...lines, salt]), file);
}

/**
 * The secrets for the database in `dir`. `storedSalt` is the salt a database from before migration 3
 * still holds: it is moved out here (the caller then deletes it from the database).
 */
export function resolveSecrets(dir: string, envSecret: string | undefined, storedSalt: string | undefined): Secrets {
  let current: string;
  if (envSecret) {
    current = envSecret;
    if (storedSalt && storedSalt !== envSecret) addLegacy(dir, storedSalt);
  } else {
    const file = join(dir, SECRET_FILE);
    const existing = readLines(file)?.[0];
    current = existing ?? createOnce(file, storedSalt ?? randomBytes(32).toString('hex'));
    if (storedSalt && storedSalt !== current) addLegacy(dir, storedSalt);
  }
  return { current, legacy: (readLines(join(dir, LEGACY_SALT_FILE)) ?? []).filter((s) => s !== current) };
}
