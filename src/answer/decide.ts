import type { RankedPassage } from '../search/index/passage-index.js';
import { featuresOf } from '../decision/features.js';
import { firstRanked, probability, type DecisionModel } from '../decision/model.js';
import { hasTopic, looseCoverage, missingFact, readSignals, type DecisionInput, type Signals } from '../decision/signals.js';
import { fullName, ruleVerdict, spelling, type RuleVerdict } from './rules.js';

/**
 * The decision between three outcomes: answer, show the closest passages ("not sure"), or decline.
 * It reads as features → scores → operating point: each candidate passage's features (decision/
 * features.ts) give the ranking model's estimate that it answers the question; the passage it
 * ranks first is answered when the trust model's estimate for it reaches the answer point, chosen
 * on writers left out of the fitting so that what is answered is right as often as `TARGETS` in
 * src/train/fit.ts asks.
 */

/** Passages looked at as the answer: the first few, and down to here those naming the subject. */
export const CANDIDATES = 6;
/** …and down to this one they are shown first among the closest passages when nothing answers. */
const RELATED_LOOKAHEAD = 10;

/** The subject the sources mention and the fact about it they do not give. */
export type { MissingFact } from './rules.js';

export interface Verdict {
  outcome: 'answered' | 'related' | 'declined';
  /** The passages in the order to show them. */
  ranked: RankedPassage[];
  /** Set when the question's subject is in the sources but the asked-for fact is not. */
  missing?: { subject: string; fact: string };
  /** The model's estimate that the passage shown first answers the question, 0 to 1. */
  confidence: number;
}

/** One candidate as the model saw it: for `ask --explain` and for training. */
export interface Candidate {
  hit: RankedPassage;
  rank: number;
  features: number[];
  probability: number;
}

export interface Judgement {
  verdict: Verdict;
  candidates: Candidate[];
  /** The trust model's estimate that the candidate ranked first answers the question. */
  trust: number;
  /** The model's estimate that the question is about something in the knowledge at all. */
  related: number;
  /** The hand-written rules found nothing topical to show. */
  rulesDeclined: boolean;
}

export type { DecisionInput };

export function decide(input: DecisionInput, model: DecisionModel): Verdict {
  return judgeCandidates(input, model).verdict;
}

export function judgeCandidates(input: DecisionInput, model: DecisionModel): Judgement {
  const { query, ranked } = input;
  // A question of everyday words only ("who made it?", "how's your day going") has no topic to look up.
  if (ranked.length === 0 || !hasTopic(query)) {
    return { verdict: { outcome: 'declined', ranked: [], confidence: 0 }, candidates: [], trust: 0, related: 0, rulesDeclined: true };
  }
  const s = readSignals(input);
  const rules = ruleVerdict(s);
  // The rules' answer is one of the model's features, not a verdict of its own.
  if (rules.outcome === 'answered') s.ruleAnswer = rules.ranked[0];
  const pool = candidatePool(s);
  // The passage the rules would put first is weighed too, wherever it ranks.
  const ruleFirst = rules.ranked[0];
  if (ruleFirst && !pool.some((c) => c.hit === ruleFirst)) pool.push({ hit: ruleFirst, rank: ranked.indexOf(ruleFirst) });
  const candidates = pool.map(({ hit, rank }) => {
    const features = featuresOf(s, hit, rank);
    return { hit, rank, features, probability: probability(model.answer, features) };
  });
  const best = candidates[firstRanked(candidates.map((c) => c.probability))]!;
  const trust = probability(model.trust, best.features);
  const related = probability(model.related, relatedRow(candidates[0]!.features, trust, rules.outcome === 'declined'));
  const verdict = verdictOf(s, model, rules, candidates, { ...best, trust }, related);
  return { verdict, candidates, trust, related, rulesDeclined: rules.outcome === 'declined' };
}

/**
 * What the "is it about anything here" model reads: [1]'s features, the trust in the passage ranked
 * first, and whether the rules found nothing topical (only everyday words shared, or a name never seen).
 */
