/**
 * `npm run bench:bot`: interaction → reply latency on loopback. The real discord.js client, the real
 * commands and engine run on the main thread; the fake Discord (REST + gateway on 127.0.0.1,
 * validating every payload against Discord's API description) and the load driver run in a worker
 * thread, as Discord would on its own machine.
 *
 * Each interaction is timed from just before the fake builds and dispatches INTERACTION_CREATE until
 * the fake has received, validated and recorded the bot's reply callback: the round trip the target
 * is judged on. It is also timed to the reply leaving the bot (undici's documented
 * `undici:request:bodySent` diagnostics channel, observed from the bench, the bot untouched): the
 * bot's share, without the fake's own queue. That time is read just after the write returns, so it
 * is an upper bound: when the kernel runs the woken fake first, it can even follow the fake's record.
 *
 * Measurements start after WARM_UP_ROUNDS bursts: V8 keeps compiling hot functions with TurboFan for
 * the first few thousand interactions (with 300 interactions of warm-up, a second of background
 * compilation fell inside the measured bursts and doubled their latency), and a running bot is long
 * past that.
 *
 * Phases: 1 in flight (sequential) and bursts of 100 dispatched at once (the target: p95 ≤ 50 ms),
 * each with questions recorded to the SQLite store and without, in alternating slices; a
 * steady open-loop rate, timed from each interaction's scheduled dispatch, so a backlog in either
 * thread counts against it; and the bursts again with the engine's answer cache off, so that every
 * question is searched, composed and rendered anew. Each thread's busy time (event-loop utilisation)
 * is measured per phase and divided by the interactions in it: the CPU cost per interaction on
 * either side. BENCH_CPU_PROFILE=<dir> writes one CPU profile per thread of one phase only
 * (BENCH_CPU_PROFILE_PHASE: sequential, burst (default), steady or uncached).
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { snowflake, startFakeDiscord, type FakeDiscord } from '../../test/support/fake-discord/index.js';
import { deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../discord/load-commands.js';
import { createLogger } from '../discord/logger.js';
import { startBot } from '../discord/start-bot.js';
import { createEngine, defaultKnowledgeDir } from '../engine.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Engine } from '../engine-types.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { QuestionStore } from '../store/types.js';
import { PROFILED_PHASE, startPhaseProfile, type PhaseProfiler } from './cpu-profile.js';
import { ms, summarise } from './stats.js';

const IN_FLIGHT = 100;
const ROUNDS = 20;
/** 3,000 interactions: enough for V8's optimizing compiler to settle (see the top of the file). */
const WARM_UP_ROUNDS = 30;
const SEQUENTIAL = 200;
/** The open-loop phase: a rate a 2-core machine sustains with room to spare (bursts reach ~4,000/s). */
const STEADY_RATE_PER_S = 500;
const STEADY_MS = 2000;
const TARGET_P95_MS = 50;
const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback/;
/** A bench token: the fake accepts whatever it is given. */
const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GbEnCh.benchbenchbenchbenchbenchbenchbenchXY';

type Phase = 'warm' | 'sequential' | 'sequentialStore' | 'burst' | 'burstStore' | 'steady' | 'uncached' | 'done';
const MEASURED = ['sequential', 'sequentialStore', 'burst', 'burstStore', 'steady', 'uncached'] as const;
/** Phases with questions recorded to the SQLite store (the warm-up too, so its code is compiled); the others record nothing. */
const RECORDING: ReadonlySet<Phase> = new Set(['warm', 'sequentialStore', 'burstStore']);
type Measured = (typeof MEASURED)[number];
/** One interaction: its id, when it was dispatched (clockMs) and its round trip. */
interface Timed { id: string; dispatchedAt: number; roundTripMs: number }
interface PhaseResult { timed: Timed[]; wallMs: number; busyMs: number }

type FromDriver =
  | { kind: 'fake-ready'; restBase: string; applicationId: string }
  | { kind: 'phase'; name: Phase }
  | { kind: 'results'; phases: Record<Measured, PhaseResult>; questions: number; violations: string[] };

// ---- worker thread: the fake Discord and the load driver -------------------------------------

/**
 * The monotonic clock in milliseconds: one clock for the whole process, so times taken on the two
 * threads compare directly (performance.now() counts from each thread's own start).
 */
const clockMs = () => Number(process.hrtime.bigint()) / 1e6;

