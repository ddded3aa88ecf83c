/**
 * What kind of answer a question asks for, as extra index and query terms: a kind of named thing
 * (a model, a company) or an amount. The analyzer adds these terms; ranking treats them like any
 * other, at TERM_WEIGHTS.kind.
 */
import type { SurfaceToken } from './tokenize.js';

/**
 * Words that ask for a kind of named thing ("Huawei's model", "which companies"), by alias kind. The
 * index stores a kind term wherever a name of that kind occurs, so "What is Huawei's model called?"
 * finds "Huawei … launch its Pangu Chat" though the sentence never says "model".
 */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  model: 'model', models: 'model',
  company: 'company', companies: 'company', firm: 'company', firms: 'company', startup: 'company', startups: 'company',
  模型: 'model', 公司: 'company', 企业: 'company',
};
/** Kind and type terms cannot collide with words: the tokenizer never yields '#'. */
export const KIND_TERM_PREFIX = '#';
export const kindTerm = (kind: string) => KIND_TERM_PREFIX + kind;

/**
 * "How many …?" and "how much …?" ask for an amount: a sentence with a count in it ("130 LLMs",
 * "over 2,000 firms", "two LLMs") is more likely the answer. Years are not counts, and nor is a
 * multiple ("3.5 times the private investment"): it answers "how many times …?", not "how many
 * AI companies …?".
 */
export const COUNT_TERM = '#count';
/**
 * A number asked by name: "what were the 2020 figures …", "what is the total …", "what are the
 * actual numbers". A count or a share answers it ("number one" asks no number).
 */
const NUMBER_ASKED = /\b(?:what|which)(?:['’]?s|\s+(?:is|was|are|were))?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:figures?|numbers?(?!\s+one\b)|totals?|counts?|tally|headcount)\b/i;
/**
 * A number asked without a question word, as notes and searches ask it: "LLM count 2022", "number of
 * approved models", "# of users". "A number of" means several, and "count" after a pronoun or an
 * auxiliary is the verb ("does it count as …"). Only where nothing else says what is asked: in "which
 * regions lead on the number of new AI companies?" or "is the number bigger than …", the number is
 * the topic, not the answer.
 */
const NUMBER_NOUN = /(?<!\ba\s+)\b(?:number|count|tally)\s+of\b|#\s*of\b|\b(?!(?:i|you|we|they|he|she|it|that|this|does|do|did|not|to|can|will|would|should|must|may|might|and|or)\b)[a-z][\w.-]*\s+(?:count|tally|headcount|numbers)\b(?!\s+(?:on|as|towards?)\b)/i;
const ASKS_OTHERWISE = /\b(?:who|whom|whose|when|where|why|what|which|how|compared?|comparison|bigger|smaller|larger|more|less|fewer|higher|lower|leads?|leading|ahead|behind)\b|谁|什么|哪|为什么|是否|吗/i;
export const COUNT_QUESTION = new RegExp(String.raw`\bhow\s+(?:many(?!\s+times\b)|much)\b|多少(?!倍)|几个|${NUMBER_ASKED.source}`, 'i');
export const MULTIPLE_TERM = '#times';
/** Number words a count is written with ("one" is left out: it is mostly a pronoun, "one of the"). */
const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen',
  'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy',
  'eighty', 'ninety',
  'dozen', 'dozens', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions',
]);
/** A year, or a decade ("the late 1970s"): a date, not a count. */
const YEAR = /^(?:19|20)\d\d(?:s)?$/;
export function isCount(t: SurfaceToken, previous?: SurfaceToken, next?: SurfaceToken): boolean {
  // The day of a date ("May 30, 2023") counts nothing.
  if (previous && isMonth(previous, t) && /^\d{1,2}$/.test(t.raw)) return false;
  if (isMultiple(t, next)) return false;
  // A version after a name ("Ernie 3.5", "GPT 3.5") counts nothing either.
  if (previous && /^\p{Lu}/u.test(previous.raw) && /^\d+\.\d+$/.test(t.raw)) return false;
  const raw = t.raw.toLowerCase();
  // A number starts the token: the digit in a name ("DeepSeek-R1", "GPT-4", "o1") counts nothing.
  // A percentage is a share, not a count: "more than 80% of the global total" counts no LLMs.
  if (raw.endsWith('%')) return false;
  return (/^[$¥€£]?\d/.test(raw) && !YEAR.test(raw)) || NUMBER_WORDS.has(raw);
}

