/**
 * `npm run bench:dm-memory`: the bot's heap after many different people have DMed it. The real
 * discord.js client, commands and engine run on the main thread; the fake Discord and the people
 * writing to the bot run in a worker thread, whose heap (V8 gives each thread its own) is not counted.
 *
 * Every person sends one DM question and gets the answer. At each checkpoint (after 1,000 people,
 * …, after all of them) the driver waits for the answers in flight, the bot's thread collects
 * garbage until the heap stops shrinking, and reports its used heap and what the client holds.
 * The figure to read is the last checkpoint's heap against the first's.
 *
 * DM_IN_FLIGHT people write at a time, so the bot answers as fast as Discord lets it: 50 requests a
 * second, which discord.js keeps to, so 50,000 people take about 17 minutes. What the bot holds for
 * a while after each question (the rate limiter's 30 s window, a REST queue until the next sweep) is
 * then what a real bot at its limit holds. `--fast` lifts the limit (the fake has none): the same
 * run in a minute or two, but with those time-bounded entries for the thousands of people of the
 * last 30 to 60 seconds counted in.
 *
 *   npm run bench:dm-memory                         # 50,000 people (17 min)
 *   npm run bench:dm-memory -- --fast               # as fast as the machine goes
 *   npm run bench:dm-memory -- --users 20000        # fewer
 *   npm run bench:dm-memory -- --dm-cache Infinity  # every DM channel kept, as before the bound
 *
 * This file is both threads: the last line sends each to its side.
 */
import { ChannelType } from 'discord.js';
import { getHeapStatistics } from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { snowflake, startFakeDiscord } from '../../test/support/fake-discord/index.js';
import { DEFAULT_DM_CHANNEL_CACHE_SIZE } from '../discord/dm-channel-cache.js';
import { createLogger } from '../discord/logger.js';
import { startBot } from '../discord/start-bot.js';
import { createEngine, defaultKnowledgeDir } from '../engine.js';
import { loadKnowledge } from '../knowledge/load.js';

const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GbenchD.abcdefghijklmnopqrstuvwxyz0123456789AB';
const DM_IN_FLIGHT = 32;
/** A few real questions in turn: the engine's answer cache serves them, so the run is about the client. */
const QUESTIONS = ['What is Qwen?', 'What is DeepSeek?', 'How many LLMs did China release in 2023?', 'Who makes Ernie Bot?'];

interface Settings {
  users: number;
  checkpoints: number[];
  dmCache: number | undefined;
  fast: boolean;
}

type FromDriver = { kind: 'fake-ready'; restBase: string; applicationId: string } | { kind: 'checkpoint'; users: number } | { kind: 'done'; seconds: number };

function settingsFrom(argv: string[]): Settings {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const users = Number(value('--users') ?? 50_000);
  const dmCacheArg = value('--dm-cache');
  const dmCache = dmCacheArg === undefined ? undefined : Number(dmCacheArg);
  if (!Number.isInteger(users) || users < 1000 || (dmCache !== undefined && !(dmCache >= 1))) {
    console.error('usage: npm run bench:dm-memory -- [--users N ≥ 1000] [--dm-cache N ≥ 1 | Infinity]');
    process.exit(2);
  }
  const checkpoints = [1000, 10_000, 25_000, users].filter((n, i, all) => n <= users && all.indexOf(n) === i);
  return { users, checkpoints, dmCache, fast: argv.includes('--fast') };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Collects until a full collection frees less than 64 KB: what is left is what the bot holds. */
async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:dm-memory does)');
  let last = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve)); // lets finalizers and weak callbacks run
    const used = getHeapStatistics().used_heap_size;
    if (last - used < 64 * 1024) return used;
    last = used;
  }
  return last;
}

