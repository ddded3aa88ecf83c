import type { QueryAnalysis } from '../search/analyzer.js';
import { TYPE_TERMS } from '../search/answer-types.js';
import { isEverydayWord } from '../search/english.js';
import type { PassageIndex, RankedPassage } from '../search/passage-index.js';

/**
 * The decision between three outcomes: answer, show the closest passages ("not sure"), or decline.
 * The main signal is coverage: how much of the question's *information* the best passage (with its
 * context) holds, each content word weighing its rarity, so a word the knowledge has never seen
 * ("Everest", "keyboard") weighs most and matching only common words ("time", "close") is not enough.
 */
export const DECISION = {
  /** Coverage at or above which the best passage is taken as the answer. */
  answer: 0.38,
  /** Coverage below which nothing found is about the question: a plain decline, nothing related. */
  related: 0.2,
} as const;

/** The subject the sources mention and the fact about it they do not give. */
export interface MissingFact {
  subject: string;
  fact: string;
}

/** The passages to show about a subject: those naming it first (the subject is word `word`). */
function aboutSubject(ranked: RankedPassage[], word: number | undefined): RankedPassage[] {
  if (word === undefined) return ranked;
  const naming = ranked.filter((hit) => hit.textWords.has(word));
  return naming.length > 0 ? naming : ranked;
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
  return hit ? coverageWith(index.wordWeights(query), hit) : 0;
}

function coverageWith(weights: readonly number[], hit: RankedPassage): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let covered = 0;
  for (const w of hit.matchedWords) covered += weights[w] ?? 0;
  return total > 0 ? covered / total : 0;
}

/** Passages further down than this are not promoted to [1], however well they fit the question's type. */
const PROMOTE_FROM = 3;

/**
 * @param quoteOf the text a reader would see quoted for a passage (it may take in a neighbour)
 */
export function decide(query: QueryAnalysis, ranked: RankedPassage[], index: PassageIndex, quoteOf: (hit: RankedPassage) => string): Verdict {
  const weights = index.wordWeights(query);
  const top = ranked[0];
  if (!top || query.words.length === 0 || coverageWith(weights, top) < DECISION.related) return { outcome: 'declined', ranked: [] };
  // Sharing only everyday words ("time", "close") with a passage is not being about the same thing.
  const topical = [...top.matchedWords].some((i) => query.entities[i] || !isEverydayWord((query.words[i] ?? '').toLowerCase()));
  if (!topical) return { outcome: 'declined', ranked: [] };
  // A name the knowledge has never seen ("France", "Everest", "Kling") is what the question is about:
  // passages that share its other words are not related to it.
  const known = index.knownWords(query);
  const unknownName = query.words.some((_, i) => query.entities[i] && !known[i] && (query.salience[i] ?? 1) >= 1);
  if (unknownName && coverageWith(weights, top) < DECISION.answer) return { outcome: 'declined', ranked: [] };

  // A fact that news often leaves out (who leads it, what it costs): only a passage that speaks of it answers.
  const missing = query.attributes.find((a) => !a.evidence.test(quoteOf(top)));
  if (missing) {
    const word = subjectWord(query, weights, top);
    const subject = word === undefined ? 'this' : spelling(query.words[word]!, top);
    return { outcome: 'related', ranked: aboutSubject(ranked, word), missing: { subject, fact: missing.fact } };
  }

  // [1] must answer the question: cover enough of it, be about every name it asks about that the
  // knowledge knows (a passage about another company's founding does not say when Baichuan was
  // founded), and hold the kind of fact asked for: a date for "when", a number for "how many", a
  // name for "who" and "which companies", a reason for "why". The best such passage among the first
  // few is put first. "Where" only ranks: "用在哪里" asks "what for" as much as "where".
  const gated = query.types.filter((t) => t !== 'place');
  const names = query.words.map((_, i) => i).filter((i) => query.entities[i] && known[i] && (query.salience[i] ?? 1) >= 1);
  const answers = (hit: RankedPassage) =>
    coverageWith(weights, hit) >= DECISION.answer &&
    names.every((i) => hit.matchedWords.has(i)) &&
    (gated.length === 0 || gated.some((t) => index.textHas(hit.position, TYPE_TERMS[t])));
  const at = ranked.slice(0, PROMOTE_FROM).findIndex(answers);
  if (at < 0) return { outcome: 'related', ranked };
  return { outcome: 'answered', ranked: at === 0 ? ranked : [ranked[at]!, ...ranked.filter((_, i) => i !== at)] };
}

/** The question's word for the name it shares with the passage that weighs most (any word if none). */
function subjectWord(query: QueryAnalysis, weights: readonly number[], hit: RankedPassage): number | undefined {
  const named = [...hit.matchedWords].filter((i) => query.entities[i]);
  const pool = named.length > 0 ? named : [...hit.matchedWords];
  return pool.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0))[0];
}

/** A word as the passage spells it ("deepseek" → "DeepSeek"), or as typed when the passage differs. */
function spelling(word: string, hit: RankedPassage): string {
  const at = hit.passage.text.toLowerCase().indexOf(word.toLowerCase());
  return at >= 0 ? hit.passage.text.slice(at, at + word.length) : word;
}
