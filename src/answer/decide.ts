import type { QueryAnalysis } from '../search/analyzer.js';
import type { PassageIndex, RankedPassage } from '../search/passage-index.js';

/**
 * The decision between three outcomes: answer, show the closest passages ("not sure"), or decline.
 * The main signal is coverage: how much of the question's *information* the best passage (with its
 * context) holds, each content word weighing its rarity, so a word the knowledge has never seen
 * ("Everest", "keyboard") weighs most and matching only common words ("time", "close") is not enough.
 */
export const DECISION = {
  /** Coverage at or above which the best passage is taken as the answer. */
  answer: 0.5,
  /** Coverage below which nothing found is about the question: a plain decline, nothing related. */
  related: 0.2,
} as const;

/** The subject the sources mention and the fact about it they do not give. */
export interface MissingFact {
  subject: string;
  fact: string;
}

export interface Verdict {
  outcome: 'answered' | 'related' | 'declined';
  /** The passages in the order to show them. */
  ranked: RankedPassage[];
  /** Set when the question's subject is in the sources but the asked-for fact is not. */
  missing?: MissingFact;
}

/** Share of the question's information that `hit` covers, from 0 to 1. */
export function coverage(query: QueryAnalysis, hit: RankedPassage | undefined, index: PassageIndex): number {
  if (!hit || query.words.length === 0) return 0;
  const weights = index.wordWeights(query);
  const total = weights.reduce((a, b) => a + b, 0);
  let covered = 0;
  for (const w of hit.matchedWords) covered += weights[w] ?? 0;
  return total > 0 ? covered / total : 0;
}

export function decide(query: QueryAnalysis, ranked: RankedPassage[], index: PassageIndex): Verdict {
  const best = coverage(query, ranked[0], index);
  if (best >= DECISION.answer) return { outcome: 'answered', ranked };
  if (best >= DECISION.related) return { outcome: 'related', ranked };
  return { outcome: 'declined', ranked: [] };
}
