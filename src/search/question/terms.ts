import { stemmer } from 'stemmer';

/**
 * Term processing shared by indexing and querying: lower-case (done by the tokenizer), fold
 * inflections with the Porter stemmer, and leave names with digits or joined parts untouched.
 */
export function processWord(word: string): string {
  let processed = cache.get(word);
  if (processed === undefined) {
    const lemma = IRREGULAR.get(word) ?? word;
    processed = !/^[a-z]+$/.test(word) || lemma.length <= 3 ? lemma : stemmer(lemma);
    // Vocabularies are small next to texts: memoising the stemmer is most of indexing time saved.
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear(); // questions bring new words for ever: bounded, never frozen
    cache.set(word, processed);
  }
  return processed;
}

/** Words whose processed form is remembered; bounded as the tokenizer's cache is (see WORD_CACHE_LIMIT). */
export const STEM_CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();
/** How many words are remembered now (at most STEM_CACHE_LIMIT). */
export const stemCacheSize = () => cache.size;

/** Irregular verb forms the stemmer cannot fold ("met" → "meet", "began" → "begin"). */
const IRREGULAR = new Map(
  (
    'met:meet began:begin begun:begin saw:see seen:see led:lead made:make took:take taken:take gave:give given:give ' +
    'won:win grew:grow grown:grow rose:rise risen:rise fell:fall fallen:fall bought:buy sold:sell spent:spend ' +
    'built:build brought:bring thought:think told:tell held:hold left:leave lost:lose paid:pay ' +
    'ran:run sent:send spoke:speak spoken:speak stood:stand understood:understand wrote:write written:write ' +
    'chose:choose chosen:choose drove:drive driven:drive went:go gone:go came:come knew:know known:know ' +
    'became:become showed:show shown:show struck:strike fought:fight caught:catch taught:teach sought:seek ' +
    'overtook:overtake overtaken:overtake ' +
    // Porter turns "using", "uses" and "used" into "us", which is also the United States.
    'using:use uses:use used:use'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/**
 * Words that carry no topic in a question. Dropped from queries only; stored text keeps them so
 * that snippets and phrase matching stay exact.
 */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor of in on at to for from by with without about into onto over under as than then ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
    'what which who whom whose when where why how whats whos hows many much ' +
    'i me my mine you your yours he him his she her hers it its we our ours they them their theirs ' +
    'this that these those there here some any each every all both either neither such ' +
    'everyone everybody anyone anybody someone somebody something anything everything nothing ' +
    'not no yes so too very just also only own same other more most less least ones versus ' +
    'tell explain describe show give list say said know please thanks thank hi hello hey ' +
    'according regarding get got getting ' +
    // how a question is asked, not what about: "kindly tell", "the exact figure", "besides Baidu", "apart from", "dumb q"
    'kindly besides apart aside actual exact asking curious confused dumb sounds ' +
    'if else whether while during up down out off again further once ' +
    's t d ll m o re ve y ' +
    // common question-word misspellings and chat shorthand
    'wat wht whut wich hw u r ur pls plz'
  ).split(/\s+/),
);

/** Is this processed query term worth searching for? */
export function isQueryTerm(term: string): boolean {
  return term.length > 0 && !QUERY_STOP_WORDS.has(term);
}
