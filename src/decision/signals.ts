import { yearsIn } from '../knowledge/relative-years.js';
import type { QueryAnalysis } from '../search/question/analyzer.js';
import { escapeRegExp, evidenceClauses, evidenceIn, SENTENCE_OPENERS, TYPE_TERMS, type AnswerType, type Attribute } from '../search/question/answer-types.js';
import { simplifiedChinese } from '../search/question/chinese-words.js';
import { isEverydayWord } from '../search/question/english.js';
import { relatedWords } from '../search/question/thesaurus.js';
import { processWord } from '../search/question/terms.js';
import { SEARCH_OPTIONS, type PassageIndex, type RankedPassage } from '../search/index/passage-index.js';

/**
 * What the answer decision knows about one question: the question read, the ranked passages, and
 * the evidence checks that tell whether a passage speaks of what was asked. The checks are the
 * measurements the learned decision weighs (see features.ts); none of them decides on its own.
 */
export interface DecisionInput {
  query: QueryAnalysis;
  ranked: RankedPassage[];
  index: PassageIndex;
  /** The text a reader would see quoted for a passage (it may take in a neighbour). */
  quoteOf: (hit: RankedPassage) => string;
  /** The alias term of every company the knowledge knows. */
  companies: readonly string[];
  /** …and of every place. */
  places: readonly string[];
  /** …and of every model ("Qwen", "Pangu"): a name asked for ("what is it called?"). */
  models: readonly string[];
  /** The index terms of a piece of text, to find the subject inside a clause. */
  termsOf: (text: string) => readonly string[];
}

export interface Signals extends DecisionInput {
  /** Each content word's weight (its rarity), and their sum. */
  weights: readonly number[];
  totalWeight: number;
  /** Which content words the knowledge knows. */
  known: boolean[];
  /** Names the question asks about that the knowledge knows. */
  names: number[];
  /** …of which those so common they are what the whole knowledge is about ("China", "AI"). */
  topic: ReadonlySet<number>;
  /** The specific names that are the question's subject (not the role it asks for: "CEO"). */
  subjects: number[];
  /** The kinds of fact asked that a passage's own text must hold (a date, a count, a name, a reason). */
  gated: QueryAnalysis['types'];
  /** The word the question is about, for "my sources mention X but not …". */
  subject: number | undefined;
  /** The question's words that name a place ("Shanghai", "广州"): mostly where something happened. */
  placeWords: ReadonlySet<number>;
  /** …of which those it sets its scene in ("during his visit to Beijing"), not what it asks about. */
  sceneWords: ReadonlySet<number>;
  /** The weightiest of `subjects` ("zhipu" in "Zhipu AI": "AI" is in every passage). */
  mainSubject: number | undefined;
  /** Some candidate names everything asked without missing the subject. */
  subjectNamedSomewhere: boolean;
  /** The years and months the question gives itself: a date it asks for is another one. */
  givenDates: ReadonlySet<string>;
  /** The passage the hand-written rules answer with, when they answer (set once they have run). */
  ruleAnswer?: RankedPassage;
}

/**
 * A name in this share of passages or more is what the knowledge as a whole is about ("China",
 * "AI", "LLM"). A passage that names the question's specific subject need not repeat it.
 */
const TOPIC_NAME_SHARE = 0.15;

export function readSignals(input: DecisionInput): Signals {
  const { query, index, ranked } = input;
  const weights = index.wordWeights(query);
  const known = index.knownWords(query);
  const names = query.words.map((_, i) => i).filter((i) => query.entities[i] && known[i] && (query.salience[i] ?? 1) >= 1);
  const topic = new Set(names.filter((i) => isTopicName(query, i, index)));
  const specific = names.filter((i) => !topic.has(i));
  // "CEO" is a name to the knowledge, which always capitalises it: it is the role asked for, not the subject.
  const subjects = specific.filter((i) => !query.attributes.some((a) => a.asks.test(query.words[i]!)));
  // "Where" only ranks: "用在哪里" asks "what for" as much as "where".
  const gated = query.types.filter((t) => t !== 'place');
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const places = new Set(input.places);
  const placeWords = new Set(query.terms.filter((t) => places.has(t.term)).flatMap((t) => t.words));
  const sceneWords = new Set([...placeWords].filter((i) => setsScene(query, i)));
  const mainSubject = heaviest(weights, subjects);
  const signals: Signals = { ...input, weights, totalWeight, known, names, topic, subjects, gated, subject: undefined, subjectNamedSomewhere: false, placeWords, sceneWords, mainSubject, givenDates: datesIn(query.text.replace(OFFERED, ' ')) };
  signals.subject = ranked[0] ? subjectWord(signals, ranked[0]) : undefined;
  signals.subjectNamedSomewhere = ranked.some((h) => matchesAllNames(signals, h) && !missesSubject(signals, h));
  return signals;
}

