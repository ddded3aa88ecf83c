/** Shared by the store tests: fresh folders, stores that log into an array, and the bytes of a database's files. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { inject } from 'vitest';
import { createDatabase } from './support/postgres.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import { openStore, type StoreSettings } from '../src/store/open.js';
import { newQuestionId } from '../src/store/sqlite-store.js';
import type { QuestionRecord, QuestionStore } from '../src/store/types.js';

export const GUILD_A = '111111111111111111';
export const GUILD_B = '222222222222222222';

export interface Opened {
  store: QuestionStore;
  dir: string;
  logs: string[];
}

const dirs: string[] = [];
const stores: QuestionStore[] = [];

export function tempDir(prefix = 'store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A logger that keeps `LEVEL message {fields}` lines. */
export function arrayLogger(logs: string[]) {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void logs.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? v.message : v))}` : ''}`);
  return { debug: line('DEBUG'), info: line('INFO'), warn: line('WARN'), error: line('ERROR') };
}

export async function open(dir = tempDir(), settings: Partial<StoreSettings> = {}): Promise<Opened> {
  const logs: string[] = [];
  const store = await openStore({ enabled: true, dataDir: dir, logger: arrayLogger(logs), ...settings });
  stores.push(store);
  return { store, dir, logs };
}

/** The two databases the store runs on: the store's tests run on each. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/** Settings that put a store on `backend`: a new database on the tests' PostgreSQL server, or DATA_DIR's file. */
export async function backendSettings(backend: Backend): Promise<Partial<StoreSettings>> {
  return backend === 'postgres' ? { databaseUrl: await createDatabase(inject('postgresUrl')) } : {};
}

export async function cleanUp(): Promise<void> {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function question(text: string, userId: string, options: Partial<QuestionRecord> = {}): QuestionRecord {
  return { id: newQuestionId(), userId, surface: 'slash', place: GUILD_A, question: text, outcome: 'declined', passageIds: [], ...options };
}

/** How often `text` occurs in the bytes of each file in `dir` (the database, its WAL and shared memory, the secret). */
export function occurrences(dir: string, text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const needle = Buffer.from(text, 'utf8');
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    let n = 0;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) n++;
    out[name] = n;
  }
  return out;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Polls `check` until it holds or `ms` pass; returns its last value. */
export async function eventually<T>(check: () => T | Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A database exactly as the bot before issue 15 made it: schema 1, the salt in `meta`, hashes made with it. */
export function oldDatabase(dir: string, salt: string, rows: Array<{ id: string; user: string; text: string }>): void {
  const db = new Database(join(dir, 'questions.db'));
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  db.prepare(`INSERT INTO meta (key, value) VALUES ('salt', ?)`).run(salt);
  const insert = db.prepare(`INSERT INTO questions (id, asked_at, user_hash, surface, question, resolved, outcome, passage_ids) VALUES (?, ?, ?, 'slash', ?, NULL, 'declined', '[]')`);
  const oldHash = (id: string) => createHash('sha256').update(`${salt}:${id}`).digest('hex').slice(0, 32);
  for (const r of rows) insert.run(r.id, Date.now() - 1000, oldHash(r.user), r.text);
  db.close();
}

