import { describe, expect, it } from 'vitest';
import { processWord, STEM_CACHE_LIMIT, stemCacheSize } from '../src/search/question/terms.js';
import { cjkBigrams, tokenizeSurface, WORD_CACHE_LIMIT, wordCacheSize } from '../src/search/question/tokenize.js';

const surface = (text: string) => tokenizeSurface(text).map((t) => ({ parts: t.parts, whole: t.whole }));

describe('tokenizeSurface', () => {
  it('keeps hyphenated model names whole and in parts', () => {
    expect(surface('GPT-4')).toEqual([{ parts: ['gpt', '4'], whole: 'gpt4' }]);
    expect(surface('DeepSeek-R1')).toEqual([{ parts: ['deepseek', 'r1'], whole: 'deepseekr1' }]);
  });

  it('keeps chip names and dotted company names whole', () => {
    expect(surface('A100 and H100')).toEqual([
      { parts: ['a100'], whole: null },
      { parts: ['and'], whole: null },
      { parts: ['h100'], whole: null },
    ]);
    expect(surface('01.AI')).toEqual([{ parts: ['01', 'ai'], whole: '01ai' }]);
  });

  it('reads numbers as numbers: thousands, decimals, percentages', () => {
    expect(surface('1,189')).toEqual([{ parts: ['1189'], whole: null }]);
    expect(surface('3.5')).toEqual([{ parts: ['3.5'], whole: null }]);
    expect(surface('80%')).toEqual([{ parts: ['80'], whole: '80%' }]);
  });

  it('reads an amount in a country\'s dollars as the amount: "US$23.196" does not name the US', () => {
    expect(surface('US$23.196')).toEqual([{ parts: ['23.196'], whole: null }]);
    expect(surface('HK$1,200')).toEqual([{ parts: ['1200'], whole: null }]);
  });

  it('folds dotted initialisms: U.S. and LL.M.', () => {
    expect(surface('the U.S. and LL.M.')).toEqual([
      { parts: ['the'], whole: null },
      { parts: ['us'], whole: null },
      { parts: ['and'], whole: null },
      { parts: ['llm'], whole: null },
    ]);
  });

  it('drops the possessive and treats curly and straight apostrophes alike', () => {
    expect(surface('Baidu’s')).toEqual(surface("Baidu's"));
    expect(surface("Baidu's")).toEqual([{ parts: ['baidu'], whole: null }]);
  });

  it('ignores zero-width and bidi control characters inside words', () => {
    expect(surface('Qw\u200ben\u202e')).toEqual([{ parts: ['qwen'], whole: null }]);
    expect(surface('\u2067Qw\u00aden\u2069')).toEqual([{ parts: ['qwen'], whole: null }]);
  });

  it('keeps a run of CJK characters as one token, separate from Latin words', () => {
    const tokens = tokenizeSurface('通义千问 on Hugging Face');
    expect(tokens[0]).toMatchObject({ raw: '通义千问', cjk: true });
    expect(tokens.slice(1).map((t) => t.raw)).toEqual(['on', 'Hugging', 'Face']);
  });
});

describe('cjkBigrams', () => {
  it('gives overlapping character pairs so words inside a sentence can be found', () => {
    expect(cjkBigrams('通义千问')).toEqual(['通义', '义千', '千问']);
    expect(cjkBigrams('百')).toEqual(['百']);
  });
});

describe('the tokenizer and stemmer caches', () => {
  it('stay within their bounds however many distinct words arrive, and give the same tokens after emptying', () => {
    const word = (i: number) => `zq${i.toString(36)}ing`;
    const before = tokenizeSurface(`${word(1)} DeepSeek-R1 released`);
    for (let i = 0; i < WORD_CACHE_LIMIT + STEM_CACHE_LIMIT; i++) for (const t of tokenizeSurface(word(i))) processWord(t.parts[0]!);
    expect(wordCacheSize()).toBeLessThanOrEqual(WORD_CACHE_LIMIT);
    expect(stemCacheSize()).toBeLessThanOrEqual(STEM_CACHE_LIMIT);
    expect(WORD_CACHE_LIMIT).toBeLessThan(200_000); // the old cap, which froze the cache instead of bounding it
    expect(tokenizeSurface(`${word(1)} DeepSeek-R1 released`)).toEqual(before);
    expect(processWord(word(1))).toBe(processWord(word(1)));
  });
});
