/**
 * `npm run start:sharded`: one process per shard under discord.js's ShardingManager, for bots past
 * one process (Discord requires sharding from 2,500 guilds). Each shard runs the same `bot.js`.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { TOKEN_REJECTED, isTokenRejected } from './refusals.js';
import { startOpsServer } from './ops-http.js';
import { shardTreeEndpoints } from './ops-shards.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: [config.token] }).child({ shard: 'manager' });
const shardScript = fileURLToPath(new URL('./bot.js', import.meta.url));

/** Discord allows one IDENTIFY per 5 s per rate-limit bucket; there are max_concurrency buckets. */
const IDENTIFY_INTERVAL_MS = 5_500;

/**
 * Asks the configured REST base (not hard-wired discord.com, as discord.js's own "auto" does) how
 * many shards to run and how fast they may connect.
 */
async function gatewayPlan(): Promise<{ shards: number; spawnDelayMs: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const concurrency = Math.max(1, info.session_start_limit.max_concurrency);
  return { shards: Math.max(1, info.shards), spawnDelayMs: Math.ceil(IDENTIFY_INTERVAL_MS / concurrency) };
}

let manager: ShardingManager | undefined;

/** Shard.kill() sends SIGTERM without respawning; each shard then destroys its client and exits 0. */
function stopShards(): void {
  for (const shard of manager?.shards.values() ?? []) shard.kill();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info(`${signal} received; stopping ${manager?.shards.size ?? 0} shards`);
    stopShards();
    process.exit(0);
  });
}

// One health and metrics endpoint for the process tree (HTTP_PORT): 503 until every shard is ready.
let planned = 0;
if (config.http.port !== undefined) {
  await startOpsServer(shardTreeEndpoints(() => (manager ? { manager, total: planned } : undefined)), { port: config.http.port, host: config.http.host, logger }).catch((error: unknown) => {
    logger.error(`cannot serve health and metrics on ${config.http.host}:${config.http.port}: ${(error as Error).message}`);
    process.exit(1);
  });
}

try {
  const plan = await gatewayPlan();
  planned = plan.shards;
  manager = new ShardingManager(shardScript, { token: config.token, totalShards: plan.shards, respawn: true });
  manager.on('shardCreate', (shard) => {
    logger.info('shard starting', { shardId: shard.id, of: plan.shards });
    shard.on('death', () => logger.warn('shard process exited', { shardId: shard.id }));
  });
  await manager.spawn({ amount: plan.shards, delay: plan.spawnDelayMs, timeout: 60_000 });
  logger.info('all shards ready', { shards: plan.shards });
} catch (error) {
  logger.error(`cannot start the shards: ${isTokenRejected(error) ? TOKEN_REJECTED : (error as Error).message}`);
  // Forked shards outlive their parent unless told to stop: do not leave half a bot running.
  stopShards();
  process.exit(1);
}
