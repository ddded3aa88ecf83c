/**
 * The worker-thread half of `npm run bench:bot` (see bench-bot.ts for what the bench measures and
 * why): the fake Discord, the load driver and its phases, and what both threads agree on (the
 * phase names, the messages between them, the bench's settings). It lives apart from the bot's
 * side and from the report so that the timing of interactions can be read on its own; the thread
 * itself is still started from bench-bot.ts, which runs `drive()` when it is not the main thread.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { snowflake, startFakeDiscord, type FakeDiscord } from '../../test/support/fake-discord/index.js';
import { deployCommands } from '../discord/deploy.js';
import { loadCommands } from '../discord/load-commands.js';
import { defaultKnowledgeDir } from '../engine.js';
import { PROFILED_PHASE, startPhaseProfile } from './cpu-profile.js';
import { pairOrder } from './paired.js';

// ---- settings, phases and messages: shared by both threads and the report ----------------------

export const IN_FLIGHT = 100;
const ROUNDS = 20;
/** 3,000 interactions: enough for V8's optimizing compiler to settle (see the top of bench-bot.ts). */
const WARM_UP_ROUNDS = 30;
/** Recording off and on are compared over this many pairs of slices, at 1 and at 100 in flight. */
export const PAIRS = 100;
/** Interactions in one slice at 1 in flight (a slice at 100 in flight is one burst). */
const SEQUENTIAL_SLICE = 50;
/** Which of a pair's two slices runs first comes from a generator seeded with this (BENCH_SEED). */
export const SEED = Number(process.env.BENCH_SEED ?? 9);
/**
 * BENCH_CONTROL=1: the "recording on" slices record nothing either, so both sides of every pair are
 * the same bot; what the comparison then shows is the bench's own noise.
 */
export const CONTROL = process.env.BENCH_CONTROL === '1';
/**
 * BENCH_CONTROL=buttons: the "on" slices show the 👍/👎 buttons (with a fresh question id each) but
 * hand nothing to the store, to tell the cost of the bigger reply from that of the writes.
 */
export const BUTTONS_ONLY = process.env.BENCH_CONTROL === 'buttons';
/**
 * BENCH_COMPARE=sqlite (with BENCH_DATABASE_URL): the "on" slices record to the PostgreSQL store and
 * the "off" slices to the SQLite one, so each pair compares the two stores back to back.
 */
export const VERSUS_SQLITE = process.env.BENCH_COMPARE === 'sqlite';
/** The open-loop phase: a rate a 2-core machine sustains with room to spare (bursts reach ~4,000/s). */
export const STEADY_RATE_PER_S = 500;
export const STEADY_MS = 2000;
/** A bench token: the fake accepts whatever it is given. */
export const TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GbEnCh.benchbenchbenchbenchbenchbenchbenchXY';

export type Phase = 'warm' | 'warmStore' | 'sequential' | 'sequentialStore' | 'burst' | 'burstStore' | 'steady' | 'uncached' | 'done';
export const MEASURED = ['sequential', 'sequentialStore', 'burst', 'burstStore', 'steady', 'uncached'] as const;
export type Measured = (typeof MEASURED)[number];
/** One interaction: its id, when it was dispatched (clockMs) and its round trip. */
export interface Timed { id: string; dispatchedAt: number; roundTripMs: number }
export interface PhaseResult { timed: Timed[]; wallMs: number; busyMs: number }
/** The round trips of each pair of slices, recording off and on. */
export type Pairs = Array<{ off: number[]; on: number[] }>;

export type FromDriver =
  | { kind: 'fake-ready'; restBase: string; applicationId: string; tid: number }
  | { kind: 'phase'; name: Phase }
  | { kind: 'results'; phases: Record<Measured, PhaseResult>; pairs: { sequential: Pairs; burst: Pairs }; questions: number; violations: string[] };

// ---- per-thread CPU time: the driver reports its thread id, the bot's thread reads them all ----

/** This thread's Linux thread id (its entry under /proc/self/task), or 0 where there is none. */
function threadId(): number {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0;
  } catch {
    return 0;
  }
}

/** CPU time and time spent runnable but waiting for a core, per thread, in ns (Linux schedstat). */
export function readSchedstat(): Map<number, { cpuNs: number; waitNs: number }> {
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

export type ThreadGroup = 'bot' | 'fake' | 'other';
export type GroupTimes = Record<ThreadGroup, { cpuNs: number; waitNs: number }>;
export const noTimes = (): GroupTimes => ({ bot: { cpuNs: 0, waitNs: 0 }, fake: { cpuNs: 0, waitNs: 0 }, other: { cpuNs: 0, waitNs: 0 } });

// ---- worker thread: the fake Discord and the load driver -------------------------------------

/**
 * The monotonic clock in milliseconds: one clock for the whole process, so times taken on the two
 * threads compare directly (performance.now() counts from each thread's own start).
 */
export const clockMs = () => Number(process.hrtime.bigint()) / 1e6;

/** One /ask round trip, timed from `started` (default: now, just before dispatch) to the callback landing. */
async function timedAsk(discord: FakeDiscord, question: string, started = performance.now()): Promise<Timed> {
  const dispatchedAt = clockMs() - (performance.now() - started);
  const result = await discord.sendCommand('ask', { question }, { userId: snowflake(), timeoutMs: 30_000 });
  const roundTripMs = performance.now() - started;
  if (result.callback.type !== 4 || !result.callback.data?.embeds?.length) throw new Error(`no answer for "${question}"`);
  return { id: result.interactionId, dispatchedAt, roundTripMs };
}

const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

export async function drive(): Promise<void> {
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