// ---- main thread: the bot ----------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const worker = new Worker(new URL(import.meta.url), { workerData: settings });
  const inbox: FromDriver[] = [];
  const waiters: Array<(m: FromDriver) => void> = [];
  worker.on('message', (m: FromDriver) => (waiters.shift() ?? ((x) => inbox.push(x)))(m));
  worker.on('error', (error) => {
    console.error('bench:dm-memory driver failed:', error);
    process.exit(1);
  });
  const next = () => new Promise<FromDriver>((resolve) => (inbox.length ? resolve(inbox.shift()!) : waiters.push(resolve)));

  const fake = await next();
  if (fake.kind !== 'fake-ready') throw new Error('driver out of order');
  const engine = createEngine(await loadKnowledge(defaultKnowledgeDir()));
  const bot = await startBot({
    // As shipped: 5 questions per person per 30 s, follow-ups remembered for 10 minutes.
    config: { token: TOKEN, clientId: fake.applicationId, apiUrl: fake.restBase, rateLimit: { max: 5, windowSeconds: 30 } },
    engine: () => engine,
    logger: createLogger({ level: 'warn', secrets: [TOKEN] }),
    ...(settings.dmCache !== undefined ? { dmChannelCacheSize: settings.dmCache } : {}),
    // Discord lets a bot make 50 requests a second, and discord.js keeps to that (see the top).
    ...(settings.fast ? { clientOptions: { rest: { globalRequestsPerSecond: 1_000_000 } } } : {}),
  });
  const channels = bot.client.channels.cache;
  const bound = settings.dmCache ?? DEFAULT_DM_CHANNEL_CACHE_SIZE;
  console.log(`bench:dm-memory: ${settings.users} people, one DM question each, ` +
    `${DM_IN_FLIGHT} at a time, ${settings.fast ? 'as fast as the machine goes' : "at Discord's 50 requests a second"}; ` +
    `DM channels cached: ${bound === Infinity ? 'all (no bound)' : `at most ${bound}`}`);
  console.log('  people   heap after GC   vs first   DM channels cached   REST queues   bot thread busy');
  let elu = performance.eventLoopUtilization();
  worker.postMessage('bot-ready');

  let first: number | undefined;
  for (;;) {
    const m = await next();
    if (m.kind === 'done') {
      console.log(`  ${settings.users} DMs answered in ${m.seconds.toFixed(0)} s (checkpoints included)`);
      break;
    }
    if (m.kind !== 'checkpoint') continue;
    const heap = await settledHeap();
    first ??= heap;
    const dms = channels.filter((c) => c.type === ChannelType.DM).size;
    const busy = performance.eventLoopUtilization(elu).utilization;
    console.log(
      `  ${String(m.users).padStart(6)}   ${mb(heap).padStart(10)} MB   ${(heap >= first ? '+' : '') + mb(heap - first)} MB`.padEnd(44) +
        `${String(dms).padStart(8)}   ${String(bot.client.rest.handlers.size).padStart(15)}   ${(busy * 100).toFixed(0).padStart(14)}%`,
    );
    elu = performance.eventLoopUtilization();
    worker.postMessage('measured');
  }
  await bot.stop();
  worker.postMessage('bot-stopped');
  await new Promise((resolve) => worker.once('exit', resolve));
}

// ---- worker thread: the fake Discord and the people writing to the bot -------------------------

async function drive(): Promise<void> {
  const port = parentPort!;
  const settings = workerData as Settings;
  const told = () => new Promise((resolve) => port.once('message', resolve));
  const discord = await startFakeDiscord({ token: TOKEN, responseTimeoutMs: 30_000 });
  const botReady = told();
  port.postMessage({ kind: 'fake-ready', restBase: discord.restBase, applicationId: discord.applicationId } satisfies FromDriver);
  await botReady;

  const dm = async (i: number) => {
    const id = await discord.sendMessage(QUESTIONS[i % QUESTIONS.length]!, { dm: true, userId: snowflake() });
    await discord.waitForRequest((r) => r.method === 'POST' && r.body?.message_reference?.message_id === id, 30_000);
  };
  const t0 = performance.now();
  let sent = 0;
  let forgottenAt = 0;
  for (const checkpoint of settings.checkpoints) {
    while (sent < checkpoint) {
      const batch = Math.min(DM_IN_FLIGHT, checkpoint - sent);
      await Promise.all(Array.from({ length: batch }, (_, k) => dm(sent + k)));
      sent += batch;
      // The fake's own history (requests, messages, synthesised users) is of no use here, and
      // waitForRequest looks through it.
      if (sent - forgottenAt >= 1000) {
        discord.forgetHistory();
        forgottenAt = sent;
      }
    }
    discord.forgetHistory();
    const measured = told();
    port.postMessage({ kind: 'checkpoint', users: sent } satisfies FromDriver);
    await measured;
  }
  port.postMessage({ kind: 'done', seconds: (performance.now() - t0) / 1000 } satisfies FromDriver);
  await told(); // the bot disconnects first
  await discord.close();
}

if (isMainThread) await main();
else await drive();