/** A multiple: "3.5 times", "twice the processing power", "3.5倍". */
export function isMultiple(t: SurfaceToken, next?: SurfaceToken): boolean {
  const raw = t.raw.toLowerCase();
  return raw === 'twice' || raw === 'thrice' || (/^\d/.test(raw) && /^(?:(?:times|fold)$|倍)/i.test(next?.raw ?? ''));
}

/**
 * The kind of fact a question asks for, beyond names and counts. The index stores a type term in each
 * passage that holds such a fact (a date, a person, a reason, a place); a question that asks for one
 * adds the term for ranking only, so "when did …" prefers the sentence with the date, and the
 * decision can tell a passage about the subject from one that answers the question.
 */
export type AnswerType = 'date' | 'count' | 'multiple' | 'share' | 'duration' | 'who' | 'reason' | 'place' | 'company' | 'definition';

export const TYPE_TERMS: Readonly<Record<AnswerType, string>> = {
  date: '#when', count: COUNT_TERM, multiple: MULTIPLE_TERM, share: '#share', duration: '#long', who: '#who', reason: '#why', place: '#where', company: kindTerm('company'), definition: '#what',
};

/**
 * "What is Qwen?", "what's an AI chatbot?", "what does LLM stand for", "通义千问是什么": the question
 * asks what something is. The thing asked about is a short name (one to three words, no "of": "what is
 * the name of …" asks a name, and "what is Baidu's chatbot called?" a name too, not a definition).
 * It finds the ask anywhere in a message, for the decision; `definitionSubject` below reads the
 * name out of a message that is only this ask, for the reranker to put a sentence defining that very
 * name first.
 */
const DEFINITION_QUESTION =
  /\bwhat(?:'s|’s|\s+is|\s+are)(?:\s+(?:even|exactly|actually))?\s+(?:an?\s+)?(?!(?:\S+\s+){0,2}(?:of|for|in|on|by|about|with|from|that|this|it|they|he|she|going|happening|the|called|named|doing|worth|like|used|made|up)\b)(?:[\w.'’-]+\s*){1,3}(?:\?|$)|\bwhat\s+(?:does|do)\s+.{1,40}\s+(?:mean|stand\s+for)\b|\b(?:define|definition\s+of|meaning\s+of)\b|^\s*(?:什么是|啥是).{1,12}$|^.{1,12}是(?:什么|啥)(?:东西|意思)?[?？吗呀啊呢]*$/i;

/**
 * A passage that says what something, anything, is (the decision's "holds a definition"): a glossary
 * line ("Large Language Model (LLM): Advanced AI models …"), a name followed by what it is ("Qwen, a
 * family of artificial intelligence models …"), "X is a …", "so-called", "refers to", "known as".
 * `definesSubject` below is the same reading for one given name, which the reranker uses.
 */
const DEFINES =
  /^[^:.]{2,60}:\s+\S|\b\p{Lu}[\w.-]*(?:\s+\p{Lu}[\w.-]*)*,\s+(?:a|an)\s|\b(?:is|are)\s+(?:a|an)\s|\bso-called\b|\brefers?\s+to\b|\bstands?\s+for\b|\bknown\s+as\b|\bdefined\s+as\b|\bshort\s+for\b|是一(?:个|种|家|款)/u;