/** Share of the question's weight that `words` (a passage's matched words by default) cover, 0 to 1. */
export function coverageOf(s: Signals, hit: RankedPassage, words: ReadonlySet<number> = hit.matchedWords): number {
  let covered = 0;
  for (const w of words) covered += s.weights[w] ?? 0;
  return s.totalWeight > 0 ? covered / s.totalWeight : 0;
}

/**
 * Coverage of the question's own words only: a context-first question restates what the articles
 * say ("the US got 3.5x more private AI investment in 2022, but what's the dollar figure?"), and a
 * passage matching that context has not matched what is asked.
 */
export function askedCoverage(s: Signals, hit: RankedPassage): number {
  let covered = 0;
  let total = 0;
  s.query.words.forEach((_, i) => {
    if ((s.query.salience[i] ?? 1) < 1) return;
    total += s.weights[i] ?? 0;
    if (hit.matchedWords.has(i)) covered += s.weights[i] ?? 0;
  });
  return total > 0 ? covered / total : 0;
}

/** The years a question asks about ("in 2021", "2021年"). */
export function askedYears(s: Signals): string[] {
  return [...new Set(yearsIn(s.query.text))];
}

/**
 * Does the passage's quote name a year the question asks about, or mean it ("However, the following
 * year, both countries released 30 LLMs each" is 2021, indexed as such)?
 */
export function namesAskedYear(s: Signals, hit: RankedPassage): boolean {
  const said = new Set(yearsIn(s.quoteOf(hit)));
  return askedYears(s).some((y) => said.has(y) || s.index.textHas(hit.position, y));
}

/** Has the question a word that is a name or not everyday English: something to look up at all? */
export function hasTopic(query: QueryAnalysis): boolean {
  return query.words.some((_, i) => query.entities[i] || !query.everyday[i]);
}

/**
 * Does the passage share a word with the question that is not everyday English ("time", "close"), nor
 * only a city where something happened ("weather in Shanghai tomorrow" is not about Shanghai's AI
 * plans)? The country the whole knowledge is about still counts: "china?" asks about it.
 */
export function isTopical(s: Signals, hit: RankedPassage): boolean {
  return [...hit.matchedWords].some((i) => (s.query.entities[i] || !s.query.everyday[i]) && (s.topic.has(i) || !s.placeWords.has(i)));
}

/** Does the question hinge on a name the knowledge has never seen ("France", "Everest", "Kling")? */
export function asksUnknownName(s: Signals): boolean {
  return s.query.words.some((_, i) => s.query.entities[i] && !s.known[i] && (s.query.salience[i] ?? 1) >= 1);
}

/** Share of the question's weight in words the knowledge has never seen. */
export function unknownShare(s: Signals): number {
  let unknown = 0;
  s.query.words.forEach((_, i) => {
    if (!s.known[i]) unknown += s.weights[i] ?? 0;
  });
  return s.totalWeight > 0 ? unknown / s.totalWeight : 0;
}

/**
 * Is the passage about every name asked that the knowledge knows? A passage naming the specific
 * subject need not repeat the topic names ("LLM" in "any llm startups come out of fudan?").
 */
export function matchesAllNames(s: Signals, hit: RankedPassage): boolean {
  const specific = s.names.some((i) => !s.topic.has(i) && hit.matchedWords.has(i));
  return s.names.every((i) => hit.matchedWords.has(i) || (specific && (s.topic.has(i) || s.sceneWords.has(i))));
}

/**
 * The question asks about a company, or a name other than a place, that the passage and its context
 * never name: "what about Tencent?" is not answered by China's count.
 */
export function missesSubject(s: Signals, hit: RankedPassage): boolean {
  const companies = new Set(s.companies);
  const asked = (t: { words: number[] }) => t.words.every((w) => (s.query.salience[w] ?? 1) >= 1);
  const missed = (t: { words: number[] }) => !t.words.some((w) => hit.matchedWords.has(w));
  if (s.query.terms.some((t) => companies.has(t.term) && asked(t) && missed(t))) return true;
  // A name that is not a place ("European", "Xiaomi"): a place is often only where it happened.
  return s.subjects.some((i) => !s.topic.has(i) && !hit.matchedWords.has(i) && !s.placeWords.has(i));
}

