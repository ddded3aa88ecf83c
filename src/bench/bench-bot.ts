/**
 * `npm run bench:bot`: interaction → reply latency on loopback. The real discord.js client, the real
 * commands and engine run on the main thread; the fake Discord (REST + gateway on 127.0.0.1,
 * validating every payload against Discord's API description) and the load driver run in a worker
 * thread, as Discord would on its own machine. Latency is what the fake sees: from dispatching
 * INTERACTION_CREATE to receiving the bot's callback. Target: p95 ≤ 50 ms with 100 in flight.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { snowflake, startFakeDiscord, type FakeDiscord } from '../../test/support/fake-discord/index.js';
import { deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../discord/load-commands.js';
import { createLogger } from '../discord/logger.js';
import { startBot } from '../discord/start-bot.js';
import { defaultKnowledgeDir, loadEngine } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { ms, summarise } from './stats.js';

const IN_FLIGHT = 100;
const ROUNDS = 10;
const SEQUENTIAL = 200;
const TARGET_P95_MS = 50;
/** A bench token: the fake accepts whatever it is given. */
const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GbEnCh.benchbenchbenchbenchbenchbenchbenchXY';

type FromDriver =
  | { kind: 'fake-ready'; restBase: string; applicationId: string }
  | { kind: 'phase'; name: 'warm' | 'measure' | 'done' }
  | { kind: 'results'; sequential: number[]; concurrent: number[]; wallMs: number; fakeUtilisation: number; violations: string[] };

// ---- worker thread: the fake Discord and the load driver -------------------------------------

/** One /ask round trip, timed from just before dispatch to the callback landing at the fake. */
async function timedAsk(discord: FakeDiscord, question: string): Promise<number> {
  const started = performance.now();
  const result = await discord.sendCommand('ask', { question }, { userId: snowflake(), timeoutMs: 30_000 });
  const elapsed = performance.now() - started;
  if (result.callback.type !== 4 || !result.callback.data?.embeds?.length) throw new Error(`no answer for "${question}"`);
  return elapsed;
}

async function drive(): Promise<void> {
  const port = parentPort!;
  const root = dirname(defaultKnowledgeDir());
  const questions = readFileSync(join(root, 'test', 'fixtures', 'dev-questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q);
  const ask = (i: number) => questions[i % questions.length]!;
  const round = (offset: number) => Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => timedAsk(discord, ask(offset + i))));

  const discord = await startFakeDiscord({ token: TOKEN, responseTimeoutMs: 30_000 });
  await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
  const botReady = new Promise((resolve) => port.once('message', resolve));
  port.postMessage({ kind: 'fake-ready', restBase: discord.restBase, applicationId: discord.applicationId } satisfies FromDriver);
  await botReady;

  port.postMessage({ kind: 'phase', name: 'warm' } satisfies FromDriver);
  for (let r = 0; r < 3; r++) await round(r * IN_FLIGHT); // JIT, caches, keep-alive sockets

  port.postMessage({ kind: 'phase', name: 'measure' } satisfies FromDriver);
  const elu = performance.eventLoopUtilization();
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await timedAsk(discord, ask(i)));
  const concurrent: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) concurrent.push(...(await round(r * IN_FLIGHT)));
  const wallMs = performance.now() - t0;
  const fakeUtilisation = performance.eventLoopUtilization(elu).utilization;
  port.postMessage({ kind: 'phase', name: 'done' } satisfies FromDriver);

  port.postMessage({ kind: 'results', sequential, concurrent, wallMs, fakeUtilisation, violations: [...discord.violations] } satisfies FromDriver);
  await new Promise((resolve) => port.once('message', resolve)); // the bot has disconnected
  await discord.close();
}

// ---- main thread: the bot ----------------------------------------------------------------------

async function main(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url));
  const messages: FromDriver[] = [];
  const waiters: Array<(m: FromDriver) => void> = [];
  worker.on('message', (m: FromDriver) => (waiters.shift() ?? ((x) => messages.push(x)))(m));
  worker.on('error', (error) => {
    console.error('bench:bot driver failed:', error);
    process.exit(1);
  });
  const next = () => new Promise<FromDriver>((resolve) => (messages.length ? resolve(messages.shift()!) : waiters.push(resolve)));

  const fake = await next();
  if (fake.kind !== 'fake-ready') throw new Error('driver out of order');
  const real = await loadEngine();
  // Time spent inside engine.answer(), to tell the engine's share of the bot's work from discord.js's.
  let answerMs = 0;
  let answers = 0;
  const engine: Engine = {
    get stats() {
      return real.stats;
    },
    answer(question) {
      const t0 = performance.now();
      const answer = real.answer(question);
      answerMs += performance.now() - t0;
      answers++;
      return answer;
    },
    search: (query, limit) => real.search(query, limit),
    suggest: (partial, limit) => real.suggest(partial, limit),
    sources: () => real.sources(),
  };
  const bot = await startBot({
    // Every interaction has its own user, so the per-user limit would not bite; make it moot anyway.
    config: { token: TOKEN, clientId: fake.applicationId, apiUrl: fake.restBase, rateLimit: { max: 1_000_000, windowSeconds: 1 } },
    engine: () => engine,
    logger: createLogger({ level: 'warn', secrets: [TOKEN] }),
  });
  worker.postMessage('bot-ready');

  // How busy the bot's thread is during the measured phase: its CPU cost per interaction.
  let elu = performance.eventLoopUtilization();
  let results: Extract<FromDriver, { kind: 'results' }> | undefined;
  for (;;) {
    const m = await next();
    if (m.kind === 'phase' && m.name === 'measure') elu = performance.eventLoopUtilization();
    if (m.kind === 'phase' && m.name === 'done') elu = performance.eventLoopUtilization(elu);
    if (m.kind === 'results') {
      results = m;
      break;
    }
  }
  await bot.stop();
  worker.postMessage('bot-stopped');
  await new Promise((resolve) => worker.once('exit', resolve));

  const one = summarise(results.sequential);
  const many = summarise(results.concurrent);
  const count = results.sequential.length + results.concurrent.length;
  const busyPerInteraction = elu.active / count; // ms of bot-thread work per interaction (both measured phases)
  const throughput = results.concurrent.length / (results.wallMs / 1000);
  console.log('bench:bot: /ask interaction → reply callback on loopback (bot on the main thread; fake Discord + driver in a worker)');
  console.log(`  1 in flight            n=${one.n}: p50 ${ms(one.p50)}, p95 ${ms(one.p95)}, p99 ${ms(one.p99)}`);
  console.log(`  ${IN_FLIGHT} in flight × ${ROUNDS} rounds n=${many.n}: p50 ${ms(many.p50)}, p95 ${ms(many.p95)}, p99 ${ms(many.p99)}`);
  console.log(`  throughput at ${IN_FLIGHT} in flight: ${throughput.toFixed(0)} interactions/s`);
  console.log(
    `  bot thread busy per interaction: ${ms(busyPerInteraction)} (event-loop utilisation ${(elu.utilization * 100).toFixed(0)}%), ` +
      `of which engine.answer(): ${ms(answerMs / answers)}`,
  );
  console.log(`  fake Discord thread utilisation: ${(results.fakeUtilisation * 100).toFixed(0)}% (it validates every payload)`);
  console.log(`  target p95 ≤ ${TARGET_P95_MS} ms at ${IN_FLIGHT} in flight: ${many.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}`);
  if (results.violations.length > 0) console.log(`  API violations recorded by the fake: ${results.violations.length} (first: ${results.violations[0]})`);
}

if (isMainThread) await main();
else await drive();
