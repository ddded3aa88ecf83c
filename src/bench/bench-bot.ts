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
 * each with questions recorded to the SQLite store and without, in 100 pairs of back-to-back slices
 * (50 interactions, or one burst) whose order within each pair is drawn from a seeded generator
 * (BENCH_SEED); recording on and off are compared within each pair, and the median of those changes
 * is given with a 95% bootstrap interval. BENCH_CONTROL=1 records nothing on either side, to show
 * the bench's own noise; BENCH_CONTROL=buttons shows the vote buttons on the "on" side but writes
 * nothing, to separate the reply's cost from the store's. The fake forgets its history before every slice. Then a
 * steady open-loop rate, timed from each interaction's scheduled dispatch, so a backlog in either
 * thread counts against it; and the bursts again with the engine's answer cache off, so that every
 * question is searched, composed and rendered anew. Each thread's busy time (event-loop utilisation)
 * is measured per phase and divided by the interactions in it: the CPU cost per interaction on
 * either side; on Linux also each thread's CPU time and time spent waiting for a core, from
 * /proc/self/task/<tid>/schedstat (bot main thread, fake + driver thread, all others together). BENCH_CPU_PROFILE=<dir> writes one CPU profile per thread of one phase only
 * (BENCH_CPU_PROFILE_PHASE: sequential, burst (default), steady or uncached).
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
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
import { pairOrder, pairedChange, type PairedChange } from './paired.js';
import { ms, summarise } from './stats.js';

const IN_FLIGHT = 100;
const ROUNDS = 20;
/** 3,000 interactions: enough for V8's optimizing compiler to settle (see the top of the file). */
const WARM_UP_ROUNDS = 30;
/** Recording off and on are compared over this many pairs of slices, at 1 and at 100 in flight. */
const PAIRS = 100;
/** Interactions in one slice at 1 in flight (a slice at 100 in flight is one burst). */
const SEQUENTIAL_SLICE = 50;
/** Which of a pair's two slices runs first comes from a generator seeded with this (BENCH_SEED). */
const SEED = Number(process.env.BENCH_SEED ?? 9);
/**
 * BENCH_CONTROL=1: the "recording on" slices record nothing either, so both sides of every pair are
 * the same bot; what the comparison then shows is the bench's own noise.
 */
const CONTROL = process.env.BENCH_CONTROL === '1';
/**
 * BENCH_CONTROL=buttons: the "on" slices show the 👍/👎 buttons (with a fresh question id each) but
 * hand nothing to the store, to tell the cost of the bigger reply from that of the writes.
 */
const BUTTONS_ONLY = process.env.BENCH_CONTROL === 'buttons';
/** The open-loop phase: a rate a 2-core machine sustains with room to spare (bursts reach ~4,000/s). */
const STEADY_RATE_PER_S = 500;
const STEADY_MS = 2000;
const TARGET_P95_MS = 50;
const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback/;
/** A bench token: the fake accepts whatever it is given. */
const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GbEnCh.benchbenchbenchbenchbenchbenchbenchXY';

type Phase = 'warm' | 'warmStore' | 'sequential' | 'sequentialStore' | 'burst' | 'burstStore' | 'steady' | 'uncached' | 'done';
const MEASURED = ['sequential', 'sequentialStore', 'burst', 'burstStore', 'steady', 'uncached'] as const;
/** Phases with questions recorded to the SQLite store (half the warm-up too, so both paths are compiled); the others record nothing. */
const RECORDING: ReadonlySet<Phase> = new Set(CONTROL ? [] : ['warmStore', 'sequentialStore', 'burstStore']);
type Measured = (typeof MEASURED)[number];
/** One interaction: its id, when it was dispatched (clockMs) and its round trip. */
interface Timed { id: string; dispatchedAt: number; roundTripMs: number }
interface PhaseResult { timed: Timed[]; wallMs: number; busyMs: number }
/** The round trips of each pair of slices, recording off and on. */
type Pairs = Array<{ off: number[]; on: number[] }>;

type FromDriver =
  | { kind: 'fake-ready'; restBase: string; applicationId: string; tid: number }
  | { kind: 'phase'; name: Phase }
  | { kind: 'results'; phases: Record<Measured, PhaseResult>; pairs: { sequential: Pairs; burst: Pairs }; questions: number; violations: string[] };