/**
 * Is word `i` (a place) where the question sets its scene: "during his visit to Beijing", "in
 * Shanghai", "来北京" (came to Beijing), "在上海" (in Shanghai), "喺上海" (Cantonese)?
 */
function setsScene(query: QueryAnalysis, i: number): boolean {
  const word = escapeRegExp(query.words[i]!);
  // Read in simplified characters; 喺 and 嚟 are Cantonese for 在 and 来.
  if (/\p{Script=Han}/u.test(word)) {
    return new RegExp(`(?:来|去|到|在|赴|访问|访|喺|嚟)${simplifiedChinese(word)}`, 'u').test(simplifiedChinese(query.read));
  }
  return new RegExp(String.raw`\b(?:in|to|at|from|across|around|near|inside|throughout)\s+(?:the\s+)?${word}\b`, 'i').test(query.read);
}

/** The weightiest of `pool` (word indices), if any. */
function heaviest(weights: readonly number[], pool: readonly number[]): number | undefined {
  return [...pool].sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0))[0];
}

/** Does the passage's own text name every specific name asked, not only its neighbour? */
export function namesSubjectItself(s: Signals, hit: RankedPassage): boolean {
  return s.names.every((i) => s.topic.has(i) || namesInText(s, i, hit));
}

/**
 * Does the passage speak of every fact asked that news often leaves out (who leads it, what it
 * costs)? A role must be in the same clause as the company asked about: "former Sogou CEO Wang
 * Xiaochuan …, and Yan Junjie, former vice president of SenseTime" names no CEO of SenseTime.
 */
export function speaksOfFacts(s: Signals, hit: RankedPassage): boolean {
  return s.query.attributes.every((fact) => evidenced(s, fact, hit));
}

/** The first fact asked that none of `hits` speaks of, if any. */
export function missingFact(s: Signals, hits: readonly RankedPassage[]): Attribute | undefined {
  const aboutSubject = (hit: RankedPassage) => hit === s.ranked[0] || namesSubjectItself(s, hit);
  return s.query.attributes.find((fact) => !hits.some((hit) => evidenced(s, fact, hit) && aboutSubject(hit)));
}

/**
 * Does the passage's own text name the question's main subject, a part of a word enough ("an
 * ex-Sogou guy" names Sogou)? True when it names none.
 */
function namesMainSubject(s: Signals, hit: RankedPassage): boolean {
  const main = s.mainSubject;
  return main === undefined || s.query.terms.some((t) => t.words.includes(main) && s.index.textHas(hit.position, t.term));
}

function evidenced(s: Signals, fact: Attribute, hit: RankedPassage): boolean {
  const quote = s.quoteOf(hit);
  if (fact.inSubjectPassage && !namesMainSubject(s, hit)) return false;
  if (fact.isName) return namesSomething(s, fact, quote) || (COMPANY_NAME_ASKED.test(s.query.read) && namesOtherCompany(s, hit));
  if (!fact.inSubjectClause || s.subjects.length === 0) return fact.evidence.test(quote);
  return evidenceClauses(fact, quote).some((clause) => {
    const terms = new Set(s.termsOf(clause));
    return s.subjects.some((i) => s.query.terms.some((t) => !t.part && t.words.includes(i) && terms.has(t.term)));
  });
}

/** The name asked for is a company's ("王小川做的公司叫什么", "what's the name of his startup"): another company's name answers it. */
const COMPANY_NAME_ASKED = /(?:公司|企业|企業|创业公司|初创)(?:的)?(?:叫什么|叫啥|叫咩|叫乜|名字|名称|名稱)|\b(?:company|firm|startup|business)(?:'s|’s)?\s+names?\b|\bnames? of (?:the|his|her|their|its|that) (?:company|firm|startup|business)\b|\bwhat(?:'s|’s| is| was) (?:the|his|her|their) (?:company|firm|startup) (?:called|named)\b/i;

