/**
 * The question store on PostgreSQL (DATABASE_URL=postgres://…), for shards on several machines: the
 * same rows, places, hashing and queue as the SQLite store, through the same write queue
 * (sqlite-store.ts) in front of a worker thread of its own (pg-worker.ts). A database that is down
 * is logged once with what to do and retried; questions wait in memory meanwhile (bounded).
 */
import { pgAdvice, UNREACHABLE } from './pg-db.js';
import { describeDatabaseUrl } from './pg-url.js';
import type { PgWorkerSettings } from './pg-worker.js';
import { openQueuedStore, type QueueOptions } from './sqlite-store.js';
import type { QuestionStore } from './types.js';

export interface PgStoreOptions extends QueueOptions {
  url: string;
  /** DATA_DIR: questions.secret is kept there unless `secret` (STORE_SECRET) is given. */
  dir: string;
  secret?: string | undefined;
  retentionDays?: number | undefined;
  /** How long connecting may take (default 10 s), and a query (default 30 s) before the connection is made anew. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

export async function openPostgresStore(options: PgStoreOptions): Promise<QuestionStore> {
  const where = describeDatabaseUrl(options.url);
  const workerData: PgWorkerSettings = {
    url: options.url,
    where,
    dir: options.dir,
    secret: options.secret,
    retentionDays: options.retentionDays ?? 90,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    queryTimeoutMs: options.queryTimeoutMs ?? 30_000,
  };
  return openQueuedStore(options, {
    script: 'pg-worker.js',
    workerData,
    where,
    advice: (code) => pgAdvice(code, where, options.dir),
    reopenAfter: UNREACHABLE,
    unreachable: UNREACHABLE,
    // A deadlock or a serialisation failure with another shard's transaction: worth another try.
    retryForgetOn: /^(40P01|40001)$/,
  });
}
