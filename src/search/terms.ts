import { stemmer } from 'stemmer';

/**
 * Term processing shared by indexing and querying: lower-case (done by the tokenizer), fold
 * inflections with the Porter stemmer, and leave names with digits or joined parts untouched.
 */
export function processWord(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  return stemmer(word);
}

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
    'not no yes so too very just also only own same other more most less least ' +
    'tell explain describe show give list say said know please thanks thank hi hello hey ' +
    'according regarding get got getting ' +
    'if else whether while during up down out off again further once ' +
    's t d ll m o re ve y'
  ).split(/\s+/),
);

/** Is this processed query term worth searching for? */
export function isQueryTerm(term: string): boolean {
  return term.length > 0 && !QUERY_STOP_WORDS.has(term);
}