/** A name used to compare, not to name: "ChatGPT-like assistants", "a rival to ChatGPT", "followed OpenAI's ChatGPT". */
const COMPARED = /[\p{L}\p{N}.]+-(?:like|style|type|esque)\b|\b(?:similar to|rivals?|rivall?ing|akin to|answer to|alternatives? to|than|like|followed|following|after)\s+(?:\p{Lu}[\p{L}\p{N}.&-]*['’]s\s+)?\p{Lu}[\p{L}\p{N}.&-]*/gu;

/**
 * Does the quote say what something is called? A word that names ("called", "dubbed") does, and so
 * does a name shaped like a product's ("Pangu Chat", "SenseNova") or a model the knowledge knows that
 * the question does not give ("their Tongyi large-scale model series"). A company's own name
 * ("Zhipu AI", "ByteDance") is not the name of its product, and a name used to compare
 * ("ChatGPT-like assistants") names nothing the passage is about.
 */
function namesSomething(s: Signals, fact: Attribute, quote: string): boolean {
  const text = quote.replace(COMPARED, ' ');
  const companies = new Set(s.companies);
  for (const [name] of evidenceIn(fact, text)) if (!s.termsOf(name).some((t) => companies.has(t))) return true;
  const asked = new Set(s.query.terms.map((t) => t.term));
  const terms = new Set(s.termsOf(text));
  return s.models.some((m) => !asked.has(m) && terms.has(m));
}

/**
 * Does the passage's own text hold the kind of fact asked for: a date for "when", a number for "how
 * many", a name the question does not give for "who", a reason for "why", another company for
 * "which companies"?
 */
export function holdsAnswerType(s: Signals, hit: RankedPassage): boolean {
  return s.gated.some((t) => (t === 'company' ? namesOtherCompany(s, hit) : t === 'who' ? namesSomeoneElse(s, hit) : holdsType(s, hit, t)));
}

function holdsType(s: Signals, hit: RankedPassage, t: AnswerType): boolean {
  if (!s.index.textHas(hit.position, TYPE_TERMS[t])) return false;
  return t !== 'date' || s.givenDates.size === 0 || holdsOtherDate(s, hit.passage.text);
}

/**
 * Months as written ("August"); a capital keeps the verb "may" out. Chinese months ("8月") are read
 * as their English names, the articles' language.
 */
const MONTH_WORD = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?<!\d)(1[0-2]|[1-9])\s*月/g;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// "August of the previous year" gives August, which may be the question's own: "of" marks a modifier.
const RELATIVE_DATE = /(?<!\bof (?:the )?)\b(?:(?:this|last|next|previous|that) (?:year|month|week)|yesterday|today)\b/i;

/** Alternatives the question offers ("April or May 2023?"): one of them may be the answer. */
const OFFERED = /[\p{L}\d]+,?\s+or\s+[\p{L}\d]+/gu;

/** A month typed in lower case, as people type ("after august"); "may" and "march" are verbs as often. */
const LOWER_MONTH = /\b(?:january|february|april|june|july|august|september|october|november|december)\b/g;

/** The years and months a text gives, each as one word ("2023", "august"). */
function datesIn(text: string): Set<string> {
  const months = [...text.matchAll(MONTH_WORD)].map((m) => (m[1] ? MONTHS[Number(m[1]) - 1]! : m[0]));
  return new Set([...yearsIn(text), ...[...months, ...(text.match(LOWER_MONTH) ?? [])].map((d) => d.toLowerCase())]);
}

/**
 * A date the question does not give itself: "after the first batch in August, when did the next
 * rounds come?" is not answered by the sentence about August.
 */
function holdsOtherDate(s: Signals, text: string): boolean {
  if (RELATIVE_DATE.test(text)) return true;
  for (const d of datesIn(text)) if (!s.givenDates.has(d)) return true;
  return false;
}

/**
 * A run of capitalised words ("Qin Gang", "Tesla's Elon Musk", "Ministry of Science and Technology"),
 * "of"/"and" allowed inside; a capitalised word opening the sentence ("The", "In") is not part of it.
 */
const NAME_RUN = /\p{Lu}[\p{L}\p{N}'’.&-]*(?:\s+(?:(?:of|and|for|de)\s+)?\p{Lu}[\p{L}\p{N}'’.&-]*)*/gu;

/**
 * "Who …?" is answered by a person or an organisation the question does not name itself: "Tesla's
 * Elon Musk returns to Beijing" names who was asked about, not whom he met there ("Musk met with
 * Chinese foreign minister Qin Gang").
 */
function namesSomeoneElse(s: Signals, hit: RankedPassage): boolean {
  if (!s.index.textHas(hit.position, TYPE_TERMS.who)) return false;
  // The answer-type terms ("#who") are not names, and a name holding what the whole knowledge is
  // about ("the Institute of … Information of China") is not the China asked about.
  const asked = new Set(s.query.terms.filter((t) => !t.term.startsWith('#') && !t.words.some((w) => s.topic.has(w))).map((t) => t.term));
  const companies = new Set(s.companies);
  for (const [run] of hit.passage.text.matchAll(NAME_RUN)) {
    const [first, ...rest] = run.split(/\s+/);
    const name = rest.length > 0 && SENTENCE_OPENERS.test(first!) ? rest.join(' ') : run;
    const terms = s.termsOf(name);
    // "Tesla's Elon Musk" is the Musk asked about, not someone else.
    if (terms.some((t) => asked.has(t))) continue;
    if (/\s/.test(name) || terms.some((t) => companies.has(t))) return true;
  }
  return false;
}

