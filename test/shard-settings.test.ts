/** Issue 18, item 5: SHARD_LIST and TOTAL_SHARDS, checked at start-up with errors that say what is wrong. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/discord/config.js';
import { parseShardSettings } from '../src/discord/shard-settings.js';

const problem = (env: NodeJS.ProcessEnv) => {
  try {
    parseShardSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('SHARD_LIST and TOTAL_SHARDS', () => {
  it('unset: every shard, of the count Discord recommends', () => {
    expect(parseShardSettings({})).toEqual({ totalShards: undefined, shardList: undefined });
    expect(parseShardSettings({ SHARD_LIST: ' ', TOTAL_SHARDS: '' })).toEqual({ totalShards: undefined, shardList: undefined });
  });

  it("reads this machine's share, sorted, tolerating spaces and empty entries", () => {
    expect(parseShardSettings({ TOTAL_SHARDS: '4', SHARD_LIST: ' 3, 2,' })).toEqual({ totalShards: 4, shardList: [2, 3] });
    expect(parseShardSettings({ TOTAL_SHARDS: '6' })).toEqual({ totalShards: 6, shardList: undefined });
  });

  it('names each problem: not a number, out of range, repeated, or a list without the total', () => {
    expect(problem({ TOTAL_SHARDS: 'four' })).toMatch(/TOTAL_SHARDS expected a whole number of shards ≥ 1/);
    expect(problem({ TOTAL_SHARDS: '0' })).toMatch(/TOTAL_SHARDS expected a whole number/);
    expect(problem({ TOTAL_SHARDS: '4', SHARD_LIST: '0,x,-1' })).toMatch(/SHARD_LIST expected comma-separated shard ids .*not ids: "x", "-1"/);
    expect(problem({ TOTAL_SHARDS: '4', SHARD_LIST: '2,4,7' })).toMatch(/SHARD_LIST names shard 4, 7, but with TOTAL_SHARDS=4 the shards are 0 to 3/);
    expect(problem({ TOTAL_SHARDS: '4', SHARD_LIST: '1,1' })).toMatch(/SHARD_LIST names shard 1 more than once/);
    expect(problem({ SHARD_LIST: '0,1' })).toMatch(/SHARD_LIST needs TOTAL_SHARDS/);
    expect(problem({ SHARD_LIST: ',' })).toMatch(/SHARD_LIST expected comma-separated shard ids/);
  });
});
