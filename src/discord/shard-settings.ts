/**
 * SHARD_LIST and TOTAL_SHARDS: which shards this machine runs, of how many in all, so that several
 * machines share one bot (each its own list, the same total and the same DATABASE_URL). They become
 * discord.js's `shardList` and `totalShards`; not SHARD_COUNT or SHARDS, which discord.js's client
 * reads from the environment of each shard process the manager spawns.
 */
import { ConfigError } from './config.js';

export interface ShardSettings {
  /** TOTAL_SHARDS; undefined: the count Discord recommends (GET /gateway/bot). */
  totalShards: number | undefined;
  /** SHARD_LIST, sorted; undefined: every shard, 0 to total − 1. */
  shardList: number[] | undefined;
}

/** Discord's limit is far lower for nearly every bot; this only catches a pasted id or a typo. */
const MAX_SHARDS = 100_000;

/** Validates both; throws a `ConfigError` naming each problem. */
export function parseShardSettings(env: NodeJS.ProcessEnv): ShardSettings {
  const problems: string[] = [];
  const total = env.TOTAL_SHARDS?.trim() ?? '';
  const list = env.SHARD_LIST?.trim() ?? '';
  let totalShards: number | undefined;
  if (total !== '') {
    if (!/^\d+$/.test(total) || Number(total) < 1 || Number(total) > MAX_SHARDS) problems.push(`TOTAL_SHARDS expected a whole number of shards ≥ 1, got ${JSON.stringify(total.slice(0, 20))}`);
    else totalShards = Number(total);
  }
  let shardList: number[] | undefined;
  if (list !== '') {
    const entries = list.split(',').map((e) => e.trim()).filter((e) => e !== '');
    const bad = entries.filter((e) => !/^\d+$/.test(e));
    if (entries.length === 0 || bad.length) {
      problems.push(`SHARD_LIST expected comma-separated shard ids (whole numbers from 0), such as 0,1${bad.length ? `; not ids: ${bad.slice(0, 5).map((b) => JSON.stringify(b.slice(0, 20))).join(', ')}` : ''}`);
    } else {
      const ids = entries.map(Number);
      const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
      if (repeated.length) problems.push(`SHARD_LIST names shard ${repeated.join(', ')} more than once`);
      shardList = [...new Set(ids)].sort((a, b) => a - b);
      if (total === '') {
        problems.push('SHARD_LIST needs TOTAL_SHARDS: every machine must agree on the total (the same TOTAL_SHARDS everywhere), which a count recommended by Discord at each start does not guarantee');
      } else if (totalShards !== undefined) {
        const outside = shardList.filter((id) => id >= totalShards!);
        if (outside.length) problems.push(`SHARD_LIST names shard ${outside.join(', ')}, but with TOTAL_SHARDS=${totalShards} the shards are 0 to ${totalShards - 1}`);
      }
    }
  }
  if (problems.length) throw new ConfigError(`Configuration error: ${problems.join('; ')} (see .env.example)`);
  return { totalShards, shardList };
}
