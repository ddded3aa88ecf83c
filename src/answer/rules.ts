import type { QueryAnalysis } from '../search/question/analyzer.js';
import type { RankedPassage } from '../search/index/passage-index.js';
import {
  asksUnknownName,
  coverageOf,
  holdsAnswerType,
  isTopical,
  looseCoverage,
  matchesAllNames,
  missingFact,
  namesSubjectItself,
  speaksOfFacts,
  type Signals,
} from '../decision/signals.js';

/**
 * The hand-written evidence rules, as they stood before the learned decision: answer, show the
 * closest passages ("not sure"), or decline. They no longer decide: the passage they would answer
 * with is one of the learned model's features (decide.ts), their plain decline one of the "about
 * the knowledge at all" model's, and they still say which fact is missing and order the closest
 * passages when the model is not sure.
 * The main signal is coverage: how much of the question's *information* the best passage (with its
 * context) holds, each content word weighing its rarity, so a word the knowledge has never seen
 * ("Everest", "keyboard") weighs most and matching only common words ("time", "close") is not enough.
 * The checks themselves are the decision's signals (decision/signals.ts); this file is their thresholds.
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

export interface RuleVerdict {
  outcome: 'answered' | 'related' | 'declined';
  /** The passages in the order to show them. */
  ranked: RankedPassage[];
  /** Set when the question's subject is in the sources but the asked-for fact is not. */
  missing?: MissingFact;
}

/** Passages further down than this are not promoted to [1], however well they fit the question's type. */
const PROMOTE_FROM = 3;
/** …but down to this one they are shown first among the closest passages when nothing answers. */
const RELATED_LOOKAHEAD = 10;

/** The passages to show about the question's subject: those naming it (all of them when none does). */
function aboutSubject(s: Signals): RankedPassage[] {
  if (s.subject === undefined) return s.ranked;
  const naming = s.ranked.filter((hit) => hit.textWords.has(s.subject!));
  return naming.length > 0 ? naming : s.ranked;
}

export function ruleVerdict(s: Signals): RuleVerdict {
  const { query, ranked } = s;
  const top = ranked[0];
  if (!top || query.words.length === 0 || coverageOf(s, top) < DECISION.related) return { outcome: 'declined', ranked: [] };
  // Sharing only everyday words ("time", "close") with a passage is not being about the same thing.
  if (!isTopical(s, top)) return { outcome: 'declined', ranked: [] };
  // A name the knowledge has never seen ("France", "Everest", "Kling") is what the question is about:
  // passages that share its other words are not related to it.
  if (asksUnknownName(s) && coverageOf(s, top) < DECISION.answer) return { outcome: 'declined', ranked: [] };

  // A fact that news often leaves out (who leads it, what it costs): only a passage that speaks of
  // it answers. When none of the first few does, the sources mention the subject but not the fact.
  // Below [1] it must also name the subject itself, not only beside it ("co-founder of Meituan" after
  // a sentence naming 01.AI is not about 01.AI's founders).
  const speaksOf = (hit: RankedPassage) => query.attributes.length === 0 || (speaksOfFacts(s, hit) && (hit === top || namesSubjectItself(s, hit)));
  // For such a fact the first few passages naming the subject are looked at too ("huawei's chatbot
  // called what": the sentence naming Pangu Chat ranks below ones that only say "chatbot").
  const candidates = ranked.slice(0, PROMOTE_FROM);
  if (query.attributes.length > 0) for (const hit of aboutSubject(s).slice(0, PROMOTE_FROM)) if (!candidates.includes(hit)) candidates.push(hit);
  const missing = missingFact(s, candidates);
  if (missing) {
    const subject = s.subject === undefined ? 'this' : spelling(fullName(query, s.subject), ranked);
    return { outcome: 'related', ranked: aboutSubject(s), missing: { subject, fact: missing.fact } };
  }

  // [1] must answer the question: cover enough of it, be about every name it asks about that the
  // knowledge knows (a passage about another company's founding does not say when Baichuan was
  // founded), and hold the kind of fact asked for: a date for "when", a number for "how many", a
  // name for "who" and "which companies", a reason for "why". The best such passage among the first
  // few is put first.
  const answers = (hit: RankedPassage) =>
    coverageOf(s, hit) >= DECISION.answer &&
    matchesAllNames(s, hit) &&
    // A passage promoted over [1] for its date or number must say part of what was asked itself: "For
    // instance, Wang Huiwen … established … in 2023" is not when Wang Xiaochuan left Sogou because the
    // sentence before it names him.
    (hit === top || coverageOf(s, hit, hit.textWords) >= DECISION.related) &&
    speaksOf(hit) &&
    (s.gated.length === 0 || holdsAnswerType(s, hit));
  const at = candidates.findIndex(answers);
  if (at < 0) {
    // Not sure: the closest passages shown first are those further down that would answer (a "why"
    // question's sentence with a reason, ranked below sentences sharing more of its words).
    const fitting = ranked.slice(PROMOTE_FROM, RELATED_LOOKAHEAD).filter(answers);
    const reordered = [...fitting, ...ranked.filter((hit) => !fitting.includes(hit))];
    return { outcome: 'related', ranked: closestInMeaning(s, reordered) };
  }
  return { outcome: 'answered', ranked: at === 0 ? ranked : [ranked[at]!, ...ranked.filter((_, i) => i !== at)] };
}

/** The whole name a word belongs to: "robin" in "how old is robin li" → "robin li". */
export function fullName(query: QueryAnalysis, word: number): string {
  if (!query.entities[word]) return query.words[word]!;
  let first = word;
  let last = word;
  const adjacent = (a: number, b: number) => query.text.toLowerCase().includes(`${query.words[a]} ${query.words[b]}`.toLowerCase());
  while (first > 0 && query.entities[first - 1] && adjacent(first - 1, first)) first--;
  while (last < query.words.length - 1 && query.entities[last + 1] && adjacent(last, last + 1)) last++;
  return query.words.slice(first, last + 1).join(' ');
}

/** A name as the passages spell it ("deepseek" → "DeepSeek"), or as typed when none has it. */
export function spelling(name: string, ranked: readonly RankedPassage[]): string {
  const lower = name.toLowerCase();
  for (const hit of ranked) {
    const at = hit.passage.text.toLowerCase().indexOf(lower);
    if (at >= 0) return hit.passage.text.slice(at, at + name.length);
  }
  return name;
}

/**
 * The closest passages, those saying in other words what the question asks first: a passage whose
 * coverage, counting words related in meaning ("ahead" → leading), beats [1]'s counted alike moves up. Order only:
 * such matches never make an answer (see search/question/thesaurus.ts).
 */
function closestInMeaning(s: Signals, ranked: RankedPassage[]): RankedPassage[] {
  const window = ranked.slice(0, RELATED_LOOKAHEAD);
  const loose = new Map(window.map((hit) => [hit, looseCoverage(s, hit)]));
  const bar = loose.get(ranked[0]!)!; // beating [1] on equal terms: [1] may say things in other words too
  const closer = window.filter((hit) => loose.get(hit)! > bar).sort((a, b) => loose.get(b)! - loose.get(a)!);
  return [...closer, ...ranked.filter((hit) => !closer.includes(hit))];
}