/** This thread's Linux thread id (its entry under /proc/self/task), or 0 where there is none. */
function threadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/** CPU time and time spent runnable but waiting for a core, per thread, in ns (Linux schedstat). */
function readSchedstat(): Map<number, { cpuNs: number; waitNs: number }> {
  const out = new Map<number, { cpuNs: number; waitNs: number }>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const [cpu, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
      out.set(Number(tid), { cpuNs: Number(cpu), waitNs: Number(wait) });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

type ThreadGroup = 'bot' | 'fake' | 'other';
type GroupTimes = Record<ThreadGroup, { cpuNs: number; waitNs: number }>;
const noTimes = (): GroupTimes => ({ bot: { cpuNs: 0, waitNs: 0 }, fake: { cpuNs: 0, waitNs: 0 }, other: { cpuNs: 0, waitNs: 0 } });

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
    // Every slice starts on a fake of the same size: its history (requests, messages, users) would
    // otherwise grow all run long and tax later slices with a bigger heap to collect.
    discord.forgetHistory();
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
  port.postMessage({ kind: 'fake-ready', restBase: discord.restBase, applicationId: discord.applicationId, tid: threadId() } satisfies FromDriver);
  await botReady;

  // JIT, caches, keep-alive sockets; recording off and on in turn, so both paths are compiled alike.
  for (let r = 0; r < WARM_UP_ROUNDS; r++) {
    discord.forgetHistory();
    await enter(r % 2 === 0 ? 'warm' : 'warmStore');
    await round(r * IN_FLIGHT);
  }
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
   * Recording off and on in pairs of slices, back to back, each pair's order drawn from a seeded
   * generator (a fixed off-on, on-off alternation put every other pair's first slice, the one after
   * a switch, on the same side), so that neither side gets the machine in a better state (warmer
   * JIT, emptier heap, a quieter neighbour) more often than the other. Each pair is kept apart too,
   * for the comparison within pairs.
   */
  const alternate = async (off: Measured, on: Measured, seed: number, slice: () => Promise<Timed[]>) => {
    const sum: Record<'off' | 'on', PhaseResult> = { off: { timed: [], wallMs: 0, busyMs: 0 }, on: { timed: [], wallMs: 0, busyMs: 0 } };
    const pairs: Pairs = [];
    for (const order of pairOrder(PAIRS, seed)) {
      const pair = { off: [] as number[], on: [] as number[] };
      for (const which of order) {
        const r = await measure(which === 'off' ? off : on, slice);
        sum[which].timed.push(...r.timed);
        sum[which].wallMs += r.wallMs;
        sum[which].busyMs += r.busyMs;
        pair[which] = r.timed.map((t) => t.roundTripMs);
      }
      pairs.push(pair);
    }
    return { ...sum, pairs };
  };
  const sequentials = await alternate('sequential', 'sequentialStore', SEED, oneByOne(SEQUENTIAL_SLICE));
  const burstPairs = await alternate('burst', 'burstStore', SEED + 1, bursts(1));
  const [sequential, sequentialStore, burst, burstStore] = [sequentials.off, sequentials.on, burstPairs.off, burstPairs.on];
  const steadyResult = await measure('steady', steady);
  const uncached = await measure('uncached', bursts(ROUNDS));
  await enter('done');

  const phases = { sequential, sequentialStore, burst, burstStore, steady: steadyResult, uncached };
  const pairs = { sequential: sequentials.pairs, burst: burstPairs.pairs };
  port.postMessage({ kind: 'results', phases, pairs, questions: questions.length, violations: [...discord.violations] } satisfies FromDriver);
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
      if (phase === 'warm' || phase === 'warmStore') uncached.answer(question);
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
      if (!RECORDING.has(phase) || BUTTONS_ONLY) return;
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
  // Each thread's CPU time and wait for a core per measured phase (Linux): the bot's main thread, the
  // fake's, and the others (the store's writer, libuv's pool, V8's compiler and GC helpers).
  const threadTimes: Partial<Record<Measured, GroupTimes>> = {};
  const groupOf = (tid: number): ThreadGroup => (tid === process.pid ? 'bot' : tid === fake.tid ? 'fake' : 'other');
  let lastStat = readSchedstat();
  const addThreadTimes = (name: Measured | undefined) => {
    const now = readSchedstat();
    if (name) {
      const sum = (threadTimes[name] ??= noTimes());
      for (const [tid, t] of now) {
        const before = lastStat.get(tid) ?? { cpuNs: 0, waitNs: 0 };
        const g = sum[groupOf(tid)];
        g.cpuNs += t.cpuNs - before.cpuNs;
        g.waitNs += t.waitNs - before.waitNs;
      }
    }
    lastStat = now;
  };
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
      addThreadTimes(current?.name);
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
  report(results, onWireAt, botBusyMs as Record<Measured, number>, threadTimes, { cached: perCall('burst'), uncached: perCall('uncached') });
  console.log(`  questions recorded to SQLite during the run: ${recorded}`);
  console.log(`  machine: ${availableParallelism()} CPUs, load average before the run ${load.map((x) => x.toFixed(2)).join(' ')}`);
}

function report(
  results: Extract<FromDriver, { kind: 'results' }>,
  onWireAt: ReadonlyMap<string, number>,
  botBusyMs: Record<Measured, number>,
  threadTimes: Partial<Record<Measured, GroupTimes>>,
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
    const t = threadTimes[phase];
    if (t) {
      const us = (ns: number) => `${(ns / n / 1000).toFixed(0)} µs`;
      const g = (label: string, x: { cpuNs: number; waitNs: number }) => `${label} ${us(x.cpuNs)} (+${us(x.waitNs)} waiting for a core)`;
      console.log(`    CPU per interaction (schedstat): ${g('bot', t.bot)}, ${g('fake+driver', t.fake)}, ${g('other threads', t.other)}`);
    }
    return roundTrip;
  };
  console.log('bench:bot: /ask on loopback, from INTERACTION_CREATE dispatched to the reply callback');
  console.log('  accepted: received, validated and recorded by the fake (the round trip; the target is judged on it)');
  console.log('  left the bot: written to its socket by the bot (its share, without the fake\'s queue)');
  console.log('  (bot on the main thread; fake Discord + load driver in a worker; % = event-loop utilisation)');
  const one = line('1 in flight', 'sequential');
  const onLabel = CONTROL ? '"on" side (control: off too)' : BUTTONS_ONLY ? 'buttons shown, nothing written' : 'recording on';
  const oneStored = line(`1 in flight, ${onLabel}`, 'sequentialStore');
  const burst = line(`${IN_FLIGHT} in flight × ${PAIRS} bursts`, 'burst');
  const burstStored = line(`${IN_FLIGHT} in flight × ${PAIRS}, ${onLabel}`, 'burstStore');
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
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const change = (on: number, off: number) => signed((on - off) / off);
  const within = (on: { p50: number; p95: number }, off: { p50: number; p95: number }) =>
    on.p50 <= off.p50 * 1.1 && on.p95 <= off.p95 * 1.1 ? 'within 10%' : 'NOT within 10%';
  const sides = CONTROL
    ? 'CONTROL (BENCH_CONTROL=1: both sides record nothing; this is the noise) "on" vs "off"'
    : BUTTONS_ONLY
      ? 'BENCH_CONTROL=buttons: 👍/👎 shown but nothing written, vs off'
      : 'recording on vs off';
  console.log(
    `  ${sides} (round trip, all slices pooled): 1 in flight p50 ${change(oneStored.p50, one.p50)}, p95 ${change(oneStored.p95, one.p95)} ` +
      `(${within(oneStored, one)}); ${IN_FLIGHT} in flight p50 ${change(burstStored.p50, burst.p50)}, p95 ${change(burstStored.p95, burst.p95)} ` +
      `(${within(burstStored, burst)})`,
  );
  const pc = (c: PairedChange) => `${signed(c.median)} [95% CI ${signed(c.ci95[0])}..${signed(c.ci95[1])}]`;
  /** Shown within 10% when even the top of the interval is; NOT when even its bottom is over; else undecided. */
  const pairedWithin = (p50: PairedChange, p95: PairedChange) => {
    const top = Math.max(p50.ci95[1], p95.ci95[1]);
    const bottom = Math.max(p50.ci95[0], p95.ci95[0]);
    return top <= 0.1 ? 'within 10%' : bottom > 0.1 ? 'NOT within 10%' : `median ${p50.median <= 0.1 && p95.median <= 0.1 ? 'within' : 'over'} 10%, interval reaches past it`;
  };
  const [s50, s95, b50, b95] = [
    pairedChange(results.pairs.sequential, 50),
    pairedChange(results.pairs.sequential, 95),
    pairedChange(results.pairs.burst, 50),
    pairedChange(results.pairs.burst, 95),
  ];
  console.log(
    `  ${sides} (round trip, median over ${PAIRS} pairs of adjacent slices, seed ${SEED}): ` +
      `1 in flight p50 ${pc(s50)}, p95 ${pc(s95)} (${pairedWithin(s50, s95)}); ` +
      `${IN_FLIGHT} in flight p50 ${pc(b50)}, p95 ${pc(b95)} (${pairedWithin(b50, b95)})`,
  );
  const perInteraction = (phase: Measured, groups: ThreadGroup[]) => {
    const t = threadTimes[phase];
    return t ? groups.reduce((sum, g) => sum + t[g].cpuNs, 0) / results.phases[phase].timed.length / 1000 : NaN;
  };
  const cpuChange = (off: Measured, on: Measured) => {
    const [a, b] = [perInteraction(off, ['bot', 'fake']), perInteraction(on, ['bot', 'fake'])];
    const [c, d] = [perInteraction(off, ['other']), perInteraction(on, ['other'])];
    return `${signed((b - a) / a)} (${a.toFixed(0)} → ${b.toFixed(0)} µs; other threads ${c.toFixed(0)} → ${d.toFixed(0)} µs)`;
  };
  if (threadTimes.sequential && threadTimes.burst) {
    console.log(
      `  ${sides}, CPU time of the bot and fake threads per interaction (schedstat; waiting for a core not counted): ` +
        `1 in flight ${cpuChange('sequential', 'sequentialStore')}; ${IN_FLIGHT} in flight ${cpuChange('burst', 'burstStore')}`,
    );
  }
  const v = results.violations;
  console.log(`  API violations recorded by the fake: ${v.length}${v.length ? ` (first: ${v[0]})` : ''}`);
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;

if (isMainThread) await main();
else await drive();
