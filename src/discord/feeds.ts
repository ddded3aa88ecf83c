import { join } from 'node:path';
import { FEEDS_FILE_NAME } from '../feeds/feed-list.js';
import { startFeedPoller, startSourcesWorker, type SourcesService } from '../runtime/sources-in-worker.js';
import type { BotConfig } from './config.js';
import type { Logger } from './logger.js';

/** Under sharding every shard runs bot.ts; one of them polling is enough (the lock in DATA_DIR would serialise the rest anyway). */
function pollsHere(env: NodeJS.ProcessEnv): boolean {
  if (!env.SHARDS) return true;
  try {
    return ([] as unknown[]).concat(JSON.parse(env.SHARDS)).includes(0);
  } catch {
    return true;
  }
}

/**
 * The sources worker behind `/source` and the feed poller (every FEEDS_POLL_MINUTES, 0: off). New
 * articles are written to the knowledge folder, which the holder watches: they are answered from
 * without a restart.
 */
export function startFeedsAndSources(
  config: Pick<BotConfig, 'feeds' | 'store' | 'maxArticleBytes'>,
  knowledgeDir: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): { service: SourcesService; stop(): Promise<void> } {
  const feedsFile = config.feeds.file ?? join(knowledgeDir, FEEDS_FILE_NAME);
  const service = startSourcesWorker(
    { knowledgeDir, feedsFile, dataDir: config.store.dataDir, rule: { allowPrivate: config.feeds.allowPrivateUrls }, limits: { maxArticleBytes: config.maxArticleBytes } },
    (line) => logger.info(line),
  );
  const minutes = pollsHere(env) ? config.feeds.pollMinutes : 0;
  const stopPoller = startFeedPoller(service, minutes, (line, error) => (error ? logger.warn(line, { error }) : logger.info(line)));
  logger.info(minutes > 0 ? `feeds: following ${feedsFile} every ${minutes} minutes` : 'feeds: polling is off here (FEEDS_POLL_MINUTES=0, or another shard polls)');
  return {
    service,
    async stop() {
      stopPoller();
      await service.close();
    },
  };
}
