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
 *
 * This file is the entry point and the bot's side (main thread); the fake Discord, the load driver
 * and the settings both threads share are in bench-bot-driver.ts, and the printed figures with the
 * on/off comparison in bench-bot-report.ts. The worker runs this same file, as before the split,
 * so that both threads load the same modules; the last line sends each thread to its side.
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker, isMainThread } from 'node:worker_threads';
import { createLogger } from '../discord/logger.js';
import { startBot } from '../discord/start-bot.js';
import { createEngine, defaultKnowledgeDir } from '../engine.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { Engine } from '../engine-types.js';
import { openPostgresStore } from '../store/pg-store.js';
import { describeDatabaseUrl } from '../store/pg-url.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { QuestionStore } from '../store/types.js';
import {
  BUTTONS_ONLY,
  CONTROL,
  VERSUS_SQLITE,
  MEASURED,
  TOKEN,
  clockMs,
  drive,
  noTimes,
  readSchedstat,
  type FromDriver,
  type GroupTimes,
  type Measured,
  type Phase,
  type ThreadGroup,
} from './bench-bot-driver.js';
import { report } from './bench-bot-report.js';
import { PROFILED_PHASE, startPhaseProfile, type PhaseProfiler } from './cpu-profile.js';

/** A reply callback's URL; its interaction id ties undici's bodySent event to the interaction it answers. */
const CALLBACK_PATH = /\/interactions\/(\d+)\/[^/]+\/callback/;
/** Phases with questions recorded to the SQLite store (half the warm-up too, so both paths are compiled); the others record nothing. */
const RECORDING: ReadonlySet<Phase> = new Set(CONTROL ? [] : ['warmStore', 'sequentialStore', 'burstStore']);

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
    explain: (question) => cached.explain(question),
    suggest: (partial, limit) => cached.suggest(partial, limit),
    sources: () => cached.sources(),
  };
  // The question store as the bot runs it (SQLite file, queued writes), switched off outside the
  // recording phases: a bot with STORE_QUESTIONS=false records nothing and shows no vote buttons.
  // BENCH_DATABASE_URL=postgres://…: the PostgreSQL store instead, in an empty database (its tables are made here).
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-bot-store-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  if (VERSUS_SQLITE && !databaseUrl) throw new Error('bench:bot: BENCH_COMPARE=sqlite needs BENCH_DATABASE_URL');
  const sqlite = databaseUrl ? await openPostgresStore({ url: databaseUrl, dir: dataDir }) : await openSqliteStore({ dir: dataDir });
  if (!sqlite.available) throw new Error(`bench:bot: the question store did not open (${databaseUrl ? describeDatabaseUrl(databaseUrl) : dataDir})`);
  // BENCH_COMPARE=sqlite: the "off" slices record too, to SQLite, so the pairs compare the two stores.
  const versus = VERSUS_SQLITE ? await openSqliteStore({ dir: dataDir }) : undefined;
  let recorded = 0;
  const store: QuestionStore = {
    ...sqlite,
    get recording() {
      return versus !== undefined || RECORDING.has(phase);
    },
    get available() {
      return sqlite.available;
    },
    record(entry) {
      if (versus && !RECORDING.has(phase)) return versus.record(entry);
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
  await versus?.close();
  rmSync(dataDir, { recursive: true, force: true });
  worker.postMessage('bot-stopped');
  await new Promise((resolve) => worker.once('exit', resolve));
  const perCall = (p: Phase) => (answerTime.get(p)?.ms ?? NaN) / (answerTime.get(p)?.calls ?? NaN);
  report(results, onWireAt, botBusyMs as Record<Measured, number>, threadTimes, { cached: perCall('burst'), uncached: perCall('uncached') });
  console.log(`  questions recorded to ${databaseUrl ? `PostgreSQL (${describeDatabaseUrl(databaseUrl)})` : 'SQLite'} during the run: ${recorded}`);
  console.log(`  machine: ${availableParallelism()} CPUs, load average before the run ${load.map((x) => x.toFixed(2)).join(' ')}`);
}

if (isMainThread) await main();
else await drive();
