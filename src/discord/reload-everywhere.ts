import type { Client } from 'discord.js';
import type { ReloadResult } from '../runtime/knowledge-holder.js';
import type { Logger } from './logger.js';

/**
 * `/reload` under sharding: each shard process serves its own copy of the knowledge, and a command
 * reaches only one shard. So the shard that gets it asks every shard (itself included) to reload,
 * through discord.js's broadcastEval, and answers with its own result. Without sharding it just
 * reloads. The function broadcastEval sends is evaluated in each shard from its source text, so it
 * finds the shard's reload through a global registered by `exposeReload`, not through a closure.
 */
const KEY = 'china-llm-news-bot.reloadKnowledge';

export function exposeReload(reload: () => Promise<ReloadResult>): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for(KEY)] = reload;
}

export async function reloadEverywhere(client: Client, reload: () => Promise<ReloadResult>, logger: Logger): Promise<ReloadResult> {
  if (!client.shard) return reload();
  const results = (await client.shard.broadcastEval(async (_c, key: string) => {
    const own = (globalThis as Record<symbol, unknown>)[Symbol.for(key)] as (() => Promise<unknown>) | undefined;
    return own ? await own() : null;
  }, { context: KEY })) as Array<ReloadResult | null>;
  const summary = results.map((r, shardId) => ({ shardId, result: r === null ? 'no knowledge' : r.ok ? (r.changed ? 'reloaded' : 'unchanged') : 'refused' }));
  logger.info(`/reload reached ${results.length} shards`, { shards: summary });
  return results[client.shard.ids[0] ?? 0] ?? (await reload());
}
