/**
 * The question store's tables on PostgreSQL: connecting, migrating (once, whoever starts first),
 * and the same reads and writes as SQLite's (sqlite-db.ts). The bot runs these in the store's worker
 * thread (pg-worker.ts); `npm run gaps` reads through `readPgReport` on a read-only connection.
 */
import pg from 'pg';
import { MIGRATION_LOCK, PG_MIGRATIONS } from './pg-migrations.js';
import { userHash, userHashes, type Secrets } from './secret.js';
import { gapsFromRows, type GapRow } from './similar.js';
import { whatToDo } from './store-problems.js';
import type { Gap, GapScope, QuestionRecord, Vote } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows a gaps report reads at most, as with SQLite. */
const MAX_GAP_ROWS = 5000;

export type PgOp =
  | { kind: 'question'; entry: QuestionRecord; at: number }
  | { kind: 'vote'; questionId: string; userId: string; vote: Vote; at: number };

/** An error that says what went wrong in words and carries the code the advice is chosen by. */
export class PgStoreError extends Error {
  override readonly name = 'PgStoreError';
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** The connection is gone (or never came): the request is not the problem, the database's reachability is. */
export const UNREACHABLE = /^(CONNECTION_LOST|E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN)|08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

/** SQLSTATE (5 characters), a Node network code, ours; or, for pg's own connection errors, CONNECTION_LOST. */
export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof PgStoreError) return error.code;
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && /^([0-9A-Z]{5}|E[A-Z_]+)$/.test(e.code)) return e.code;
  if (/Connection terminated|Query read timeout|not queryable|timeout expired|Connection ended|connection timeout/i.test(String(e?.message ?? ''))) return 'CONNECTION_LOST';
  return undefined;
}

const FILE_CODES = /^(ENOTDIR|EEXIST|EACCES|EPERM|EROFS|ENOSPC|EIO)$/;

/** What an operator should do about an error of this code; `where` is DATABASE_URL without its password. */
export function pgAdvice(code: string | undefined, where: string, dataDir: string): string {
  if (code && FILE_CODES.test(code)) return `${whatToDo(code, dataDir)} (DATA_DIR holds questions.secret, the hashing secret, unless STORE_SECRET is set)`;
  if (code && UNREACHABLE.test(code) && code !== '53300') return `start PostgreSQL, or correct the host and port in DATABASE_URL (${where})`;
  switch (code) {
    case '53300':
      return "PostgreSQL has no connection left: raise its max_connections (each bot process, each shard, holds one)";
    case '28P01':
    case '28000':
      return 'correct the user name and password in DATABASE_URL, or let that user in (pg_hba.conf)';
    case '3D000':
      return `create the database (createdb), or correct its name in DATABASE_URL (${where})`;
    case '42501':
      return "give DATABASE_URL's user the right to create tables in the database (the first start makes them), or start once as its owner";
    case '53100':
      return "free space on the database server's disk";
    case 'NEWER_SCHEMA':
      return 'run the newer version of the bot that made it, or point DATABASE_URL at another database';
    case 'SECRET_MISMATCH':
      return 'set STORE_SECRET to the same value on every machine and shard that writes to this database (the one its rows were hashed with)';
    default:
      return `check DATABASE_URL (${where}) and the PostgreSQL server's log`;
  }
}

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** A query unanswered this long is given up (the connection is then dropped and made again). */
  queryTimeoutMs?: number;
  readOnly?: boolean;
}

/** A connected client; an error on it while idle is passed to `onError` (it cannot be used any more). */
export async function connect(url: string, options: ConnectOptions, onError: (error: Error) => void): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
    keepAlive: true,
    application_name: 'china-llm-news-bot',
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  client.on('error', onError);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The schema version: 0 for a database the bot has not made tables in. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const row = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(row.rows[0]?.v ?? 0);
}

/**
 * Brings the schema up to date and checks the hashing secret, in one transaction under an advisory
 * lock: shards starting together wait for the first, which applies each migration; the others then
 * find nothing to do. The database keeps a check of the secret (a hash of it, never the secret):
 * a machine hashing with another secret would store rows that /forget-me elsewhere cannot find.
 */
