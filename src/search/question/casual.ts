/**
 * Questions as people type them in a chat: shorthand ("whats", "w/", "ppl", "cos"), filler ("tbh",
 * "lol", "real talk") and a question that comes after some context ("was reading about X and got
 * curious - whose chips …?"). These functions rewrite a question's words for analysis only; the
 * question as typed is what surfaces echo.
 */

/** Chat shorthand and the words it stands for ('' drops a word that carries nothing). */
const SHORTHAND: Readonly<Record<string, string>> = {
  whats: 'what is', whos: 'who is', wheres: 'where is', hows: 'how is', whens: 'when is', whys: 'why is',
  thats: 'that is', theres: 'there is', isnt: 'is not', doesnt: 'does not', didnt: 'did not', dont: 'do not',
  cant: 'can not', wont: 'will not', arent: 'are not', wasnt: 'was not', havent: 'have not', im: 'i am',
  wat: 'what', wut: 'what', wht: 'what', hw: 'how', mny: 'many', whn: 'when',
  // Question words spelled as they sound or typed in a hurry: no English word is spelled so.
  waht: 'what', whta: 'what', wot: 'what', meny: 'many', menny: 'many', wich: 'which', whitch: 'which',
  wher: 'where', whare: 'where', becuase: 'because', becasue: 'because', beacuse: 'because', becouse: 'because',
  u: 'you', ur: 'your', r: 'are', y: 'why', n: 'and', b4: 'before', w: 'with', bc: 'because',
  cuz: 'because', coz: 'because', bcuz: 'because', pls: 'please', plz: 'please', thx: 'thanks',
  ppl: 'people', peeps: 'people', collab: 'collaboration', collabs: 'collaborations',
  vc: 'venture capital', vcs: 'venture capitalists', genai: 'generative AI', param: 'parameter', params: 'parameters',
  cofounder: 'co-founder', cofounders: 'co-founders', cofounded: 'co-founded',
  govt: 'government', gov: 'government', gvt: 'government', cos: 'companies',
  // Months as dates are written short; "mar", "may", "jun" and "jul" are words or names too.
  jan: 'January', feb: 'February', apr: 'April', aug: 'August', sept: 'September', oct: 'October', nov: 'November', dec: 'December',
  co: 'company', corp: 'company', corps: 'companies', org: 'organization', orgs: 'organizations',
  tho: 'though', thru: 'through', abt: 'about', bout: 'about', smth: 'something', sth: 'something',
  yr: 'year', yrs: 'years', mil: 'million', mln: 'million', bn: 'billion', k: 'thousand',
  approx: 'approximately', vs: 'versus', gonna: 'going to', wanna: 'want to', gotta: 'got to', dunno: 'do not know',
  tbh: '', rn: 'now', nah: '', nope: '', yep: '', yeah: '', ya: '', lol: '', lmao: '', lmfao: '', rofl: '', omg: '',
  idk: '', imo: '', imho: '', btw: '', fyi: '', afaik: '', iirc: '', ngl: '', fr: '', smh: '', tldr: '', pfft: '',
  ok: '', okay: '', hmm: '', um: '', uh: '', eh: '', anyway: '', anyways: '',
  actually: '', basically: '', literally: '', seriously: '', honestly: '', really: '', kinda: '', sorta: '',
  exactly: '', supposedly: '', apparently: '',
  '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth', '5th': 'fifth', '6th': 'sixth', '7th': 'seventh',
  '8th': 'eighth', '9th': 'ninth', '10th': 'tenth',
  "ok'd": 'approved', okd: 'approved', okayed: 'approved', oked: 'approved', greenlit: 'approved',
};

/** Chat phrases that say "here comes a question" and nothing about its topic. */
const FILLER_PHRASES = /\b(?:real talk|random q(?:uestion)?|quick q(?:uestion)?|just curious|got curious|wondering|i keep hearing|i thought|i heard|mixed things|or not|or nah|or what|these days|anyone know|does anyone know|can someone tell me|so far)\b/gi;

/**
 * Contractions: the auxiliary they stand for is a stop word, but left joined ("who'll", "they're",
 * "doesn't") the word is one the knowledge has never seen, and such a word weighs most.
 */
