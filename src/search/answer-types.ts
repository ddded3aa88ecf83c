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
/** Kind terms cannot collide with words: the tokenizer never yields '#'. */
export const kindTerm = (kind: string) => '#' + kind;

/**
 * "How many …?" and "how much …?" ask for an amount: a sentence with a count in it ("130 LLMs",
 * "over 2,000 firms", "3.5 times", "two LLMs") is more likely the answer. Years are not counts.
 */
export const COUNT_TERM = '#count';
export const COUNT_QUESTION = /\bhow\s+(?:many|much)\b|多少|几个/i;
/** Number words a count is written with ("one" is left out: it is mostly a pronoun, "one of the"). */
const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty',
  'dozen', 'dozens', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'twice',
]);
const YEAR = /^(?:19|20)\d\d$/;
export function isCount(t: SurfaceToken): boolean {
  const raw = t.raw.toLowerCase();
  return (/\d/.test(raw) && !YEAR.test(raw)) || NUMBER_WORDS.has(raw);
}
