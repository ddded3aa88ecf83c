/**
 * Runs the real bot (startBot + the real engine + the real commands) against the fake Discord on
 * loopback. Shared by the discord-*.test.ts end-to-end files; not a test file itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyCommand } from '../commands/index.js';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { createLogger } from '../src/discord/logger.js';
import { startBot, type RunningBot } from '../src/discord/start-bot.js';
import { loadEngine } from '../src/engine.js';
import type { Engine } from '../src/engine-types.js';
import { KnowledgeHolder, type ReloadResult } from '../src/runtime/knowledge-holder.js';
import { openStore } from '../src/store/open.js';
import type { QuestionStore } from '../src/store/types.js';
import type { SourcesService } from '../src/runtime/sources-in-worker.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './support/fake-discord/index.js';

/** A token shaped like a real one, so the same value also passes the config check in child processes. */
export const TEST_TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GabcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

let enginePromise: Promise<Engine> | undefined;
/** The real engine over the project's knowledge/, built once per test file. */
export function realEngine(): Promise<Engine> {
  enginePromise ??= loadEngine();
  return enginePromise;
}

export interface BotOnFake {
  discord: FakeDiscord;
  bot: RunningBot;
  /** The engine at start-up (with `knowledge`, the holder's first one). */
  engine: Engine;
  /** With `knowledge`: the holder the bot serves from, as `bot.ts` wires it. */
  holder?: KnowledgeHolder;
  /** With `knowledge`: every reload result, watched or asked for, in order. */
  reloads: ReloadResult[];
  /** Every log line the bot wrote (debug level, so token redaction in debug output is checked too). */
  logs: string[];
  close(): Promise<void>;
}

export interface BotOnFakeOptions {
  fake?: FakeDiscordOptions;
  rateLimit?: { max: number; windowSeconds: number };
  /** Wraps the real engine (e.g. to make it throw). */
  engine?: (real: Engine) => Engine;
  commands?: ReadonlyMap<string, AnyCommand>;
  /** Serve a knowledge folder through a KnowledgeHolder (reloadable) instead of the fixed real engine. */
  knowledge?: { dir: string; watch?: boolean; debounceMs?: number; maxArticleBytes?: number };
  /** OWNER_IDS (a function: from the fake's fixture ids, e.g. `(d) => [d.ownerUserId]`). */
  ownerIds?: string[] | ((discord: FakeDiscord) => string[]);
  /** FOLLOW_UP_MINUTES (default 10). */
  followUpMinutes?: number;
  /** Where questions are recorded (default: nothing is kept); the test closes it. */
  store?: QuestionStore;
  /** DM channels the client keeps cached at most (default: the bot's own default). */
  dmChannelCacheSize?: number;
  /** What `/source` runs; the test closes it. */
  sources?: SourcesService;
}

export async function startBotOnFake(options: BotOnFakeOptions = {}): Promise<BotOnFake> {
  const discord = await startFakeDiscord({ heartbeatIntervalMs: 500, token: TEST_TOKEN, ...options.fake });
  const commands = options.commands ?? (await loadCommands());
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [discord.token], write: (line) => logs.push(line.trimEnd()) });
  const reloads: ReloadResult[] = [];
  let holder: KnowledgeHolder | undefined;
  let serve: () => Engine;
  if (options.knowledge) {
    const { dir, watch = false, debounceMs, maxArticleBytes } = options.knowledge;
    holder = await KnowledgeHolder.open(dir, { logger, debounceMs, maxArticleBytes, onReload: (r) => reloads.push(r) });
    if (watch) holder.watch();
    serve = holder.engine;
  } else {
    const real = await realEngine();
    const fixed = options.engine ? options.engine(real) : real;
    serve = () => fixed;
  }
  // Registered first, as an admin would: the fake then checks options against the registered schema.
  await deployCommands({ token: discord.token, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands });
  const bot = await startBot({
    config: {
      token: discord.token,
      clientId: discord.applicationId,
      apiUrl: discord.restBase,
      rateLimit: options.rateLimit ?? { max: 1000, windowSeconds: 30 },
      ownerIds: typeof options.ownerIds === 'function' ? options.ownerIds(discord) : (options.ownerIds ?? []),
      ...(options.followUpMinutes !== undefined ? { followUpMinutes: options.followUpMinutes } : {}),
    },
    engine: serve,
    ...(holder ? { reload: holder.reload.bind(holder) } : {}),
    logger,
    commands,
    ...(options.store ? { store: options.store } : {}),
    ...(options.dmChannelCacheSize !== undefined ? { dmChannelCacheSize: options.dmChannelCacheSize } : {}),
    ...(options.sources ? { sources: options.sources } : {}),
  });
  return {
    discord,
    bot,
    engine: serve(),
    ...(holder ? { holder } : {}),
    reloads,
    logs,
    async close() {
      holder?.close();
      await bot.stop();
      await discord.close();
    },
  };
}

/** The bot's messages posted into a channel (replies to mentions and DMs). */
export function channelPosts(discord: FakeDiscord, channelId: string): RecordedRequest[] {
  return discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

/** Waits for the bot's reply to one message (matched by message_reference). */
export function replyTo(discord: FakeDiscord, messageId: string, timeoutMs = 5000): Promise<RecordedRequest> {
  return discord.waitForRequest(
    (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === messageId,
    timeoutMs,
  );
}

/** The bot on the loopback Discord, recording questions in a store of its own. */
export interface BotWithStore {
  bot: BotOnFake;
  store: QuestionStore;
  dataDir: string;
  /** Stops the bot, closes the store and removes its folder. */
  close(): Promise<void>;
}

export async function startBotWithStore(prefix: string): Promise<BotWithStore> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const store = await openStore({ enabled: true, dataDir });
  const bot = await startBotOnFake({ store });
  return {
    bot,
    store,
    dataDir,
    async close() {
      await bot.close().catch(() => undefined);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The 👍 and 👎 custom ids under an answer message. */
export function voteIds(message: any): { up: string; down: string } {
  const ids: string[] = (message.components ?? []).flatMap((row: any) => row.components).map((b: any) => b.custom_id).filter(Boolean);
  return { up: ids.find((id) => id.startsWith('vote:up:'))!, down: ids.find((id) => id.startsWith('vote:down:'))! };
}