const NEGATIONS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', ai: 'is', sha: 'shall' }; // can't, won't, ain't, shan't
function expandContractions(text: string): string {
  return text
    .replace(/\b(\p{L}+)n['’]t\b/giu, (_, verb: string) => `${NEGATIONS[verb.toLowerCase()] ?? verb} not`)
    .replace(/\b(\p{L}+)['’](?:ll|re|ve|d|m)\b/giu, '$1');
}

/**
 * Letters spoken one by one, as dictation writes an acronym ("a i", "l l m s", "u s", "c e o"),
 * joined back into the word the knowledge uses ("AI", "LLMs", "US", "CEO"). Only when the joined
 * word is one `isWord` knows: "r u sure" is "are you", not "RU".
 */
export function joinSpelledLetters(text: string, isWord: (lower: string) => boolean): string {
  return text.replace(/(?<![\p{L}\p{N}'’.])\p{L}(?:\s\p{L}){1,5}(?![\p{L}\p{N}'’])/gu, (run) => {
    const letters = run.replace(/\s/g, '');
    if (!/^\p{Script=Latin}+$/u.test(letters) || !isWord(letters.toLowerCase())) return run;
    // A plural spoken last stays lower case: "l l m s" → "LLMs".
    const plural = letters.length > 2 && /s$/i.test(letters) && isWord(letters.slice(0, -1).toLowerCase());
    return plural ? `${letters.slice(0, -1).toUpperCase()}s` : letters.toUpperCase();
  });
}

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
/** Up to twelve: past it, a number in words is rare in news and in questions. */
const SMALL_NUMBERS = [...UNITS, ...TEENS.slice(0, 3)];

/** A small number's other spelling: "3" → "three", "three" → "3". */
export function numberTwin(word: string): string | undefined {
  const n = SMALL_NUMBERS.indexOf(word);
  if (n >= 0) return String(n + 1);
  return /^(?:[1-9]|1[0-2])$/.test(word) ? SMALL_NUMBERS[Number(word) - 1] : undefined;
}
const TWO_DIGITS = `(?:${TEENS.join('|')}|(?:${TENS.join('|')})(?:[\\s-](?:${UNITS.join('|')}))?)`;
/**
 * A year said aloud, as dictation writes it: "twenty twenty one", "nineteen ninety", "twenty oh
 * five", "two thousand and eight". Only the shapes of a year: "twenty five degrees" is not 2005,
 * nor "two thousand five hundred" 2005.
 */
const SPOKEN_YEAR = new RegExp(
  `\\b(?:(nineteen|twenty)[\\s-](${TWO_DIGITS}|oh[\\s-](?:${UNITS.join('|')}))|two thousand(?:\\s+and)?\\s+(${TWO_DIGITS}|${UNITS.join('|')}))\\b(?![\\s-]+(?:hundred|thousand|million|billion))`,
  'gi',
);

/** The value of "twenty one", "fifteen", "oh five" or "eight". */
function spokenNumber(words: string): number {
  let value = 0;
  for (const word of words.toLowerCase().split(/[\s-]+/)) {
    if (TEENS.includes(word)) value += 10 + TEENS.indexOf(word);
    else if (TENS.includes(word)) value += 20 + 10 * TENS.indexOf(word);
    else if (UNITS.includes(word)) value += 1 + UNITS.indexOf(word);
  }
  return value;
}

/** Years said aloud, written as digits ("in twenty twenty one" → "in 2021"). */
export function writeSpokenYears(text: string): string {
  return text.replace(SPOKEN_YEAR, (_, century: string | undefined, rest: string | undefined, afterThousand: string | undefined) =>
    century ? String((century.toLowerCase() === 'twenty' ? 2000 : 1900) + spokenNumber(rest!)) : String(2000 + spokenNumber(afterThousand!)),
  );
}

/**
 * A year written with two digits, as chat writes it: "21年" (2021) and "'22" (2022). Only 2015 to
 * 2030, the years news of these models speaks of, and not a span of years ("近20年", "过去10年",
 * "20年来", "第21年" count years).
 */
export function writeShortYears(text: string): string {
  return text
    .replace(/(?<![\d.]|近|过去|過去|这|這|多|几|幾|第|前|后|後)(1[5-9]|2\d|30)(?=年)(?!年(?:来|來|间|間|前|后|後|多|以来|以來|之))/gu, '20$1')
    .replace(/(?<![\p{L}\p{N}])['‘’](1[5-9]|2\d|30)\b(?!['‘’])/gu, '20$1');
}

/** Rewrites chat shorthand into plain words; "w/" and "b/c" first, since they hold a slash. */
export function expandShorthand(text: string): string {
  const expanded = text
    .replace(/\bw\/o\b/gi, ' without ')
    .replace(/\bw\//gi, ' with ')
    .replace(/\bb\/c\b/gi, ' because ')
    .replace(FILLER_PHRASES, ' ')
    // Not a letter of a dotted abbreviation: the "U" of "U.S." is not "you"; nor "co-" of "co-founder"
    // (a prefix, not "company"), where "genai-specific" is still generative AI.
    .replace(/(?<![\p{L}\p{N}.])(?!co-)[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?![\p{L}\p{N}]|\.[\p{L}\p{N}])/giu, (word) => SHORTHAND[word.toLowerCase().replace(/’/g, "'")] ?? word);
  return expandContractions(expanded); // after the shorthand, which knows "ok'd"
}

const WH_WORD = 'who|whom|whose|what|which|when|where|why|how';
/**
 * Words that open a question, in a clause or after a comma or dash; a preposition may come first
 * ("Under which licence …?", "In what year …?", "By how much …?").
 */
const WH_OPENER = new RegExp(`^(?:(?:in|on|at|by|for|from|to|under|with|of|since|until|during|after|before|through|into|over)\\s+)?(?:${WH_WORD})\\b`, 'i');
const YES_NO_OPENER = /^(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|any)\b/i;
/** A yes/no question whose subject is a word standing for something said before it. */
const POINTS_BACK = /^(?:(?:so|and|but|ok(?:ay)?|well)[,\s]+)?(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should)(?:n['’]?t)?\s+(?:that|this|it|they|those|these|he|she)\b/i;

/** The same in Chinese: a question that opens with 那 / 这 / 它 / 他们 ("那一年美国发布了多少个？") is about what was told before it. */
const POINTS_BACK_ZH = /^(?:那|这|這|它|他们|他們|她们|她們|其)/u;

/** A question word anywhere in a sentence, where it opens it or left where the answer goes, or "… or not?". */
const ASKS_ANYWHERE = new RegExp(`\\b(?:${WH_WORD})\\b|\\bor not\\s*\\?|什么|什麼|多少|哪|谁|誰|几|幾|吗|嗎|呢|怎么|怎麼|为何|為何|是否|有没有|有沒有`, 'i');

/** At most this many words before the wh-word in the question's own sentence are part of the question. */
const FRONTED_WORDS = 6;

/** How many words a text has: Chinese, written without spaces, as a word for every two characters. */
function wordCount(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const rest = text.replace(/\p{Script=Han}+/gu, ' ').trim();
  return (rest ? rest.split(/\s+/).length : 0) + Math.ceil(han / 2);
}

/** A message this short is all question: its "context" is part of what it asks. */
const MIN_WORDS_FOR_FOCUS = 12;

/** Words whose full stop ends no sentence ("Mr. Li", "vs. OpenAI"). */
const ABBREVIATION = /(?:^|[\s(.])(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|inc|corp|ltd|co|no|approx|[a-z])$/i;

/**
 * A message's sentences, each with its offset. They end at ! ? … or a line break, and at a full stop
 * followed by a space, unless it closes an abbreviation: "Ernie 3.5", "01.AI", "U.S. rules" and
 * "Mr. Li" each stay inside one sentence.
 */
function sentencesOf(text: string): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  let start = 0;
  // Chinese puts no space after a sentence's end: 。 ends one anywhere, and ! ? … after a character.
  for (const m of text.matchAll(/[.!?…]+(?=\s|$)|[。！？]+|(?<=\p{Script=Han})[!?…]+|\n+/gu)) {
    if (m[0] === '.' && ABBREVIATION.test(text.slice(start, m.index))) continue;
    const end = m.index + m[0].length;
    out.push({ text: text.slice(start, end), index: start });
    start = end;
  }
  if (start < text.length) out.push({ text: text.slice(start), index: start });
  return out;
}

/**
 * Where the question itself starts in a longer message: the last sentence that asks something, and
 * within it the clause (after a comma, dash or colon) that opens with a question word. Returns the
 * character offset; 0 when the whole message is the question.
 */
export function questionStart(text: string): number {
  if (wordCount(text) < MIN_WORDS_FOR_FOCUS) return 0;
  // The question is the last sentence with a "?" (or the last).
  const sentences = sentencesOf(text).filter((m) => /[\p{L}\p{N}]/u.test(m.text));
  if (sentences.length === 0) return 0;
  let at = sentences.findLastIndex((m) => /[?？]/.test(m.text));
  if (at < 0) at = sentences.length - 1;
  // Questions asked one after another are all asked: "Did China overtake the U.S. in 2023? What were
  // the numbers?" asks the numbers of the first, which is not context told before it. A guess is
  // not a question ("… a search engine company, maybe Baidu? Who founded Baichuan?").
  // A question word asks wherever it stands ("Qwen is made by who?", "Sun Xin teaches at which
  // university?"), as does "… or not?".
  const asks = (m: { text: string }) => /[?？]/.test(m.text) && (YES_NO_OPENER.test(m.text.trim()) || ASKS_ANYWHERE.test(m.text));
  while (at > 0 && asks(sentences[at - 1]!)) at--;
  const asking = sentences[at]!;
  let start = asking.index;
  // Within it, the first clause that opens with a wh-word ("whats the point of X, what does Y get" is
  // one question asked twice), else the last that opens like a yes/no question; else all of it.
  const sentence = asking.text;
  const clauses = [0, ...[...sentence.matchAll(/(?:,|\s[-–—:]+|\bbut\b|\bso\b)\s*/gi)].map((m) => m.index + m[0].length)];
  const opens = (at: number, opener: RegExp) => opener.test(sentence.slice(at).trimStart());
  const wh = clauses.find((at) => opens(at, WH_OPENER));
  const yesNo = clauses.filter((at) => opens(at, YES_NO_OPENER)).pop();
  start += wh ?? yesNo ?? 0;
  // Too little left to be a question on its own ("is that right?"): the whole message is the question.
  if (wordCount(text.slice(start)) < 4) return 0;
  // A yes/no question about "that" or "they" asks about what was told before it: "my uncle says
  // they're putting out fewer models … is that right or are they actually speeding up?"
  if (POINTS_BACK.test(text.slice(start).trim()) || POINTS_BACK_ZH.test(text.slice(start).trim())) return 0;
  // A short phrase put before the question in the same sentence is part of it, not a story told
  // first: "In dollar terms, how much …", "01.AI, who is the founder …", "Back in 2020, how many …".
  const before = sentence.slice(0, start - asking.index);
  if (at === 0 && wordCount(before) <= FRONTED_WORDS) return 0;
  return start;
}

/** Greetings, thanks and how-are-yous: what people say to a bot that asks nothing. */
const COURTESY = new RegExp(
  String.raw`\b(?:hi+|hello|hey+|heya|hiya|yo|sup|howdy|greetings|good\s+(?:morning|afternoon|evening|night|day)|thanks?|thank\s+(?:you|u)|thx|ty|cheers|bye|goodbye|see\s+(?:you|ya)|cya|how\s+(?:are|r)\s+(?:you|u|ya)(?:\s+doing)?|how(?:'s|’s|\s+is)\s+it\s+going|what(?:'s|’s|\s+is)\s+up|wass?up|gm|gn|(?:are\s+)?(?:you|u)\s+(?:up|there|around|awake)|` +
    // praise: "you're a cool bot", "you are very helpful"
    String.raw`(?:you(?:'re|’re|\s+are)?|ur)\s+(?:(?:a|the|so|very|really|such\s+a)\s+)*(?:cool|great|awesome|amazing|helpful|useful|smart|nice|good|best))\b|你好|您好|谢谢|多谢|早上好|晚上好|晚安|在吗|嗨|拜拜|再见|明天见|回头见|辛苦了`,
  'giu',
);
/** What else such a message holds: who it is addressed to, and friendly filler. */
const ADDRESS_AND_FILLER =
  /\b(?:bot|buddy|mate|friend|dude|there|again|so|much|a\s+lot|very|please|pls|you|u|ya|all|guys|everyone|today|ok(?:ay)?|cool|nice|great|awesome|lol|haha+|:\)|for\s+(?:the|your)\s+help|help(?:ing)?)\b|机器人|呀|啊|哈+/giu;

/**
 * "hi bot how are you", "thanks bot!", "你好": a greeting or thanks and nothing else. Such a message
 * asks nothing, so no word of it is searched ("bot" is not a question about Ernie Bot).
 */
export function isSmallTalk(text: string): boolean {
  if (!text.match(COURTESY)) return false;
  const rest = text.replace(COURTESY, ' ').replace(ADDRESS_AND_FILLER, ' ');
  return !/[\p{L}\p{N}]/u.test(rest);
}

/** A greeting before the question, and whom it addresses: "hi bot, what is Qwen?". */
const GREETING_PREFIX =
  /^\s*(?:(?:hi+|hello|hey+|heya|hiya|yo|howdy|greetings|dear|thanks?|thank\s+(?:you|u)|good\s+(?:morning|afternoon|evening|day))\b[\s,!.:;-]*)+(?:(?:bot|buddy|mate|friend|dude|there|guys|all|everyone|sir|madam|team)\b[\s,!.:;-]*)?/iu;

/** The question without the greeting it opens with ("hi bot, what is Qwen?" → "what is Qwen?"). */
export function withoutGreeting(text: string): string {
  return text.replace(GREETING_PREFIX, '');
}

/**
 * What a question sets aside: "besides Baidu, which companies …", "apart from private investment, on
 * what other metric …", "除了百度，还有谁 …". The answer is about something else, so a passage about
 * the thing set aside has not answered. Returns the span of what is set aside, or null.
 */
const SET_ASIDE = [
  /\b(?:besides?|apart (?:from|of)|aside (?:from|of)|other than|except(?: for)?|excluding|not counting|in addition to)\s+(.+?)(?=\s*,\s*(?:\p{L}+\s+)?(?:who|whom|which|what|where|when|why|how|are|is|was|were|do|does|did|has|have|can|could|there)\b|\s+(?:who|whom|which|what|where|when|why|how|are|is|was|were|do|does|did|has|have|can|could|will|would|there|also|too)\b|\s*[?!;.,]|\s*$)/diu,
  /除(?:了|咗)?\s*(\p{L}.{0,15}?)(?:之外|以外|外)?(?=\s*[，,、]|\s*(?:还|還|也|仲))/du,
];

/**
 * Where no comma or question word ends what is set aside ("besides Baidu launched assistants after
 * approval, per TS2?"), the span runs on into the question: keep only the name or short phrase that
 * opens it, the run of capitalised words, or a determiner and two words, or else one word.
 */
function nounPhraseLength(span: string): number {
  const words = [...span.matchAll(/\S+/g)];
  if (words.length <= 4) return span.length;
  const name = /^(?:\p{Lu}[\p{L}\p{N}.&'-]*|and|&)(?:\s+(?:\p{Lu}[\p{L}\p{N}.&'-]*|and|&))*/u.exec(span)?.[0].replace(/\s+(?:and|&)$/u, '');
  const phrase = name ?? /^(?:the|a|an|its|their|this|that)\s+\S+(?:\s+\S+)?/iu.exec(span)?.[0] ?? words[0]![0];
  return phrase.replace(/[,;:]$/u, '').length;
}

export function setAsideSpan(question: string): { start: number; end: number } | null {
  for (const pattern of SET_ASIDE) {
    const span = pattern.exec(question)?.indices?.[1];
    if (!span) continue;
    const start = span[0];
    const end = start + nounPhraseLength(question.slice(start, span[1]));
    // Something must be left to ask about.
    const rest = question.slice(0, start) + question.slice(end);
    if (!/[\p{L}\p{N}]{2}/u.test(rest.replace(/\b(?:besides?|apart|aside|from|other|than|except|for|excluding|not|counting|who|else|which|what)\b|除[了咗]?|之外|以外/giu, ''))) continue;
    return { start, end };
  }
  return null;
}
