import { describe, expect, it } from 'vitest';
import { bootstrapMedian, pairOrder, pairedChange, seededRandom } from '../src/bench/paired.js';

describe('paired slices for bench:bot', () => {
  it('draws the same slice order for the same seed, a different one for another, with both orders used', () => {
    const a = pairOrder(40, 9);
    expect(pairOrder(40, 9)).toEqual(a);
    expect(pairOrder(40, 10)).not.toEqual(a);
    const onFirst = a.filter((o) => o[0] === 'on').length;
    expect(onFirst).toBeGreaterThan(5);
    expect(onFirst).toBeLessThan(35);
    for (const o of a) expect([...o].sort()).toEqual(['off', 'on']);
  });

  it('has no period-2 or period-4 pattern (the fixed alternation put every 4th slice on the same side)', () => {
    const firsts = pairOrder(400, 1).map((o) => o[0]);
    const repeatsEvery = (k: number) => firsts.slice(k).filter((x, i) => x === firsts[i]).length / (firsts.length - k);
    for (const k of [1, 2, 4]) {
      expect(repeatsEvery(k)).toBeGreaterThan(0.35);
      expect(repeatsEvery(k)).toBeLessThan(0.65);
    }
  });

  it('seededRandom stays in [0, 1)', () => {
    const r = seededRandom(123);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('compares within each pair and takes the median, so one disturbed pair does not move it', () => {
    const pairs = [
      { off: [1, 1, 1], on: [1.1, 1.1, 1.1] },
      { off: [2, 2, 2], on: [2.2, 2.2, 2.2] },
      { off: [1, 1, 1], on: [9, 9, 9] }, // a neighbour's burst hit this "on" slice
    ];
    const c = pairedChange(pairs, 50);
    expect(c.median).toBeCloseTo(0.1, 10);
    expect(c.pairs).toBe(3);
    expect(c.q1).toBeCloseTo(0.1, 10);
    expect(c.q3).toBeCloseTo(8, 10);
  });

  it('gives a bootstrap interval around the median: the same for the same data, narrower for more of it', () => {
    const random = seededRandom(5);
    const few = Array.from({ length: 10 }, () => 0.05 + (random() - 0.5) * 0.2);
    const many = Array.from({ length: 400 }, () => 0.05 + (random() - 0.5) * 0.2);
    const [lo, hi] = bootstrapMedian(few);
    expect(bootstrapMedian(few)).toEqual([lo, hi]);
    const sorted = [...few].sort((a, b) => a - b);
    expect(lo).toBeGreaterThanOrEqual(sorted[0]!);
    expect(hi).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
    expect(lo).toBeLessThanOrEqual(hi);
    const [mlo, mhi] = bootstrapMedian(many);
    expect(mhi - mlo).toBeLessThan(hi - lo);
    expect(mlo).toBeLessThan(0.05 + 0.02);
    expect(mhi).toBeGreaterThan(0.05 - 0.02);
    const c = pairedChange([{ off: [1], on: [1.1] }, { off: [1], on: [1.2] }], 50);
    expect(c.ci95[0]).toBeGreaterThanOrEqual(0.1 - 1e-9);
    expect(c.ci95[1]).toBeLessThanOrEqual(0.2 + 1e-9);
  });
});
