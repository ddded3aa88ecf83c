/**
 * Health and metrics under sharding: one endpoint for the whole process tree, served by the
 * ShardingManager's process (shard processes serve none, so they never fight over HTTP_PORT).
 * The manager asks each shard through discord.js's `Shard#eval`; the function sent is evaluated
 * in the shard from its source text, so it finds the shard's `BotOps` through a global registered
 * by `exposeOps`, as reload-everywhere.ts does for /reload.
 */
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { Shard, ShardingManager } from 'discord.js';
import { aggregateShardMetrics } from './metrics.js';
import type { BotOps, HealthReport } from './ops.js';
import type { OpsEndpoints } from './ops-http.js';

const KEY = 'china-llm-news-bot.ops';
/** A shard that has not answered in this long is reported as not responding. */
const ASK_TIMEOUT_MS = 3_000;

type ShardMetrics = MetricObjectWithValues<MetricValue<string>>[];

export function exposeOps(ops: BotOps): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for(KEY)] = {
    health: () => ops.health(),
    metrics: () => ops.metrics.registry.getMetricsAsJSON(),
  };
}

let asked = 0;

/** Runs `what` ('health' or 'metrics') in one shard, within ASK_TIMEOUT_MS. */
async function ask<T>(shard: Shard, what: 'health' | 'metrics'): Promise<T> {
  // A distinct script each time: discord.js shares one pending promise between identical scripts,
  // and one lost while the shard was busy would then be shared for good.
  const request = shard.eval(
    async (_client, { key, what: asking }: { key: string; what: string; n: number }) => {
      const own = (globalThis as Record<symbol, unknown>)[Symbol.for(key)] as Record<string, () => unknown> | undefined;
      return own ? await own[asking]!() : null;
    },
    { key: KEY, what, n: ++asked },
  ) as Promise<T | null>;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('not responding')), ASK_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([request, timeout]);
    if (answer === null) throw new Error('not serving health and metrics');
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

/** The endpoints for the manager: healthy when every shard is, metrics added up over the shards that answer. */
export function shardTreeEndpoints(manager: () => { manager: ShardingManager; total: number } | undefined): OpsEndpoints {
  return {
    async health(): Promise<HealthReport> {
      const current = manager();
      if (!current) return { ok: false, problems: ['shards: not started yet'] };
      const { manager: m, total } = current;
      const problems: string[] = [];
      if (m.shards.size < total) problems.push(`shards: ${m.shards.size} of ${total} started`);
      const reports = await Promise.all(
        [...m.shards.values()].map(async (shard) => {
          if (!shard.ready) return [`shard ${shard.id}: not ready yet`];
          try {
            return (await ask<HealthReport>(shard, 'health')).problems.map((p) => `shard ${shard.id}: ${p}`);
          } catch (error) {
            return [`shard ${shard.id}: ${(error as Error).message}`];
          }
        }),
      );
      problems.push(...reports.flat());
      return { ok: problems.length === 0, problems };
    },
    async metrics() {
      const shards = [...(manager()?.manager.shards.values() ?? [])].filter((s) => s.ready);
      const figures = await Promise.all(shards.map((s) => ask<ShardMetrics>(s, 'metrics').catch(() => undefined)));
      return aggregateShardMetrics(figures.filter((f): f is ShardMetrics => f !== undefined));
    },
  };
}
