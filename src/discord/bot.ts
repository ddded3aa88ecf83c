/**
 * `npm start`: the bot as one process (also the script each shard runs under `npm run start:sharded`;
 * discord.js picks up the shard ids from the SHARDS / SHARD_COUNT variables the manager sets).
 * It serves the knowledge folder through a KnowledgeHolder, so saved files and `/reload` take effect
 * without a restart; under sharding every shard process holds and watches its own.
 */
import { randomBytes } from 'node:crypto';
import { defaultKnowledgeDir } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { KnowledgeHolder, type ReloadResult } from '../runtime/knowledge-holder.js';
import { loadConfigOrExit } from './config.js';
import { exposeReload, reloadEverywhere } from './reload-everywhere.js';
import { createLogger } from './logger.js';
import { startBot, type RunningBot } from './start-bot.js';
import { openStore } from '../store/open.js';
import { userHash } from '../store/secret.js';
import { databaseUrlSecrets, describeDatabaseUrl } from '../store/pg-url.js';
import { startFeedsAndSources } from './feeds.js';
import { BotOps } from './ops.js';
import { startOpsServer } from './ops-http.js';
import { exposeOps } from './ops-shards.js';

const config = loadConfigOrExit();
// LOG_USER_IDS=hashed: user ids logged as the store hashes them, so a log line can be matched with
// the store's rows and not with a person. Until the store has opened (or when it cannot), a key of
// this process only: STORE_SECRET when set, else a random one.
let logSecret = config.store.secret ?? randomBytes(32).toString('hex');
const rootLogger = createLogger({
  level: config.logLevel,
  format: config.logFormat,
  secrets: [config.token, ...(config.store.secret ? [config.store.secret] : []), ...databaseUrlSecrets(config.store.databaseUrl)],
  userIds: { mode: config.logUserIds, hash: (id) => userHash(logSecret, id) },
});
// As a shard (the manager sets SHARDS), every line says which one.
const logger = process.env.SHARDS ? rootLogger.child({ shard: Number(process.env.SHARDS) }) : rootLogger;

// Last line of defence: handlers catch their own errors; anything else is logged (redacted) here
// instead of Node printing a raw stack trace.
process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));
process.on('uncaughtException', (error) => {
  logger.error('uncaught exception; exiting', { error });
  process.exit(1);
});

/** Logs a start-up failure as one readable line (plus the redacted stack at debug) and exits 1. */
function fail(what: string, error: unknown): never {
  logger.error(`${what}: ${(error as Error).message}`, logger.level === 'debug' ? { error } : undefined);
  process.exit(1);
}

// Health and metrics (HTTP_PORT), served from here on: 503 until the knowledge, the store and the
// gateway are all ready. Under sharding the manager serves them for every shard (ops-shards.ts);
// the shards inherit HTTP_PORT, so they know to keep figures. Without it, nothing is measured.
const ops: BotOps | undefined = config.http.port === undefined ? undefined : new BotOps({ engine: (): Engine => holder.engine(), store: () => store, shard: process.env.SHARDS ? Number(process.env.SHARDS) : undefined });
if (ops && process.env.SHARDS) exposeOps(ops);
else if (ops) {
  await startOpsServer(ops.endpoints(), { port: config.http.port!, host: config.http.host, logger }).catch((error: unknown) => fail(`cannot serve health and metrics on ${config.http.host}:${config.http.port}`, error));
}

// The holder logs each reload itself: what changed, or every fault as file: field: problem.
const knowledgeDir = config.knowledgeDir ?? defaultKnowledgeDir();
const holder = await KnowledgeHolder.open(knowledgeDir, { logger, maxArticleBytes: config.maxArticleBytes, dataDir: config.store.dataDir, ...(ops ? { onReload: (r: ReloadResult) => ops.metrics.reload(r.ok) } : {}) }).catch((error: unknown) =>
  fail('cannot load the knowledge', error),
);
// Started before login, so a file saved while connecting is not missed.
holder.watch();
logger.info(`knowledge: serving ${knowledgeDir} and watching it for changes`, { ...holder.engine().stats });

// Every shard process opens the same file; SQLite serialises their writes (see src/store/). A store
// that cannot be opened does not stop the bot: it has logged why and what to do, and retries.
const store = await openStore({ ...config.store, logger, onSecret: (secret) => (logSecret = secret) });
const storeWhere = config.store.databaseUrl ? describeDatabaseUrl(config.store.databaseUrl) : config.store.dataDir;
if (config.store.enabled && store.available) logger.info(`questions: recording to ${storeWhere}, kept ${config.store.retentionDays} days`);

// Articles and feeds by URL: fetched and extracted in a worker thread; new files reach the watcher above.
const sources = startFeedsAndSources(config, knowledgeDir, logger);

exposeReload(() => holder.reload());
const bot: RunningBot = await startBot({
  config,
  engine: holder.engine,
  // Under sharding, /reload reaches one shard: it makes every shard reload (see reload-everywhere.ts).
  reload: (): Promise<ReloadResult> => reloadEverywhere(bot.client, () => holder.reload(), logger),
  logger,
  store,
  sources: sources.service,
  ...(ops ? { ops } : {}),
  // Discord will not take the bot back (token reset, intent withdrawn): say what to do and exit
  // non-zero, so that a supervisor sees a failure and not a clean stop.
  onRefusal(refusal) {
    logger.error(refusal.message);
    holder.close();
    void bot.stop().then(() => store.close()).finally(() => process.exit(1));
  },
}).catch((error: unknown) => fail('cannot start the bot', error));

function shutDown(reason: string): void {
  logger.info(`${reason}; disconnecting`);
  holder.close();
  void sources.stop();
  // Stopped first so no answer is still queueing; then what is queued is written.
  bot.stop()
    .then(() => store.close())
    .catch((error: unknown) => logger.error('could not write the last questions', { error }))
    .finally(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => shutDown(`${signal} received`));
// As a shard: if the launcher dies without stopping us, do not run on as an orphan.
if (process.send) process.once('disconnect', () => shutDown('sharding manager went away'));