/**
 * The question asks for a date, a count (a multiple or a share among them) or a length of time and
 * the passage's own text holds none: unlike a name or a reason, these are there or not, and a
 * sentence about the subject without one does not answer "what year was it founded", "how many",
 * "how many times" or "how long".
 */
export function missesDateOrCount(s: Signals, hit: RankedPassage): boolean {
  return missesType(s, hit, ['date', 'count', 'multiple', 'share', 'duration']);
}

/** The question asks why and the passage's own text gives no reason ("because", "in a bid to" …). */
export function missesReason(s: Signals, hit: RankedPassage): boolean {
  return missesType(s, hit, ['reason']);
}

function missesType(s: Signals, hit: RankedPassage, types: readonly AnswerType[]): boolean {
  const asked = s.gated.filter((t) => types.includes(t));
  return asked.length > 0 && !asked.some((t) => holdsType(s, hit, t));
}

/**
 * For "which companies" or "who" questions, how many companies the passage's own text names that
 * the question does not (up to three): "besides Baidu, which companies …" is answered by "ByteDance,
 * SenseTime, Zhipu AI, MiniMax, and Baichuan …", not by the sentence about Baidu alone.
 */
export function otherCompaniesNamed(s: Signals, hit: RankedPassage): number {
  return s.gated.some((t) => t === 'company' || t === 'who') ? countOtherCompanies(s, hit, 3) : 0;
}

/** How many of the knowledge's companies the passage's own text names that the question does not, up to `most`. */
function countOtherCompanies(s: Signals, hit: RankedPassage, most: number): number {
  const asked = new Set(s.query.terms.map((t) => t.term));
  let named = 0;
  for (const c of s.companies) if (!asked.has(c) && s.index.textHas(hit.position, c) && ++named === most) break;
  return named;
}

/**
 * "Which companies …?" is answered by a passage naming a company, and not only the ones the question
 * names ("which chinese cos are building nvidia alternatives" is not answered by Nvidia's name).
 */
function namesOtherCompany(s: Signals, hit: RankedPassage): boolean {
  if (s.companies.length === 0) return s.index.textHas(hit.position, TYPE_TERMS.company);
  return countOtherCompanies(s, hit, 1) > 0;
}

function isTopicName(query: QueryAnalysis, word: number, index: PassageIndex): boolean {
  const counts = query.terms.filter((t) => t.words.includes(word)).map((t) => index.documentFrequency(t.term)).filter((n) => n > 0);
  return counts.length > 0 && Math.min(...counts) >= TOPIC_NAME_SHARE * index.passages.length;
}

/** Does the passage's own text hold the word itself (not only a piece of it: "AI" is not "01.AI")? */
function namesInText(s: Signals, word: number, hit: RankedPassage): boolean {
  return s.query.terms.some((t) => !t.part && t.words.includes(word) && s.index.textHas(hit.position, t.term));
}

/**
 * What the question is about: the weightiest name it asks about that the knowledge knows ("huawei"
 * in "huawei's chatbot called what", whatever [1] matched); else the weightiest name, else word,
 * that it shares with `hit`.
 */
function subjectWord(s: Signals, hit: RankedPassage): number | undefined {
  const named = [...hit.matchedWords].filter((i) => s.query.entities[i]);
  return s.mainSubject ?? heaviest(s.weights, named) ?? heaviest(s.weights, [...hit.matchedWords]);
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

/** Coverage counting a word as matched when the passage holds a WordNet relative of it ("ahead" → leading). */
export function looseCoverage(s: Signals, hit: RankedPassage): number {
  let covered = 0;
  s.query.words.forEach((word, i) => {
    if (hit.matchedWords.has(i)) covered += s.weights[i] ?? 0;
    else if (inOtherWords(word) && relatedWords(word).some((r) => telling(processWord(r), s.index) && s.index.textHas(hit.position, processWord(r)))) {
      covered += s.weights[i] ?? 0;
    }
  });
  return s.totalWeight > 0 ? covered / s.totalWeight : 0;
}