export async function migrate(client: pg.ClientBase, secret: string): Promise<{ from: number; to: number }> {
  return inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const from = await schemaVersion(client);
    if (from > PG_MIGRATIONS.length) {
      throw new PgStoreError(`the database has schema version ${from}, made by a newer version of the bot (this one knows ${PG_MIGRATIONS.length})`, 'NEWER_SCHEMA');
    }
    for (let v = from; v < PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
    }
    const check = userHash(secret, 'store-secret-check');
    await client.query(`INSERT INTO meta (key, value) VALUES ('secret_check', $1) ON CONFLICT (key) DO NOTHING`, [check]);
    const stored = (await client.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'secret_check'`)).rows[0]?.value;
    if (stored !== check) {
      throw new PgStoreError("this process's hashing secret is not the one the database's rows were hashed with", 'SECRET_MISMATCH');
    }
    return { from, to: PG_MIGRATIONS.length };
  });
}

export interface PgQuestionDb {
  /** Writes the ops as one transaction; for each op, whether it was kept (a vote counts only for a recorded question). */
  write(ops: PgOp[]): Promise<boolean[]>;
  votes(questionId: string): Promise<{ up: number; down: number }>;
  gaps(scope: GapScope, days: number, now: number): Promise<Gap[]>;
  /** Deletes the user's questions (and every vote on them) and votes; how many of theirs went. */
  forget(userId: string): Promise<number>;
  prune(retentionDays: number, now?: number): Promise<void>;
}

export function pgQuestionDb(client: pg.ClientBase, secrets: Secrets): PgQuestionDb {
  const hash = (userId: string) => userHash(secrets.current, userId);
  return {
    write: (ops) =>
      inTransaction(client, async () => {
        // Questions first, in one statement; a vote is only ever for a question recorded before it.
        const questions = ops.flatMap((op) => (op.kind === 'question' ? [op] : []));
        if (questions.length) {
          const column = <T>(f: (op: (typeof questions)[number]) => T) => questions.map(f);
          await client.query(
            `INSERT INTO questions (id, asked_at, user_hash, surface, place, question, resolved, outcome, passage_ids)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             ON CONFLICT (id) DO NOTHING`,
            [
              column((o) => o.entry.id), column((o) => o.at), column((o) => hash(o.entry.userId)), column((o) => o.entry.surface),
              column((o) => o.entry.place), column((o) => o.entry.question), column((o) => o.entry.resolved ?? null),
              column((o) => o.entry.outcome), column((o) => JSON.stringify(o.entry.passageIds)),
            ],
          );
        }
        const kept: boolean[] = [];
        for (const op of ops) {
          if (op.kind === 'question') {
            kept.push(true);
            continue;
          }
          // Kept only for a question that is recorded: not a made-up id, nor one forgotten or pruned.
          const result = await client.query(
            `INSERT INTO votes (question_id, user_hash, vote, voted_at)
             SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM questions WHERE id = $1)
             ON CONFLICT (question_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
            [op.questionId, hash(op.userId), op.vote, op.at],
          );
          kept.push((result.rowCount ?? 0) > 0);
        }
        return kept;
      }),
    async votes(questionId) {
      const row = (
        await client.query<{ up: string; down: string }>(
          'SELECT COUNT(*) FILTER (WHERE vote = 1) AS up, COUNT(*) FILTER (WHERE vote = -1) AS down FROM votes WHERE question_id = $1',
          [questionId],
        )
      ).rows[0];
      return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
    },
    gaps: (scope, days, now) => readPgGaps(client, scope, days, now),
    forget: (userId) =>
      inTransaction(client, async () => {
        let n = 0;
        for (const who of userHashes(secrets, userId)) {
          // Their questions first: the votes on them (theirs and others') go with them.
          n += (await client.query('DELETE FROM questions WHERE user_hash = $1', [who])).rowCount ?? 0;
          n += (await client.query('DELETE FROM votes WHERE user_hash = $1', [who])).rowCount ?? 0;
        }
        return n;
      }),
    async prune(retentionDays, now = Date.now()) {
      const cutoff = now - retentionDays * DAY_MS;
      await inTransaction(client, async () => {
        await client.query('DELETE FROM questions WHERE asked_at < $1', [cutoff]);
        await client.query('DELETE FROM votes WHERE voted_at < $1', [cutoff]);
      });
    },
  };
}

async function readPgGaps(client: pg.ClientBase, scope: GapScope, days: number, now: number): Promise<Gap[]> {
  const params: unknown[] = [now - days * DAY_MS, ...(scope === 'everywhere' ? [] : [scope.place])];
  const rows = await client.query<GapRow>(
    `SELECT q.asked_at AS at, q.user_hash AS who, COALESCE(q.resolved, q.question) AS text, q.outcome AS outcome, q.place AS place,
            (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.vote = -1) AS down
       FROM questions q
      WHERE q.asked_at >= $1 ${scope === 'everywhere' ? '' : 'AND q.place = $2'}
        AND (q.outcome <> 'answered' OR EXISTS (SELECT 1 FROM votes v WHERE v.question_id = q.id AND v.vote = -1))
      ORDER BY q.asked_at DESC, q.seq DESC
      LIMIT ${MAX_GAP_ROWS}`,
    params,
  );
  return gapsFromRows(rows.rows);
}

/**
 * `npm run gaps` on PostgreSQL: the report and how many questions `scope` holds (all told, and in the
 * last `days`), read-only; a database the bot has not made tables in holds none.
 */
export async function readPgReport(
  client: pg.ClientBase,
  options: { scope: GapScope; days: number; now: number },
): Promise<{ questions: { all: number; since: number }; gaps: Gap[] }> {
  const version = await schemaVersion(client);
  if (version === 0) return { questions: { all: 0, since: 0 }, gaps: [] };
  if (version > PG_MIGRATIONS.length) {
    throw new PgStoreError(`the database has schema version ${version}, made by a newer version of the bot (this one knows ${PG_MIGRATIONS.length})`, 'NEWER_SCHEMA');
  }
  const { scope, days, now } = options;
  const since = now - days * DAY_MS;
  const count = (
    await client.query<{ n: string; recent: string }>(
      `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE asked_at >= $1) AS recent FROM questions ${scope === 'everywhere' ? '' : 'WHERE place = $2'}`,
      [since, ...(scope === 'everywhere' ? [] : [scope.place])],
    )
  ).rows[0];
  return { questions: { all: Number(count?.n ?? 0), since: Number(count?.recent ?? 0) }, gaps: await readPgGaps(client, scope, days, now) };
}
