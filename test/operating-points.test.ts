import { describe, expect, it } from 'vitest';
import { answerPoint, relatedPoint, type Outcome } from '../src/train/fit.js';
import type { BankQuestion } from '../src/train/bank.js';

const question = (kind: BankQuestion['kind'], i: number): BankQuestion =>
  kind === 'answerable' ? { id: `q${i}`, writer: 'w', kind, q: 'q', keys: ['k'] } : { id: `q${i}`, writer: 'w', kind, q: 'q', ood: true };

/** Outcomes with these "about the knowledge" estimates, in order. */
function outcomes(spec: Array<[BankQuestion['kind'], number]>): Outcome[] {
  return spec.map(([kind, related], i) => ({ question: question(kind, i), confidence: 0, right: false, related, searched: true, example: {} as Outcome['example'] }));
}

describe('the operating points', () => {
  it('answer point: the lowest estimate from which answers are right often enough', () => {
    const xs = [0.9, 0.8, 0.7, 0.6, 0.5].map((confidence, i) => ({ confidence, right: i !== 3 }));
    expect(answerPoint(xs, 0.8)).toBe(0.5); // 4 of 5 right
    expect(answerPoint(xs, 0.9)).toBe(0.7); // 3 of 3 right; with 0.6 only 3 of 4
  });

  it('plain-decline point: below it, off-topic questions often enough', () => {
    const xs = outcomes([['offtopic', 0.01], ['offtopic', 0.02], ['offtopic', 0.03], ['answerable', 0.04], ['offtopic', 0.05], ['answerable', 0.5], ['answerable', 0.6]]);
    expect(relatedPoint(xs, 0.8, 1)).toBeCloseTo(0.275); // 4 of 5 below it are off-topic
  });

  it('plain-decline point: never hides more than its share of the answerable questions, however many off-topic sit above them', () => {
    const low = outcomes([['offtopic', 0.01], ['answerable', 0.02], ['answerable', 0.03], ...Array.from({ length: 20 }, (_, i): [BankQuestion['kind'], number] => ['offtopic', 0.1 + i / 100]), ['answerable', 0.9]]);
    expect(relatedPoint(low, 0.8, 1)).toBeGreaterThan(0.2); // the two low answerable questions are hidden
    expect(relatedPoint(low, 0.8, 0.34)).toBe(0.015); // at most one of three may be hidden: stop before the second
  });
});