export function relatedRow(topFeatures: readonly number[], trust: number, rulesDeclined: boolean): number[] {
  return [...topFeatures, logit(trust), rulesDeclined ? 1 : 0];
}

/**
 * The models decide: the passage ranked first is the answer when the trust in it reaches the
 * answer point (the rules' own answer is one of the features); else, where the question is unlike
 * anything in the knowledge, nothing is shown; else the closest passages, "not sure".
 */
function verdictOf(s: Signals, model: DecisionModel, rules: RuleVerdict, candidates: Candidate[], best: Candidate & { trust: number }, related: number): Verdict {
  if (best.trust >= model.answerAt) {
    return { outcome: 'answered', ranked: [best.hit, ...s.ranked.filter((h) => h !== best.hit)], confidence: best.trust };
  }
  // A plain decline when the question is unlike anything here; where the rules found nothing
  // topical, the closest passages are shown only when the model is fairly sure it is in the domain.
  if (related < model.relatedAt || (rules.outcome === 'declined' && related < model.showAt)) return { outcome: 'declined', ranked: [], confidence: best.trust };
  if (rules.missing) return { outcome: 'related', ranked: rules.ranked, missing: rules.missing, confidence: best.trust };
  // A rule answer the model is not sure of is still the closest passage: shown first, not as the answer.
  const ruleFirst = candidates.find((c) => c.hit === s.ruleAnswer);
  if (ruleFirst) return { outcome: 'related', ranked: rules.ranked, confidence: probability(model.trust, ruleFirst.features) };
  const fact = missingFact(s, candidates.map((c) => c.hit));
  if (fact) {
    const subject = s.subject === undefined ? 'this' : spelling(fullName(s.query, s.subject), s.ranked);
    return { outcome: 'related', ranked: aboutSubject(s), missing: { subject, fact: fact.fact }, confidence: best.trust };
  }
  // Not sure: the passages most likely to answer come first.
  const byModel = [...candidates].sort((a, b) => b.probability - a.probability || a.rank - b.rank).map((c) => c.hit);
  const rest = closestInMeaning(s, s.ranked.filter((h) => !byModel.includes(h)));
  return { outcome: 'related', ranked: [...byModel, ...rest], confidence: best.trust };
}

/**
 * The passages the model weighs: the first CANDIDATES, and for a fact news often leaves out, the
 * first few naming the subject ("huawei's chatbot called what": the sentence naming Pangu Chat
 * ranks below ones that only say "chatbot").
 */
function candidatePool(s: Signals): Array<{ hit: RankedPassage; rank: number }> {
  const pool = s.ranked.slice(0, CANDIDATES);
  if (s.query.attributes.length > 0) for (const hit of aboutSubject(s).slice(0, 3)) if (!pool.includes(hit)) pool.push(hit);
  return pool.map((hit) => ({ hit, rank: s.ranked.indexOf(hit) }));
}

/** The passages to show about the subject: those naming it first. */
function aboutSubject(s: Signals): RankedPassage[] {
  if (s.subject === undefined) return s.ranked;
  const naming = s.ranked.filter((hit) => hit.textWords.has(s.subject!));
  return naming.length > 0 ? [...naming, ...s.ranked.filter((hit) => !naming.includes(hit))] : s.ranked;
}

/**
 * After the model's candidates, passages saying in other words what the question asks come first:
 * a passage whose coverage counting WordNet relatives is highest.
 */
function closestInMeaning(s: Signals, rest: RankedPassage[]): RankedPassage[] {
  const window = rest.slice(0, RELATED_LOOKAHEAD);
  const loose = new Map(window.map((hit) => [hit, looseCoverage(s, hit)]));
  const sorted = [...window].sort((a, b) => loose.get(b)! - loose.get(a)!);
  return [...sorted, ...rest.slice(RELATED_LOOKAHEAD)];
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return Math.log(q / (1 - q));
}
