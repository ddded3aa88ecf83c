/**
 * `npm start`: the bot as one process (also the script each shard runs under `npm run start:sharded`;
 * discord.js picks up the shard ids from the SHARDS / SHARD_COUNT variables the manager sets).
 */
import { loadEngine } from '../engine.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { startBot } from './start-bot.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, secrets: [config.token] });

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

const engine = await loadEngine().catch((error: unknown) => fail('cannot load the knowledge', error));
const bot = await startBot({ config, engine: () => engine, logger }).catch((error: unknown) =>
  fail('cannot start the bot', error),
);

function shutDown(reason: string): void {
  logger.info(`${reason}; disconnecting`);
  bot.stop().finally(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => shutDown(`${signal} received`));
// As a shard: if the launcher dies without stopping us, do not run on as an orphan.
if (process.send) process.once('disconnect', () => shutDown('sharding manager went away'));
