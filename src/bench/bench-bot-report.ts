/**
 * What `npm run bench:bot` prints (see bench-bot.ts): each measured phase's latency and per-thread
 * cost, the 50 ms target's verdict, and recording on vs off compared three ways (slices pooled, the
 * median change within pairs with its bootstrap interval from paired.ts, and CPU time per
 * interaction). Kept apart from the threads that measure, so that the wording of the figures, which
 * the README describes, can be read and changed without touching the timing.
 */
import {
  BUTTONS_ONLY,
  VERSUS_SQLITE,
  CONTROL,
  IN_FLIGHT,
  PAIRS,
  SEED,
  STEADY_MS,
  STEADY_RATE_PER_S,
  type FromDriver,
  type GroupTimes,
  type Measured,
  type ThreadGroup,
} from './bench-bot-driver.js';
import { pairedChange, type PairedChange } from './paired.js';
import { ms, summarise } from './stats.js';

/** The target: p95 of the round trip at 100 in flight. */
const TARGET_P95_MS = 50;

/** Prints every figure of the run, phase by phase, then the target's verdict and the on/off comparisons. */
export function report(
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
  const offLabel = VERSUS_SQLITE ? ', SQLite store' : '';
  const one = line(`1 in flight${offLabel}`, 'sequential');
  const onLabel = CONTROL ? '"on" side (control: off too)' : BUTTONS_ONLY ? 'buttons shown, nothing written' : VERSUS_SQLITE ? 'PostgreSQL store' : 'recording on';
  const oneStored = line(`1 in flight, ${onLabel}`, 'sequentialStore');
  const burst = line(`${IN_FLIGHT} in flight × ${PAIRS} bursts${offLabel}`, 'burst');
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
      : VERSUS_SQLITE
        ? 'PostgreSQL store ("on") vs SQLite store ("off")'
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
