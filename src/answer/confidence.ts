import type { QueryAnalysis } from '../search/analyzer.js';
import type { PassageIndex, RankedPassage } from '../search/passage-index.js';

/**
 * The decline rule. A question is answered only when the best passage (with its context) covers
 * enough of the question's *information*: each content word weighs its inverse document frequency,
 * so a word the knowledge has never seen ("Everest", "supermarket") weighs most, and matching only
 * common words ("time", "close") is not enough.
 */
export const MIN_COVERAGE = 0.5;

/** Share of the question's information that `hit` covers, from 0 to 1. */
export function coverage(query: QueryAnalysis, hit: RankedPassage | undefined, index: PassageIndex): number {
  if (!hit || query.words.length === 0) return 0;
  const weights = index.wordWeights(query);
  const total = weights.reduce((a, b) => a + b, 0);
  let covered = 0;
  for (const w of hit.matchedWords) covered += weights[w] ?? 0;
  return total > 0 ? covered / total : 0;
}

export function isConfident(query: QueryAnalysis, hit: RankedPassage | undefined, index: PassageIndex): boolean {
  return coverage(query, hit, index) >= MIN_COVERAGE;
}
