/**
 * The thread that owns the PostgreSQL store's connection: requests run one at a time in the order the
 * bot sent them (it speaks sqlite-worker.ts's protocol), so hashing, building queries and parsing
 * replies never take the bot's event loop. A connection that breaks ends this thread; the store logs
 * it, keeps what is queued, and starts another after a pause (sqlite-store.ts).
 */
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type pg from 'pg';
import { connect, migrate, pgErrorCode, pgQuestionDb, type PgQuestionDb } from './pg-db.js';
import { resolveSecrets } from './secret.js';
import type { Lost, Notice, Ready, Reply, Request } from './sqlite-worker.js';
import { lowerThreadPriority } from './thread-priority.js';

export interface PgWorkerSettings {
  url: string;
  /** DATABASE_URL without its password, for messages. */
  where: string;
  /** DATA_DIR: where questions.secret lives when STORE_SECRET is not set. */
  dir: string;
  secret: string | undefined;
  retentionDays: number;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
const settings = workerData as PgWorkerSettings;
const port = parentPort!;
const notify = (notice: Notice['notice'], message: string) => port.postMessage({ notice, message } satisfies Notice);

function die(error: unknown): never {
  port.postMessage({ lost: true, message: (error as Error).message, code: pgErrorCode(error) ?? 'CONNECTION_LOST' } satisfies Lost);
  process.exit(0);
}

let client: pg.Client;
let db: PgQuestionDb;
lowerThreadPriority();
try {
  // The hashing secret: STORE_SECRET, or DATA_DIR/questions.secret (made on first start).
  if (!settings.secret) mkdirSync(settings.dir, { recursive: true });
  const secrets = resolveSecrets(settings.dir, settings.secret, undefined);
  client = await connect(settings.url, settings, (error) => die(error));
  const { from, to } = await migrate(client, secrets.current);
  if (from < to) notify('info', `question store: ${settings.where} migrated from schema ${from} to ${to}`);
  db = pgQuestionDb(client, secrets);
  await db.prune(settings.retentionDays).catch(() => undefined); // another shard may be pruning: done later
  port.postMessage({ id: 0, ok: true, value: { secret: secrets.current } } satisfies Ready);
} catch (error) {
  port.postMessage({ id: 0, ok: false, message: (error as Error).message, code: pgErrorCode(error) } satisfies Ready);
  process.exit(0);
}

const pruner = setInterval(() => void db.prune(settings.retentionDays).catch(() => undefined), PRUNE_EVERY_MS);
pruner.unref();

async function handle(request: Request): Promise<unknown> {
  switch (request.method) {
    case 'write':
      return db.write(request.ops);
    case 'votes':
      return db.votes(request.questionId);
    case 'gaps':
      return db.gaps(request.scope, request.days, request.now);
    case 'forget':
      return db.forget(request.userId);
    case 'close':
      clearInterval(pruner);
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      await client.end();
      return undefined;
  }
}

// One request at a time, in order: a forget's reply then comes after every write sent before it.
let chain: Promise<void> = Promise.resolve();
port.on('message', (request: Request) => {
  chain = chain.then(async () => {
    try {
      port.postMessage({ id: request.id, ok: true, value: await handle(request) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, message: (error as Error).message, code: pgErrorCode(error) } satisfies Reply);
    }
    if (request.method === 'close') port.close();
  });
});
