import type { QueryAnalysis } from '../search/analyzer.js';
import { evidenceClauses, TYPE_TERMS, type Attribute } from '../search/answer-types.js';
import { isEverydayWord } from '../search/english.js';
import { relatedWords } from '../search/thesaurus.js';
import { processWord } from '../search/terms.js';
import { SEARCH_OPTIONS, type PassageIndex, type RankedPassage } from '../search/passage-index.js';

/**
 * The hand-written evidence rules, as they stood before the learned decision: answer, show the
 * closest passages ("not sure"), or decline. The learned model (decide.ts) now has the last word:
 * it vetoes a rule answer it does not trust and answers what the rules refused when it is sure.
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

export interface RuleVerdict {
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

/** Share of the weights that `words` (a passage's matched words, or those of its own text) cover. */
function coverageWith(weights: readonly number[], hit: RankedPassage, words: ReadonlySet<number> = hit.matchedWords): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let covered = 0;
  for (const w of words) covered += weights[w] ?? 0;
  return total > 0 ? covered / total : 0;
}

/** Passages further down than this are not promoted to [1], however well they fit the question's type. */
const PROMOTE_FROM = 3;
/** …but down to this one they are shown first among the closest passages when nothing answers. */
const RELATED_LOOKAHEAD = 10;

/**
 * @param quoteOf the text a reader would see quoted for a passage (it may take in a neighbour)
 */
export function ruleVerdict(
  query: QueryAnalysis,
  ranked: RankedPassage[],
  index: PassageIndex,
  quoteOf: (hit: RankedPassage) => string,
  companies: readonly string[],
  termsOf: (text: string) => readonly string[],
): RuleVerdict {
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

  // A fact that news often leaves out (who leads it, what it costs): only a passage that speaks of
  // it answers. When none of the first few does, the sources mention the subject but not the fact.
  // Below [1] it must also name the subject itself, not only beside it ("co-founder of Meituan" after
  // a sentence naming 01.AI is not about 01.AI's founders).
  const names = query.words.map((_, i) => i).filter((i) => query.entities[i] && known[i] && (query.salience[i] ?? 1) >= 1);
  const topic = new Set(names.filter((i) => isTopicName(query, i, index)));
  const namesSubject = (hit: RankedPassage) => hit === top || names.every((i) => topic.has(i) || namesInText(query, i, hit, index));
  const specific = names.filter((i) => !topic.has(i));
  // A role is bound to its subject: the clause holding "CEO Wang Xiaochuan" must name the company asked about.
  // ("CEO" itself is a name to the knowledge, which always capitalises it: it is the role asked for, not the subject.)
  const subjects = specific.filter((i) => !query.attributes.some((a) => a.asks.test(query.words[i]!)));
  const namesASubject = (clause: string) => {
    const terms = new Set(termsOf(clause));
    return subjects.some((i) => query.terms.some((t) => !t.part && t.words.includes(i) && terms.has(t.term)));
  };
  const evidenced = (fact: Attribute, quote: string) =>
    fact.inSubjectClause && subjects.length > 0 ? evidenceClauses(fact, quote).some(namesASubject) : fact.evidence.test(quote);
  const speaksOfFact = (fact: Attribute, hit: RankedPassage) => evidenced(fact, quoteOf(hit)) && namesSubject(hit);
  const speaksOf = (hit: RankedPassage) => query.attributes.every((a) => speaksOfFact(a, hit));
  // For such a fact the first few passages naming the subject are looked at too ("huawei's chatbot
  // called what": the sentence naming Pangu Chat ranks below ones that only say "chatbot").
  const word = subjectWord(query, weights, subjects, top);
  const candidates = ranked.slice(0, PROMOTE_FROM);
  if (query.attributes.length > 0) for (const hit of aboutSubject(ranked, word).slice(0, PROMOTE_FROM)) if (!candidates.includes(hit)) candidates.push(hit);
  const missing = candidates.some(speaksOf) ? undefined : query.attributes.find((a) => !candidates.some((hit) => speaksOfFact(a, hit)));
  if (missing) {
    const subject = word === undefined ? 'this' : spelling(fullName(query, word), ranked);
    return { outcome: 'related', ranked: aboutSubject(ranked, word), missing: { subject, fact: missing.fact } };
  }

  // [1] must answer the question: cover enough of it, be about every name it asks about that the
  // knowledge knows (a passage about another company's founding does not say when Baichuan was
  // founded), and hold the kind of fact asked for: a date for "when", a number for "how many", a
  // name for "who" and "which companies", a reason for "why". The best such passage among the first
  // few is put first. "Where" only ranks: "用在哪里" asks "what for" as much as "where".
  const gated = query.types.filter((t) => t !== 'place');
  const answers = (hit: RankedPassage) =>
    coverageWith(weights, hit) >= DECISION.answer &&
    namesAllMatched(names, topic, hit) &&
    // A passage promoted over [1] for its date or number must say part of what was asked itself: "For
    // instance, Wang Huiwen … established … in 2023" is not when Wang Xiaochuan left Sogou because the
    // sentence before it names him.
    (hit === top || coverageWith(weights, hit, hit.textWords) >= DECISION.related) &&
    speaksOf(hit) &&
    (gated.length === 0 || gated.some((t) => (t === 'company' ? namesOtherCompany(query, hit, index, companies) : index.textHas(hit.position, TYPE_TERMS[t]))));
  const at = candidates.findIndex(answers);
  if (at < 0) {
    // Not sure: the closest passages shown first are those further down that would answer (a "why"
    // question's sentence with a reason, ranked below sentences sharing more of its words).
    const fitting = ranked.slice(PROMOTE_FROM, RELATED_LOOKAHEAD).filter(answers);
    const reordered = [...fitting, ...ranked.filter((hit) => !fitting.includes(hit))];
    return { outcome: 'related', ranked: closestInMeaning(query, weights, reordered, index) };
  }
  return { outcome: 'answered', ranked: at === 0 ? ranked : [ranked[at]!, ...ranked.filter((_, i) => i !== at)] };
}

