import { Events, type Client, type ClientOptions } from 'discord.js';
import type { AnyCommand, CommandContext } from '../../commands/index.js';
import type { Engine } from '../engine-types.js';
import type { ReloadResult } from '../runtime/knowledge-holder.js';
import { createBotClient } from './client.js';
import type { BotConfig } from './config.js';
import { loadCommands } from './load-commands.js';
import { createLogger, type Logger } from './logger.js';
import { DmMemory } from './conversation.js';
import { createMessageHandler } from './messages.js';
import { RateLimiter } from './rate-limiter.js';
import { sweepIdleRestQueues } from './rest-queues.js';
import { DiscordRefusal, TOKEN_REJECTED, gatewayRefusal, isTokenRejected } from './refusals.js';
import { createInteractionRouter } from './router.js';
import { timedEngine, type BotOps } from './ops.js';
import { NO_STORE, type QuestionStore } from '../store/types.js';
import type { SourcesService } from '../runtime/sources-in-worker.js';

export interface StartBotOptions {
  config: Pick<BotConfig, 'token' | 'clientId' | 'apiUrl' | 'rateLimit'> & Partial<Pick<BotConfig, 'ownerIds' | 'followUpMinutes'>>;
  /** Called for every question, so that a knowledge reload can swap the engine underneath. */
  engine: () => Engine;
  /** What `/reload` runs (usually `() => holder.reload()`); without it `/reload` reports it cannot reload. */
  reload?: () => Promise<ReloadResult>;
  logger?: Logger;
  /** Defaults to the modules in `commands/`; tests pass their own map (e.g. one that throws). */
  commands?: ReadonlyMap<string, AnyCommand>;
  /** Extra discord.js options (tests shorten REST timeouts); safety defaults cannot be overridden. */
  clientOptions?: Partial<ClientOptions>;
  /** DM channels kept cached at most (default 1,000; tests and the memory bench set it). */
  dmChannelCacheSize?: number;
  /**
   * Called when Discord closes the gateway for good after start-up (token reset, intents
   * withdrawn, …): discord.js will not reconnect, so the caller should end the process. Before
   * the bot is ready the same refusal rejects `startBot` instead. Defaults to logging it.
   */
  onRefusal?: (refusal: DiscordRefusal) => void;
  /** Where questions and votes are recorded; the caller opens and closes it. Default: nothing is kept. */
  store?: QuestionStore;
  /** What `/source` runs (articles and feeds by URL); the caller starts and closes it. */
  sources?: SourcesService;
  /** Health and metrics (HTTP_PORT): given the client as soon as it exists, and fed by every surface. */
  ops?: BotOps;
}

export interface RunningBot {
  client: Client<true>;
  logger: Logger;
  /** Closes the gateway connection and stops all timers; safe to call twice. */
  stop(): Promise<void>;
}

/** Logs what an operator needs to see about the connection: drops, resumes, errors. */
function wireConnectionLogs(client: Client, logger: Logger): void {
  // A fatal close gets its own line saying what to do (see startBot); discord.js's bare error for it
  // ("Used disallowed intents", with a stack) would only bury that line.
  const refusedShards = new Set<number>();
  client.on(Events.Error, (error) => logger.error('client error', { error }));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (gatewayRefusal(event.code, shardId)) refusedShards.add(shardId);
    else logger.warn('gateway closed', { shardId, code: event.code });
  });
  client.on(Events.ShardReconnecting, (shardId) => logger.info('gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info('gateway resumed', { shardId, replayed }));
  client.on(Events.ShardError, (error, shardId) => {
    if (refusedShards.has(shardId)) logger.debug('gateway error', { shardId, error });
    else logger.error('gateway error', { shardId, error });
  });
  // discord.js debug output is chatty; only attach when asked. The logger redacts tokens in it.
  if (logger.level === 'debug') {
    const discordJs = logger.child({ source: 'discord.js' });
    client.on(Events.Debug, (message) => discordJs.debug(message));
  }
}

/**
 * Connects a bot client, wires commands, mentions and DMs, and resolves once the client is ready.
 * Everything it needs is passed in, so tests and the sharded launcher run exactly this code.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ secrets: [config.token] });
  const commands = options.commands ?? (await loadCommands());
  const { ops } = options;
  const limiter = new RateLimiter({ max: config.rateLimit.max, windowMs: config.rateLimit.windowSeconds * 1000, ...(ops ? { onRefused: (s) => ops.metrics.rateLimited(s) } : {}) });
  const context: CommandContext = {
    engine: ops ? timedEngine(options.engine, (s) => ops.metrics.answerTime(s)) : options.engine,
    logger,
    reload: options.reload,
    ownerIds: new Set(config.ownerIds ?? []),
    store: options.store ?? NO_STORE,
    ...(options.sources ? { sources: options.sources } : {}),
    ...(ops ? { metrics: ops.metrics } : {}),
  };

  const client = createBotClient(
    { apiUrl: config.apiUrl, dmChannelCacheSize: options.dmChannelCacheSize },
    // A reply to a message deleted meanwhile is still worth posting, just without the reference.
    { failIfNotExists: false, ...options.clientOptions },
  );
  wireConnectionLogs(client, logger);
  ops?.attach(client);

  const route = createInteractionRouter({ commands, context, limiter });
  const dms = new DmMemory((config.followUpMinutes ?? 10) * 60_000);
  const onMessage = createMessageHandler({ context, limiter, dms });
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((error: unknown) => logger.error('interaction router failed', { error }));
  });
  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) => logger.error('message router failed', { error }));
  });

  // A fatal close rejects the start while connecting (discord.js's own error says only "Authentication
  // failed"), and goes to onRefusal once the bot is up.
  let refuse: (refusal: DiscordRefusal) => void;
  const refused = new Promise<never>((_resolve, reject) => (refuse = reject));
  refused.catch(() => undefined);
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const refusal = gatewayRefusal(event.code, shardId);
    if (refusal) refuse(refusal);
  });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  let readyClient: Client<true>;
  try {
    const login = client.login(config.token);
    login.catch(() => undefined); // after a refusal, login fails too: the refusal is the one reported
    await Promise.race([login, refused]);
    readyClient = await Promise.race([ready, refused]);
  } catch (error) {
    await client.destroy();
    throw isTokenRejected(error) ? new DiscordRefusal(TOKEN_REJECTED, { cause: error }) : error;
  }
  refuse = options.onRefusal ?? ((refusal) => logger.error(refusal.message));
  if (readyClient.application.id !== config.clientId) {
    logger.warn('DISCORD_CLIENT_ID does not match the application of this token; deploy-commands will register elsewhere', {
      configured: config.clientId,
      actual: readyClient.application.id,
    });
  }
  logger.info('bot ready', {
    user: readyClient.user.tag,
    guilds: readyClient.guilds.cache.size,
    shards: readyClient.ws.shards.map((s) => s.id),
    commands: [...commands.keys()],
  });

  // One REST queue per channel answered in, DMs included: dropped when idle (rest-queues.ts).
  const stopSweep = sweepIdleRestQueues(client.rest);
  let stopped = false;
  return {
    client: readyClient,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopSweep();
      await client.destroy();
    },
  };
}
