/**
 * Paired comparisons for benchmarks that run two variants (A/B, recording off/on) in slices: each
 * pair is one slice of each, back to back, in an order drawn from a seeded generator, and the
 * variants are compared within each pair. A slow stretch of the machine (a neighbour's burst, a GC,
 * a CPU frequency change) then falls on both sides of a pair or, across pairs, equally often on
 * either side, instead of on whichever side a fixed order puts there.
 */
import { percentile } from './stats.js';

/** A small seeded generator (mulberry32): the same seed gives the same slice order, run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** For each of `pairs` pairs, which variant runs first: 'off' or 'on', drawn independently with even odds. */
export function pairOrder(pairs: number, seed: number): Array<readonly ['off', 'on'] | readonly ['on', 'off']> {
  const random = seededRandom(seed);
  return Array.from({ length: pairs }, () => (random() < 0.5 ? (['off', 'on'] as const) : (['on', 'off'] as const)));
}

export interface PairedChange {
  /** Median over pairs of (on − off) / off of the statistic, e.g. 0.05 for +5%. */
  median: number;
  /** The middle half of those per-pair changes (25th and 75th percentiles). */
  q1: number;
  q3: number;
  /** A 95% bootstrap interval of that median (pairs resampled with replacement, seeded): how sure it is. */
  ci95: [number, number];
  pairs: number;
}

/** The median of `xs` resampled `rounds` times with replacement: the 2.5th and 97.5th percentiles of those medians. */
export function bootstrapMedian(xs: readonly number[], seed = 1, rounds = 2000): [number, number] {
  if (xs.length === 0) return [NaN, NaN];
  const random = seededRandom(seed);
  const medians: number[] = [];
  const sample = new Array<number>(xs.length);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < xs.length; i++) sample[i] = xs[Math.floor(random() * xs.length)]!;
    medians.push(percentile([...sample].sort((a, b) => a - b), 50));
  }
  medians.sort((a, b) => a - b);
  return [percentile(medians, 2.5), percentile(medians, 97.5)];
}

/**
 * The relative change of a percentile (`p`, e.g. 50) from off to on, computed within each pair and
 * summarised by its median over pairs: robust to pairs that a disturbance hit on one side.
 */
export function pairedChange(pairs: ReadonlyArray<{ off: readonly number[]; on: readonly number[] }>, p: number): PairedChange {
  const at = (xs: readonly number[]) => percentile([...xs].sort((a, b) => a - b), p);
  const changes = pairs.map((pair) => at(pair.on) / at(pair.off) - 1).sort((a, b) => a - b);
  return {
    median: percentile(changes, 50),
    q1: percentile(changes, 25),
    q3: percentile(changes, 75),
    ci95: bootstrapMedian(changes),
    pairs: changes.length,
  };
}