/**
 * A name in this share of passages or more is what the knowledge as a whole is about ("China",
 * "AI", "LLM"). A passage that names the question's specific subject need not repeat it: "any llm
 * startups come out of fudan?" is answered by a sentence about startups from Fudan that does not
 * say "LLM". Without a specific name matched, every name counts ("how many LLMs did China release").
 */
const TOPIC_NAME_SHARE = 0.15;

function namesAllMatched(names: readonly number[], topic: ReadonlySet<number>, hit: RankedPassage): boolean {
  const specific = names.some((i) => !topic.has(i) && hit.matchedWords.has(i));
  return names.every((i) => hit.matchedWords.has(i) || (specific && topic.has(i)));
}

function isTopicName(query: QueryAnalysis, word: number, index: PassageIndex): boolean {
  const counts = query.terms.filter((t) => t.words.includes(word)).map((t) => index.documentFrequency(t.term)).filter((n) => n > 0);
  return counts.length > 0 && Math.min(...counts) >= TOPIC_NAME_SHARE * index.passages.length;
}

/**
 * "Which companies …?" is answered by a passage naming a company, and not only the ones the question
 * names ("which chinese cos are building nvidia alternatives" is not answered by Nvidia's name).
 * `companies` are the alias terms of every company the knowledge knows (none given: any kind term).
 */
function namesOtherCompany(query: QueryAnalysis, hit: RankedPassage, index: PassageIndex, companies: readonly string[]): boolean {
  if (companies.length === 0) return index.textHas(hit.position, TYPE_TERMS.company);
  const asked = new Set(query.terms.map((t) => t.term));
  return companies.some((c) => !asked.has(c) && index.textHas(hit.position, c));
}

/** Does the passage's own text hold the word itself (not only a piece of it: "AI" is not "01.AI")? */
function namesInText(query: QueryAnalysis, word: number, hit: RankedPassage, index: PassageIndex): boolean {
  return query.terms.some((t) => !t.part && t.words.includes(word) && index.textHas(hit.position, t.term));
}

/**
 * What the question is about: the weightiest name it asks about that the knowledge knows ("huawei"
 * in "huawei's chatbot called what", whatever [1] matched); else the weightiest name, else word,
 * that it shares with `hit`.
 */
function subjectWord(query: QueryAnalysis, weights: readonly number[], names: readonly number[], hit: RankedPassage): number | undefined {
  const heaviest = (pool: number[]) => pool.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0))[0];
  const named = [...hit.matchedWords].filter((i) => query.entities[i]);
  return heaviest([...names]) ?? heaviest(named) ?? heaviest([...hit.matchedWords]);
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
 * such matches never make an answer (see search/thesaurus.ts).
 */
function closestInMeaning(query: QueryAnalysis, weights: readonly number[], ranked: RankedPassage[], index: PassageIndex): RankedPassage[] {
  const window = ranked.slice(0, RELATED_LOOKAHEAD);
  const loose = new Map(window.map((hit) => [hit, looseCoverage(query, weights, hit, index)]));
  const bar = loose.get(ranked[0]!)!; // beating [1] on equal terms: [1] may say things in other words too
  const closer = window.filter((hit) => loose.get(hit)! > bar).sort((a, b) => loose.get(b)! - loose.get(a)!);
  return [...closer, ...ranked.filter((hit) => !closer.includes(hit))];
}

/** Everyday words ("going", "big", "back") have dozens of relatives in WordNet that match anything. */
const inOtherWords = (word: string) => !isEverydayWord(word.toLowerCase());

/**
 * A relative as common in the knowledge as a "common term" tells nothing ("huge" → large, which
 * every "large language model" passage holds).
 */
function telling(term: string, index: PassageIndex): boolean {
  const n = index.documentFrequency(term);
  return n > 0 && n <= Math.max(SEARCH_OPTIONS.commonTermRatio * index.passages.length, SEARCH_OPTIONS.commonTermMinCount);
}

function looseCoverage(query: QueryAnalysis, weights: readonly number[], hit: RankedPassage, index: PassageIndex): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let covered = 0;
  query.words.forEach((word, i) => {
    if (hit.matchedWords.has(i)) covered += weights[i] ?? 0;
    else if (inOtherWords(word) && relatedWords(word).some((r) => telling(processWord(r), index) && index.textHas(hit.position, processWord(r)))) {
      covered += weights[i] ?? 0;
    }
  });
  return total > 0 ? covered / total : 0;
}