/** One /ask round trip, timed from `started` (default: now, just before dispatch) to the callback landing. */
async function timedAsk(discord: FakeDiscord, question: string, started = performance.now()): Promise<Timed> {
  const dispatchedAt = clockMs() - (performance.now() - started);
  const result = await discord.sendCommand('ask', { question }, { userId: snowflake(), timeoutMs: 30_000 });
  const roundTripMs = performance.now() - started;
  if (result.callback.type !== 4 || !result.callback.data?.embeds?.length) throw new Error(`no answer for "${question}"`);
  return { id: result.interactionId, dispatchedAt, roundTripMs };
}

const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

async function drive(): Promise<void> {
  const port = parentPort!;
  const root = dirname(defaultKnowledgeDir());
  const questions = readFileSync(join(root, 'test', 'fixtures', 'dev-questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { q: string }).q);
  const ask = (i: number) => questions[i % questions.length]!;
  const round = (offset: number) => Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => timedAsk(discord, ask(offset + i))));
  /** Every request to the main thread is acknowledged, so each phase starts on both threads together. */
  const acked = () => new Promise((resolve) => port.once('message', resolve));
  const enter = async (name: Phase) => {
    const ack = acked();
    port.postMessage({ kind: 'phase', name } satisfies FromDriver);
    await ack;
  };
  /** Runs a measured phase, with this thread's busy time (the fake's work) over its wall time. */
  const measure = async (name: Measured, run: () => Promise<Timed[]>): Promise<PhaseResult> => {
    await enter(name);
    const profile = name === PROFILED_PHASE ? await startPhaseProfile('fake') : undefined;
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    const timed = await run();
    const wallMs = performance.now() - t0;
    const busyMs = performance.eventLoopUtilization(elu).active;
    await profile?.stop();
    return { timed, wallMs, busyMs };
  };
  /** Open loop: dispatch on schedule whatever the backlog; latency counts from the scheduled time. */
  const steady = async (): Promise<Timed[]> => {
    const n = Math.round((STEADY_RATE_PER_S * STEADY_MS) / 1000);
    const interval = 1000 / STEADY_RATE_PER_S;
    const t0 = performance.now();
    const pending: Array<Promise<Timed>> = [];
    for (let i = 0; i < n; ) {
      for (const now = performance.now(); i < n && t0 + i * interval <= now; i++) pending.push(timedAsk(discord, ask(i), t0 + i * interval));
      if (i < n) await sleep(t0 + i * interval - performance.now());
    }
    return Promise.all(pending);
  };

  const discord = await startFakeDiscord({ token: TOKEN, responseTimeoutMs: 30_000 });
  await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
  const botReady = acked();
  port.postMessage({ kind: 'fake-ready', restBase: discord.restBase, applicationId: discord.applicationId } satisfies FromDriver);
  await botReady;

  await enter('warm');
  for (let r = 0; r < WARM_UP_ROUNDS; r++) await round(r * IN_FLIGHT); // JIT, caches, keep-alive sockets
  const oneByOne = (n: number) => async (): Promise<Timed[]> => {
    const out: Timed[] = [];
    for (let i = 0; i < n; i++) out.push(await timedAsk(discord, ask(i)));
    return out;
  };
  const bursts = (rounds: number) => async (): Promise<Timed[]> => {
    const out: Timed[] = [];
    for (let r = 0; r < rounds; r++) out.push(...(await round(r * IN_FLIGHT)));
    return out;
  };
  /**
   * Recording off and on in alternating slices (off-on, on-off, …), so that neither gets the
   * machine in a better state (warmer JIT, emptier heap, a quieter neighbour) than the other.
   */
  const alternate = async (off: Measured, on: Measured, slices: number, slice: () => Promise<Timed[]>) => {
    const sum: Record<'off' | 'on', PhaseResult> = { off: { timed: [], wallMs: 0, busyMs: 0 }, on: { timed: [], wallMs: 0, busyMs: 0 } };
    for (let k = 0; k < slices; k++) {
      for (const which of k % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const r = await measure(which === 'off' ? off : on, slice);
        sum[which].timed.push(...r.timed);
        sum[which].wallMs += r.wallMs;
        sum[which].busyMs += r.busyMs;
      }
    }
    return sum;
  };
  const sequentials = await alternate('sequential', 'sequentialStore', SEQUENTIAL / 20, oneByOne(20));
  const burstPairs = await alternate('burst', 'burstStore', ROUNDS, bursts(1));
  const [sequential, sequentialStore, burst, burstStore] = [sequentials.off, sequentials.on, burstPairs.off, burstPairs.on];
  const steadyResult = await measure('steady', steady);
  const uncached = await measure('uncached', bursts(ROUNDS));
  await enter('done');

  const phases = { sequential, sequentialStore, burst, burstStore, steady: steadyResult, uncached };
  port.postMessage({ kind: 'results', phases, questions: questions.length, violations: [...discord.violations] } satisfies FromDriver);
  await acked(); // the bot has disconnected
  await discord.close();
}