/** The subject of a definition question ("What is an AI chatbot?" → "AI chatbot"), or null. */
export function definitionSubject(question: string): string | null {
  const m = /^\s*(?:what|wat|wht|who)(?:'s|\s+(?:is|are|was|were))\s+(?:(?:an?|the)\s+)?(.+?)[\s?.!]*$/i.exec(question);
  const subject = m?.[1]?.trim();
  return subject && subject.split(/\s+/).length <= 5 ? subject : null;
}

/** Text typed by users, to match literally inside a pattern: every metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does `text` define `subject`: "X, a …", "X is a …", "X: …", "X (…): …"? */
export function definesSubject(text: string, subject: string): boolean {
  const x = escapeRegExp(subject).replace(/\s+/g, '\\s+');
  const pattern = new RegExp(
    `(?:^|[\\s“"(–-])${x}(?:['’]s)?(?:\\s*\\([^)]*\\))?\\s*(?:,\\s*(?:a|an|the)\\b|\\s+(?:is|are|was|were|refers to)\\s+(?:a|an|the)\\b|:\\s)`,
    'i',
  );
  return pattern.test(text);
}

const ASKS: ReadonlyArray<[AnswerType, RegExp]> = [
  // "On which exact date …", "the effective date", "the deadline" ask for a date as much as "when" does.
  ['date', /\b(?:when|since when|what (?:(?:exact|specific|precise|particular|actual) )?(?:years?|months?|dates?|days?|time(?! (?:period|frame|span)))|which (?:(?:exact|specific|precise|particular|actual) )?(?:years?|months?|dates?|days?)|how long|(?:exact|specific|precise|effective|launch|release|meeting|founding|approval|start|publication|announcement|due|cut-?off) date|date of|deadlines?)\b|什么时候|截止|何时|哪一?年|几月|哪个?月|什么时间|多久|多长时间/i],
  ['count', COUNT_QUESTION],
  // "How many times …?", "how much more …?", "几倍": a multiple ("3.5 times", "twice") answers.
  ['multiple', /\bhow\s+many\s+times\b|\bhow\s+much\s+(?:more|bigger|larger|higher|better|faster|greater)\b|几倍|多少倍/i],
  // "What share …?", "how much of …?" ask for a share; "how many" asks a count, and "80%" is none.
  ['share', new RegExp(String.raw`\bhow much\b|\b(?:what|which)\s+(?:share|percent(?:age)?|proportion|fraction|portion)\b|\bwhat\s*%|百分之|比例|占比|多少(?![个家款名位项种])|${NUMBER_ASKED.source}`, 'i')],
  ['duration', /\bhow long\b|多久|多长时间/i],
  // "Which official …?", "which Chinese government official …?" ask for a person as much as "who
  // …?" does; "what did the analyst call it?" asks what was said.
  ['who', /\b(?:who|whom|whose)\b|\b(?:which|what)\s+(?:(?!(?:do|does|did|is|was|are|were|has|have|had|will|would|can|could|should)\b)[\w-]+\s+){0,3}(?:officials?|persons?|people|executives?|execs?|analysts?|researchers?|scientists?|ministers?|professors?|lecturers?|experts?|spokes(?:person|man|woman)|guy|man|woman|individuals?|entrepreneurs?|billionaires?|economists?|scholars?|academics?)\b|谁|哪位|什么人/i],
  ['reason', /\b(?:why|how come|what for|reasons?|point of|aim of|goal of|purpose|going for)\b|为什么|为何|为啥|原因|干嘛|目的/i],
  ['place', /\b(?:where|which (?:city|cities|country|countries|province|region|university))\b|哪里|在哪|哪[个些]?(?:城市|国家|省份?|地区|区|州)|什么地方|哪一?所|哪个大学|哪间大学/i],
  // "Which companies/firms …?" asks for companies by name (models are left out: the alias table,
  // which marks names by kind, knows most companies the articles name but not every model).
  ['company', /\bwhich\s+(?:[\w-]+\s+){0,2}(?:compan(?:y|ies)|firms?|startups?|cos|businesses)\b|哪些公司|哪家|哪些企业|边间|边家|边啲公司/i],
  ['definition', DEFINITION_QUESTION],
];

/**
 * "在哪家机构" and "在哪一个领域" ask which institution, which field, not where: 在 (at) before 哪 and a
 * measure word is cut, so that 在哪 (where) is not read there.
 */
export const AT_WHICH = /在(?=哪一?[个家些种款位项所])/gu;

/** The answer types a question asks for (usually one; none for "what is …?"). */
export function askedTypes(question: string): AnswerType[] {
  const asked = withoutEmbeddedWhWords(question).replace(AT_WHICH, ' ');
  const types = ASKS.filter(([, pattern]) => pattern.test(asked)).map(([type]) => type);
  if (types.length === 0 && NUMBER_NOUN.test(asked) && !ASKS_OTHERWISE.test(asked)) types.push('count');
  return types;
}

/**
 * A question asks with its first question word; a later "who", "when", "where" or "why" is inside
 * what it asks about ("what's the fight about who'll own the internet" asks what, not who), unless
 * joined to the first by "and"/"or" ("when and why did …").
 */
function withoutEmbeddedWhWords(question: string): string {
  let seen = false;
  return question.replace(/(\b(?:and|or)\s+)?\b(who|whom|whose|when|where|why|what|which|how)\b/gi, (whole, joined: string | undefined, word: string) => {
    const embedded = seen && !joined && /^(?:who|whom|whose|when|where|why)$/i.test(word);
    seen = true;
    return embedded ? ' ' : whole;
  });
}

const MONTH = /^(?:January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;
/** A month's name; "May" only before a number ("May 30"), since it is mostly the verb. */
function isMonth(t: SurfaceToken, next: SurfaceToken | undefined): boolean {
  return MONTH.test(t.raw) || (t.raw === 'May' && /^\d/.test(next?.raw ?? ''));
}
const REASON =
  /\b(?:because|due to|owing to|attributed to|aims? to|aimed at|aiming to|as a result|in a bid to|in an effort to|in response to|driven by|thanks to|in order to|so that|amid|caused by|resulted? (?:in|from)|led to|prompt(?:ed|ing|s)?|spurr?(?:ed|ing|s)?|spark(?:ed|ing|s)?|fuel(?:l)?ed|stems? from|reasons?|motivat\w+|seen as|viewing it as|to (?:match|compete|catch up|reduce|boost|promote|counter|ensure))\b|因为|由于|为了|旨在/i;
/**
 * A length of time ("after a three-year absence", "for two months", "18 months later", "三年"): what
 * "how long …?" asks, besides a date ("since 2017").
 */
const DURATION =
  /\b(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|few|many)[- ](?:years?|months?|weeks?|days?|decades?|hours?)\b|\b(?:years?|months?|weeks?|days?) (?:ago|later|earlier)\b|[0-9一二三四五六七八九十两几]+\s*(?:年|个月|周|天)(?:来|后|前|之后|之前|以来)/iu;
/** A share of a whole: "40%", "40 percent", "百分之四十". */
const SHARE = /\d%|\d\s*(?:percent|per cent)\b|百分之/i;
/** Capitalised words that open a sentence rather than a name ("The Beijing government …"). */
export const SENTENCE_OPENERS = /^(?:the|a|an|in|on|at|for|from|by|with|as|this|that|these|those|its|their|his|her|our|after|before|since|during|while|when|if|but|and|meanwhile|however|likewise|notably|despite|according)$/i;
const PLACE_LEAD = /^(?:in|at|from|based|headquartered|across|to)$/i;

/**
 * The answer-type terms a passage earns. `tokens` are its surface tokens; `kinds` the alias kinds
 * of the names found in it (a person, a company, a place …).
 */
export function passageTypeTerms(text: string, tokens: readonly SurfaceToken[], kinds: ReadonlySet<string>): string[] {
  const terms: string[] = [];
  let date = false;
  let who = kinds.has('person') || kinds.has('company') || kinds.has('organisation');
  let place = kinds.has('place');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.cjk) continue;
    if (YEAR.test(t.raw) || isMonth(t, tokens[i + 1])) date = true;
    // Two capitalised words in a row: a person's or an organisation's name ("Wang Tiezhen", "Dan
    // Ives"), unless the first is a capitalised function word opening the sentence ("The Beijing …").
    const next = tokens[i + 1];
    if (next && isCapitalised(t.raw) && isCapitalised(next.raw) && (i > 0 || !SENTENCE_OPENERS.test(t.raw))) who = true;
    if (i > 0 && isCapitalised(next?.raw ?? '') && PLACE_LEAD.test(t.raw)) place = true;
  }
  if (/\b(?:since|until|last|this|next) (?:year|month|week)\b|\b(?:early|late|mid)[- ]\d{4}\b|去年|今年|\d+月|\d{4}年/i.test(text)) date = true;
  // Chinese text writes counts in characters as often as in digits: 两百万字, 十五家.
  if (/[0-9一二三四五六七八九十两百千万亿]+\s*(?:个|家|款|万|亿|字|名|位|项|种)/u.test(text)) terms.push(COUNT_TERM);
  if (/[0-9一二三四五六七八九十两.]+\s*倍/u.test(text)) terms.push(MULTIPLE_TERM);
  if (DURATION.test(text)) terms.push(TYPE_TERMS.duration);
  if (SHARE.test(text)) terms.push(TYPE_TERMS.share);
  if (date) terms.push(TYPE_TERMS.date);
  if (who) terms.push(TYPE_TERMS.who);
  if (place) terms.push(TYPE_TERMS.place);
  if (REASON.test(text)) terms.push(TYPE_TERMS.reason);
  if (DEFINES.test(text)) terms.push(TYPE_TERMS.definition);
  return terms;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

/**
 * Facts people ask about a company, model or person that news articles often do not give: who runs
 * it, when it was founded, what it costs … A question asking for one is answered only by a passage
 * that speaks of it; otherwise the sources "mention X but not its Y".
 */
export interface Attribute {
  /** How the fact is named in "my sources mention X but not …". */
  fact: string;
  /** Does a question ask for it? */
  asks: RegExp;
  /** Does a passage speak of it? */
  evidence: RegExp;
  /**
   * The evidence must be in the same clause as the subject: "former Sogou CEO Wang Xiaochuan …, and
   * Yan Junjie, former vice president of SenseTime" names a CEO, but not SenseTime's.
   */
  inSubjectClause?: true;
  /**
   * The evidence counts only in a passage that names the subject itself, not only beside it: "Wang
   * Huiwen … established Beijing Guangnian" speaks of a founding, but not Baichuan's.
   */
  inSubjectPassage?: true;
  /**
   * The fact is a name: a company's own name or one used to compare ("ChatGPT-like") is no evidence,
   * and a model the question does not give is ("Alibaba's Tongyi series"). See `namesSomething`.
   */
  isName?: true;
}

/**
 * A role asked about, not one the question cites as its source: "who is Baidu's CTO?" and "the name
 * of the CTO who reported …" ask for the person; "according to the company's CTO" and "what did
 * Baidu's CTO report?" ask for what was said.
 */
function asksRole(roles: string, chinese: string): RegExp {
  const cited = String.raw`(?<!\b(?:according to|reported by|said by|stated by|per|by)\s+(?:the\s+)?(?:company['’]s\s+|its\s+|their\s+|[\w.-]+['’]s\s+)?)`;
  const saying = String.raw`(?!(?:['’]s)?\s+(?:reports?|reported|said|says|say|stated|claimed|announced|figures?|numbers?|words)\b)`;
  return new RegExp(String.raw`${cited}\b(?:${roles})\b${saying}|${chinese}`, 'i');
}

export const ATTRIBUTES: readonly Attribute[] = [
  {
    // A role is answered by a name beside it ("Baidu's CEO, Robin Li"), not by the role alone.
    fact: 'who leads it',
    // "who leads?" alone asks who is ahead, not who runs a company: a role verb needs its object.
    asks: /\b(?:ceo|chief executive|boss|chairman|chairwoman|who(?:'s| is)?(?: currently| now)? (?:running|runs|leads|heads) (?!in\b|on\b|at\b|the (?:race|pack|way)\b|so far\b)\w)|首席执行官|总裁|老板|董事长/i,
    evidence: roleWithName('CEO|chief executive|chairman|chairwoman|boss|head(?:ed)? by|led by'),
    inSubjectClause: true,
  },
  {
    fact: 'its chief technology officer',
    asks: asksRole('cto|chief technology officer', '首席技术官'),
    evidence: roleWithName('CTO|chief technology officer'),
    inSubjectClause: true,
  },
  {
    fact: 'its founding',
    // "started" alone is not asked for: "after Beijing started requiring approval" is about something else;
    // nor is "set up", but for a company ("when was the DeepSeek startup set up"): a process is set up too.
    // Chat Chinese "opens" a company: 是谁开的, 哪一年开的, 他开的公司 (not 公开的, made public).
    asks: /\b(?:founded|founder|founders|founding|co-?founded|co-?founders?|established|establishment|who (?:started|set up)|(?:was|were|got|been)\b[^?.,;]{0,30}\b(?:startup|company|firm|lab|venture)s?\s+(?:(?:first|originally|initially)\s+)?set up)\b|创始人|成立|创立|创办|(?:谁|哪一?年|什么时候)(?:一起|合伙)?开(?:的|了)|开(?:的|了)(?:那个|这个|一家|一个|个|什么)?新?(?:公司|企业)/i,
    evidence: /\b(?:found(?:ed|er|ers|ing)|co-?found(?:ed|er)|established|set up|started by|launched by|initiated)\b|创始|成立|创立/i,
    inSubjectPassage: true,
  },
  {
    fact: 'what it costs',
    // "What did X pay to acquire Y?" asks the price; "pay attention" and "paid off" do not.
    asks: /\b(?:price|prices|pricing|priced|cost|costs|costing|spend|spent|charge|charges|budget|budgets|fees?|membership|(?:monthly|annual|yearly) (?:subscription|plan)|how much (?:rmb|yuan|money|usd|dollars?|bucks)|(?:pay|paid|paying)(?! (?:attention|off|tribute|a visit)\b))\b|价格|多少钱|成本|花费|费用|预算|会员费|收费|月费|订阅费/i,
    evidence: /\b(?:cost|costs|price|priced|pricing|spent|spend|budget|cheap(?:er)?|expensive|RMB|yuan|dollars?)\b|\$|价格|成本/i,
  },
  {
    fact: 'its market value',
    asks: /\b(?:market cap|market capitali[sz]ation|valuation|market value)\b|市值|估值/i,
    evidence: /\b(?:market cap|market capitali[sz]ation|valuation|valued|market value|worth)\b|市值|估值/i,
  },
  {
    fact: 'its funding',
    asks: /\b(?:funding|raised|raise|raising|investors|funding round|series [a-d]|bankroll(?:s|ed|ing)?|backers|who (?:is |are )?(?:funding|financing|backing))\b|融资/i,
    evidence: /\b(?:rais(?:ed|e|ing)|funding|funded|investors?|invest(?:ed|ment|ments)|backed|round)\b|融资|投资/i,
  },
  {
    fact: 'its parameter count',
    asks: /\b(?:param(?:eter)?s|parameter counts?|how (?:much|many) (?:[\w-]+ )?param(?:eter)?|how (?:big|large) is the model|model sizes?)\b|参数/i,
    // A size in words counts ("over one billion parameters", "various sizes or parameters").
    evidence: /\b(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?|several|various|different)\s*(?:billion|million|trillion|[bmt])?\s+(?:sizes or\s+)?parameters\b|参数/i,
    // "LLMs with over one billion parameters" is no size of Ernie 3.5, named only in the next sentence.
    inSubjectPassage: true,
  },
  {
    fact: 'where it is based',
    asks: /\b(?:headquarter(?:s|ed)?|hq|based in|where is .{1,40} (?:based|located)|(?:which|what) (?:city|province)\b.{1,60}\b(?:based|located))\b|总部|位于哪/i,
    evidence: /\b(?:headquarter(?:s|ed)|based in|located in|HQ)\b|总部|位于/i,
  },
  {
    fact: 'its benchmark results',
    // A score asked is a number: "excellent performance on competitive benchmarks" gives none.
    // "How does Qwen do on benchmarks?" asks no score, and that sentence answers it.
    asks: /\b(?:scored?|scores|mmlu|leaderboard|benchmark (?:scores?|results?|numbers?))\b|得分|跑分|分数/i,
    evidence: /\b(?:scor(?:e|ed|es|ing)|MMLU|leaderboard|ranked|topped)\b|得分|排名/i,
  },
  {
    fact: 'its revenue',
    asks: /\b(?:revenue|revenues|sales|profit|profits|earnings)\b|营收|收入|利润/i,
    evidence: /\b(?:revenues?|sales|profits?|earnings)\b|营收|收入|利润/i,
  },
  {
    fact: 'its headcount',
    asks: /\b(?:employ(?:s|ed|ees)|staff|headcount|workforce|how many people work)\b|员工/i,
    evidence: /\b(?:employ(?:s|ed|ees)|staff|headcount|workforce)\b|员工/i,
  },
  {
    // "what's it called?": a passage that names something (says "called"/"known as", or holds a
    // name shaped like a product's: "Pangu Chat", "SenseNova", "HunYuan AI Large Model", "R1").
    fact: 'its name',
    // Asked for, not used to describe: "what's it called?", "name of …", "name the …"; not "a
    // company called Xiaomi" or "the name keeps coming up". "Name the tech giants that …" asks for
    // companies, which the company type reads.
    asks: /\b(?:names? of|what(?:'s| is| are| was)? (?:the |its |their |his |her )?names?|names? (?:the|all|any|some|two|three|four|five|a|an)\b(?!(?:\s+[\w-]+){0,3}?\s+(?:compan(?:y|ies)|firms?|giants?|startups?|players?|businesses|countries|cities|people|persons?|analysts?|experts?|officials?|founders?)\b)|what did .{1,40} (?:name|call) (?:its|their|his|her|the)\b|(?:called|named) what|what (?:is|are|was|were|do you call|do they call) .{1,60}\b(?:called|named)\b\s*(?:[?.!,]|$)|(?:called|named|names?)\s*[?.!,]*\s*$|what do (?:they|you|people|we) call|\bmodel names?\b|\bwhich (?:specific|exact|particular) (?:[\w.-]+ )?(?:models?|chips?|versions?|products?)\b)|叫什么|叫啥|叫咩|叫乜|名字|名称|型号|哪一?款/i,
    // A month and year ("October 2022") is a date, not a name.
    evidence:
      /\b(?:named|dubbed|known as|(?<!so-)called|titled)\b|\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][\w-]*(?:[- ](?:\d+(?:\.\d+)?|Bot|Chat|GPT|AI|LLM|Model|Nova))+\b|[A-Z][a-z]+[A-Z]\w+/,
    isName: true,
  },
  {
    fact: 'their age',
    asks: /\b(?:how old|what age|his age|her age|their age|age of|born in|birthday)\b|\bage\s*\??\s*$|多大年纪|多少岁|几多?岁|年龄|出生|生于/i,
    evidence: /\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bborn (?:in|on)\b|\d{1,3}\s*岁|出生/i,
  },
  {
    fact: 'its share price',
    asks: /\b(?:stock|stocks|share price|stock price|ticker)\b|股价|股票/i,
    evidence: /\b(?:stock|shares (?:rose|fell|jumped|dropped|climbed|slid|gained|lost)|share price|stock price)\b|股价/i,
  },
  {
    // Not 上市 alone: said of a product it means "came to market".
    fact: 'its stock market listing',
    asks: /\b(?:ipo|went public|go public|going public|stock market debut)\b|上市公司|公开上市/i,
    evidence: /\b(?:IPO|initial public offering|went public|listed on|listing|stock market debut)\b|上市/i,
  },
  {
    fact: 'its production capacity',
    asks: /\b(?:production capacity|(?:plant|factory)(?:'s)? (?:capacity|output)|capacity of (?:the |its |their )?(?:plant|factory)|(?:annual|yearly) (?:output|production)|output per (?:year|yr|month)|how many (?:cars|vehicles|units) (?:does|do|did|can|will|a|per))\b|产能|产量/i,
    evidence: /\b(?:capacity|output|units a year|vehicles a year)\b|产能|产量/i,
  },
  {
    fact: 'its context window',
    asks: /\bcontext (?:window|length|size)|\btoken (?:limit|window)|\bmax(?:imum)? (?:input )?tokens\b|上下文/i,
    evidence: /\bcontext (?:window|length|size)|\btokens?\b|上下文/i,
  },
  {
    fact: 'whether it is hiring',
    asks: /\b(?:hiring|recruit(?:ing|s|ment)?|job (?:openings?|offers?|vacanc(?:y|ies))|vacanc(?:y|ies)|open (?:roles|positions))\b|招聘|招人/i,
    evidence: /\b(?:hir(?:ing|es|ed)|recruit\w*|job openings?|vacanc(?:y|ies)|open (?:roles|positions))\b|招聘/i,
  },
  {
    fact: 'its licence',
    asks: /\b(?:licen[cs]e[sd]?|licensing)\b|许可证|开源协议/i,
    evidence: /\b(?:licen[cs]e[sd]?|licensing|Apache|MIT|GPL)\b|许可|开源协议/i,
  },
  {
    // "How many users does Spark have?" is not answered by Ernie Bot's user count beside it.
    fact: 'its user numbers',
    asks: /\b(?:how many (?:[\w-]+ ){0,2}users|user (?:base|count|numbers?)|users? (?:does|do|did|has|have)|monthly active|daily active|MAU|DAU)\b|用户数|多少用户|用户量|多少人用|多少个用户/i,
    evidence: /\busers?\b|用户/i,
    inSubjectPassage: true,
  },
  {
    fact: 'its downloads',
    asks: /\b(?:downloads?|downloaded)\b|下载/i,
    evidence: /\b(?:downloads?|downloaded)\b|下载/i,
  },
  { fact: 'fines', asks: /\b(?:fine|fines|fined|penalt(?:y|ies))\b|罚款/i, evidence: /\b(?:fine[sd]?|penalt(?:y|ies))\b|罚款/i },
  {
    // Last, so a more telling fact asked too is the one named ("not its funding").
    // A sum of money asked for is not given by a multiple or a share ("3.5 times the private
    // investment"): the passage must name an amount in a currency.
    fact: 'the amount in money',
    asks: /\b(?:how much money|how many dollars|dollar (?:figure|amount|value|terms)|(?:in|into) (?:us )?dollars|in (?:rmb|yuan|usd))\b|多少美元|多少人民币|金额/i,
    evidence: /\$\s?\d|\b(?:RMB|USD|CNY)\s?\d|\b\d[\d.,]*\s*(?:billion|million|trillion)?\s*(?:dollars|usd|yuan|rmb)\b|美元|人民币|亿元|万元/i,
  },
];

/** A role next to a person's name, either way round: "CEO, Robin Li", "Robin Li, the CEO". */
function roleWithName(roles: string): RegExp {
  const name = "\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)+";
  return new RegExp(`(?:${roles})\\b,?\\s+(?:of \\S+\\s+)?${name}|${name},?\\s+(?:the\\s+)?(?:\\S+['’]s\\s+)?(?:former\\s+)?(?:${roles})\\b`, 'u');
}

/** Where a clause ends: "X, and Y, former …" are two clauses; "Baidu’s CEO, Robin Li" is one match. */
const CLAUSE_END = /[,;:()—–]|\band\b/g;

const everywhere = new WeakMap<Attribute, RegExp>();

/** Every place `attribute` is spoken of in `text` (its evidence, matched throughout, built once). */
export function evidenceIn(attribute: Attribute, text: string): IterableIterator<RegExpExecArray> {
  let all = everywhere.get(attribute);
  if (!all) {
    const { source, flags } = attribute.evidence;
    everywhere.set(attribute, (all = new RegExp(source, flags.includes('g') ? flags : `${flags}g`)));
  }
  return text.matchAll(all);
}

/**
 * The clauses around each place `attribute` is spoken of in `text`: from the clause end before the
 * evidence to the one after it.
 */
export function evidenceClauses(attribute: Attribute, text: string): string[] {
  const ends = [...text.matchAll(CLAUSE_END)].map((m) => m.index);
  const clauses: string[] = [];
  for (const m of evidenceIn(attribute, text)) {
    const start = Math.max(0, ...ends.filter((e) => e < m.index).map((e) => e + 1));
    const end = Math.min(text.length, ...ends.filter((e) => e >= m.index + m[0].length));
    clauses.push(text.slice(start, end));
  }
  return clauses;
}

/** The facts a question asks for that news often leaves out. */
export function askedAttributes(question: string): Attribute[] {
  return ATTRIBUTES.filter((a) => a.asks.test(question));
}
