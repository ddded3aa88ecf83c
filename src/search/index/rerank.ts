import { definesSubject, definitionSubject } from '../question/answer-types.js';
import type { RankedPassage } from './passage-index.js';

/**
 * Second-stage ranking over MiniSearch's candidates. MiniSearch scores a passage on its text and its
 * context together; here the passage's *own* text must carry the question's information, and a
 * "what is X?" question prefers a sentence that defines X.
 */
export const RERANK = {
  /** Share of the score kept regardless of text coverage (the rest scales with it). */
  coverageFloor: 0.4,
  /** Multiplier for a passage that defines the subject of a "what/who is X?" question. */
  definitionBoost: 1.6,
  /** Headings name a topic but rarely answer a question: they rank below sentences that match as well. */
  headingFactor: 0.7,
} as const;

/** Idf-weighted share of the question's words that the passage text itself contains. */
export function textCoverage(hit: RankedPassage, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let covered = 0;
  for (const w of hit.textWords) covered += weights[w] ?? 0;
  return covered / total;
}

export function rerank(hits: RankedPassage[], weights: readonly number[], question: string): RankedPassage[] {
  const subject = definitionSubject(question);
  for (const hit of hits) {
    let score = hit.score * (RERANK.coverageFloor + (1 - RERANK.coverageFloor) * textCoverage(hit, weights));
    if (subject && definesSubject(hit.passage.text, subject)) score *= RERANK.definitionBoost;
    if (hit.passage.kind === 'heading') score *= RERANK.headingFactor;
    hit.score = score;
  }
  return hits.sort((a, b) => b.score - a.score);
}