// ---- main thread: the bot ----------------------------------------------------------------------

async function main(): Promise<void> {
  const load = loadavg(); // before the bench adds its own
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
  // When each interaction's callback left the bot: undici publishes bodySent right after writing it.
  const onWireAt = new Map<string, number>();
  subscribe('undici:request:bodySent', (message) => {
    const { request } = message as { request: { path: string } };
    const id = CALLBACK_PATH.exec(request.path)?.[1];
    if (id) onWireAt.set(id, clockMs());
  });
  // The bot's engine as shipped (answers cached), and one that searches, composes and renders every
  // question afresh: the last phase measures the bot when no question has been asked before.
  const knowledge = await loadKnowledge(defaultKnowledgeDir());
  const cached = createEngine(knowledge);
  const uncached = createEngine(knowledge, { answerCacheSize: 0 });
  let phase: Phase = 'warm';
  // Time spent inside engine.answer() per phase, to tell the engine's share of the bot's work.
  const answerTime = new Map<Phase, { ms: number; calls: number }>();
  const engine: Engine = {
    get stats() {
      return cached.stats;
    },
    answer(question) {
      const t0 = performance.now();
      // The warm-up runs both, so that both paths are compiled and the cache holds every question.
      if (phase === 'warm') uncached.answer(question);
      const answer = (phase === 'uncached' ? uncached : cached).answer(question);
      const spent = answerTime.get(phase) ?? { ms: 0, calls: 0 };
      answerTime.set(phase, { ms: spent.ms + performance.now() - t0, calls: spent.calls + 1 });
      return answer;
    },
    search: (query, limit) => cached.search(query, limit),
    suggest: (partial, limit) => cached.suggest(partial, limit),
    sources: () => cached.sources(),
  };
  // The question store as the bot runs it (SQLite file, queued writes), switched off outside the
  // recording phases: a bot with STORE_QUESTIONS=false records nothing and shows no vote buttons.
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-bot-store-'));
  const sqlite = await openSqliteStore({ dir: dataDir });
  let recorded = 0;
  const store: QuestionStore = {
    ...sqlite,
    get recording() {
      return RECORDING.has(phase);
    },
    record(entry) {
      if (!RECORDING.has(phase)) return;
      recorded++;
      sqlite.record(entry);
    },
  };
  const bot = await startBot({
    // Every interaction has its own user, so the per-user limit would not bite; make it moot anyway.
    config: { token: TOKEN, clientId: fake.applicationId, apiUrl: fake.restBase, rateLimit: { max: 1_000_000, windowSeconds: 1 } },
    engine: () => engine,
    logger: createLogger({ level: 'warn', secrets: [TOKEN] }),
    store,
  });
  worker.postMessage('bot-ready');

  // The bot thread's busy time per measured phase: its CPU cost per interaction.
  const botBusyMs: Partial<Record<Measured, number>> = {};
  let current: { name: Measured; elu: EventLoopUtilization } | undefined;
  let profile: PhaseProfiler | undefined;
  let results: Extract<FromDriver, { kind: 'results' }> | undefined;
  while (!results) {
    const m = await next();
    if (m.kind === 'results') results = m;
    else if (m.kind === 'phase') {
      phase = m.name;
      // Summed: the recording phases come in alternating slices.
      if (current) botBusyMs[current.name] = (botBusyMs[current.name] ?? 0) + performance.eventLoopUtilization(current.elu).active;
      current = undefined;
      await profile?.stop();
      profile = m.name === PROFILED_PHASE ? await startPhaseProfile('bot') : undefined;
      if ((MEASURED as readonly string[]).includes(m.name)) current = { name: m.name as Measured, elu: performance.eventLoopUtilization() };
      worker.postMessage('ack');
    }
  }
  await bot.stop();
  await sqlite.close();
  rmSync(dataDir, { recursive: true, force: true });
  worker.postMessage('bot-stopped');
  await new Promise((resolve) => worker.once('exit', resolve));
  const perCall = (p: Phase) => (answerTime.get(p)?.ms ?? NaN) / (answerTime.get(p)?.calls ?? NaN);
  report(results, onWireAt, botBusyMs as Record<Measured, number>, { cached: perCall('burst'), uncached: perCall('uncached') });
  console.log(`  questions recorded to SQLite during the run: ${recorded}`);
  console.log(`  machine: ${availableParallelism()} CPUs, load average before the run ${load.map((x) => x.toFixed(2)).join(' ')}`);
}

