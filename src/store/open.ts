import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../runtime/data-dir.js';
import { openPostgresStore, type PgStoreOptions } from './pg-store.js';
import { openSqliteStore, type SqliteStoreOptions, type StoreLogger } from './sqlite-store.js';
import { NO_STORE, type QuestionStore } from './types.js';

export interface StoreSettings {
  /** STORE_QUESTIONS: false keeps nothing. */
  enabled: boolean;
  /** DATA_DIR, default ./data (relative to the working directory). */
  dataDir?: string | undefined;
  /** RETENTION_DAYS, default 90. */
  retentionDays?: number | undefined;
  /** STORE_SECRET: the hashing secret; without it, DATA_DIR/questions.secret. */
  secret?: string | undefined;
  logger?: StoreLogger;
  /** Told the hashing secret once the database is open (LOG_USER_IDS=hashed). */
  onSecret?: (secret: string) => void;
  /** DATABASE_URL (postgres://…): the questions go to PostgreSQL instead of DATA_DIR/questions.db. */
  databaseUrl?: string | undefined;
  /** Tests: SQLite's busy timeout, retry delays, how often the file is checked; PostgreSQL's timeouts. */
  tuning?: Pick<SqliteStoreOptions, 'busyTimeoutMs' | 'retry' | 'watchMs' | 'flushMs'> & Pick<PgStoreOptions, 'connectTimeoutMs' | 'queryTimeoutMs'>;
}

/**
 * The one place a store is chosen: PostgreSQL when DATABASE_URL is set (shards on several machines),
 * else the SQLite file in DATA_DIR. The commands and surfaces only see the interface.
 *
 * Never rejects: a database that cannot be opened leaves a store that is not `available`, logged with
 * what to do and retried in the background, so the bot answers whatever DATA_DIR does.
 */
export async function openStore(settings: StoreSettings): Promise<QuestionStore> {
  if (!settings.enabled) return NO_STORE;
  const common = {
    dir: resolve(settings.dataDir ?? DEFAULT_DATA_DIR),
    retentionDays: settings.retentionDays,
    logger: settings.logger,
    secret: settings.secret,
    ...(settings.onSecret ? { onSecret: settings.onSecret } : {}),
    ...settings.tuning,
  };
  return settings.databaseUrl ? openPostgresStore({ url: settings.databaseUrl, ...common }) : openSqliteStore(common);
}
