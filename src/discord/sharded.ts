/**
 * `npm run start:sharded`: one process per shard under discord.js's ShardingManager, for bots past
 * one process (Discord requires sharding from 2,500 guilds). Each shard runs the same `bot.js`.
 * SHARD_LIST and TOTAL_SHARDS (shard-settings.ts) give this machine its share of the shards.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { ConfigError, loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';
import { TOKEN_REJECTED, isTokenRejected } from './refusals.js';
import { startOpsServer } from './ops-http.js';
import { shardTreeEndpoints } from './ops-shards.js';
import { parseShardSettings, type ShardSettings } from './shard-settings.js';

const config = loadConfigOrExit();
let shardSettings: ShardSettings;
try {
  shardSettings = parseShardSettings(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
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
  // TOTAL_SHARDS overrides Discord's recommendation (every machine must use the same total).
  const total = shardSettings.totalShards ?? plan.shards;
  if (total < plan.shards) logger.warn(`TOTAL_SHARDS=${total} is below the ${plan.shards} shards Discord recommends: Discord may refuse the connection (close code 4011)`);
  const shardList = shardSettings.shardList ?? [...Array(total).keys()];
  planned = shardList.length;
  manager = new ShardingManager(shardScript, { token: config.token, totalShards: total, shardList, respawn: true });
  manager.on('shardCreate', (shard) => {
    logger.info('shard starting', { shardId: shard.id, of: total });
    shard.on('death', () => logger.warn('shard process exited', { shardId: shard.id }));
  });
  await manager.spawn({ amount: total, delay: plan.spawnDelayMs, timeout: 60_000 });
  logger.info('all shards ready', { shards: shardList.length, shardList, totalShards: total });
} catch (error) {
  logger.error(`cannot start the shards: ${isTokenRejected(error) ? TOKEN_REJECTED : (error as Error).message}`);
  // Forked shards outlive their parent unless told to stop: do not leave half a bot running.
  stopShards();
  process.exit(1);
}