function report(
  results: Extract<FromDriver, { kind: 'results' }>,
  onWireAt: ReadonlyMap<string, number>,
  botBusyMs: Record<Measured, number>,
  answerMs: { cached: number; uncached: number },
): void {
  const stats = (xs: number[]) => {
    const s = summarise(xs);
    return { ...s, text: `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(Math.max(...xs))}` };
  };
  const line = (label: string, phase: Measured) => {
    const r = results.phases[phase];
    const n = r.timed.length;
    const wire = r.timed.map((t) => {
      const at = onWireAt.get(t.id);
      if (at === undefined) throw new Error(`no callback seen leaving the bot for interaction ${t.id}`);
      return at - t.dispatchedAt;
    });
    const onWire = stats(wire);
    const roundTrip = stats(r.timed.map((t) => t.roundTripMs));
    console.log(`  ${label.padEnd(30)} n=${n}`);
    console.log(`    reply accepted by the fake   ${roundTrip.text}`);
    console.log(`    reply left the bot           ${onWire.text}`);
    console.log(
      `    busy per interaction: bot ${ms(botBusyMs[phase] / n)} (${pct(botBusyMs[phase], r.wallMs)}), ` +
        `fake+driver ${ms(r.busyMs / n)} (${pct(r.busyMs, r.wallMs)}); ${(n / (r.wallMs / 1000)).toFixed(0)} interactions/s`,
    );
    return roundTrip;
  };
  console.log('bench:bot: /ask on loopback, from INTERACTION_CREATE dispatched to the reply callback');
  console.log('  accepted: received, validated and recorded by the fake (the round trip; the target is judged on it)');
  console.log('  left the bot: written to its socket by the bot (its share, without the fake\'s queue)');
  console.log('  (bot on the main thread; fake Discord + load driver in a worker; % = event-loop utilisation)');
  const one = line('1 in flight', 'sequential');
  const oneStored = line('1 in flight, recording on', 'sequentialStore');
  const burst = line(`${IN_FLIGHT} in flight × ${ROUNDS} bursts`, 'burst');
  const burstStored = line(`${IN_FLIGHT} in flight × ${ROUNDS}, recording on`, 'burstStore');
  line(`steady ${STEADY_RATE_PER_S}/s open loop, ${STEADY_MS / 1000} s`, 'steady');
  const fresh = line(`${IN_FLIGHT} in flight, answer cache off`, 'uncached');
  console.log(
    `  engine.answer(): ${ms(answerMs.cached)} per call with the cache (${results.questions} distinct questions, all ` +
      `cached after the warm-up, their embeds too), ${ms(answerMs.uncached)} with it off (searched and composed anew, ` +
      'then rendered anew)',
  );
  const verdict = (p95: number) => (p95 <= TARGET_P95_MS ? 'met' : 'NOT met');
  console.log(
    `  target p95 ≤ ${TARGET_P95_MS} ms at ${IN_FLIGHT} in flight (round trip): ${verdict(burst.p95)} with the answer cache, ` +
      `${verdict(fresh.p95)} with it off`,
  );
  const change = (on: number, off: number) => `${on >= off ? '+' : ''}${(((on - off) / off) * 100).toFixed(1)}%`;
  const within = (on: { p50: number; p95: number }, off: { p50: number; p95: number }) =>
    on.p50 <= off.p50 * 1.1 && on.p95 <= off.p95 * 1.1 ? 'within 10%' : 'NOT within 10%';
  console.log(
    `  recording on vs off (round trip): 1 in flight p50 ${change(oneStored.p50, one.p50)}, p95 ${change(oneStored.p95, one.p95)} ` +
      `(${within(oneStored, one)}); ${IN_FLIGHT} in flight p50 ${change(burstStored.p50, burst.p50)}, p95 ${change(burstStored.p95, burst.p95)} ` +
      `(${within(burstStored, burst)})`,
  );
  const v = results.violations;
  console.log(`  API violations recorded by the fake: ${v.length}${v.length ? ` (first: ${v[0]})` : ''}`);
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;

if (isMainThread) await main();
else await drive();
