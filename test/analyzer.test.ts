import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/search/question/analyzer.js';
import { createAliasMatcher } from '../src/search/question/aliases.js';
import { isQueryTerm, processWord } from '../src/search/question/terms.js';
import type { AliasTable } from '../src/knowledge/schema.js';

const table: AliasTable = {
  groups: [
    { kind: 'concept', names: ['LLM', 'LLMs', 'LL.M.', 'large language models', 'large-language models'] },
    { kind: 'model', names: ['Ernie', 'Ernie Bot', 'Wen Xin Yi Yan', '文心一言'] },
    { kind: 'model', names: ['Qwen', 'Tongyi', '通义千问'] },
    { kind: 'company', names: ['iFLYTEK', 'HKUST Xunfei'] },
    { kind: 'place', names: ['U.S.', 'US', 'United States', 'American'] },
    { kind: 'company', names: ['Alibaba', 'Ali Baba'] },
    { kind: 'company', names: ['Nvidia', 'NVIDIA'] },
  ],
};
const analyzer = createAnalyzer(table);
const queryTerms = (q: string) => analyzer.analyzeQuery(q).terms.map((t) => t.term);

describe('processWord', () => {
  it('folds plurals and inflections', () => {
    expect(processWord('models')).toBe(processWord('model'));
    expect(processWord('released')).toBe(processWord('release'));
    expect(processWord('llms')).toBe('llm');
  });

  it('folds irregular verbs the stemmer cannot', () => {
    expect(processWord('met')).toBe(processWord('meet'));
    expect(processWord('began')).toBe(processWord('begin'));
  });

  it('leaves names with digits alone', () => {
    expect(processWord('a100')).toBe('a100');
    expect(processWord('3.5')).toBe('3.5');
  });
});

describe('query terms', () => {
  it('drops question words and stop words from the query', () => {
    expect(analyzer.analyzeQuery('What is the share of the US?').words).toEqual(['share', 'US']);
    expect(isQueryTerm('what')).toBe(false);
    expect(isQueryTerm('qwen')).toBe(true);
  });

  it('uses stop words in stored text for phrase matching, without indexing them as terms', () => {
    const withPhrase = createAnalyzer({ groups: [{ kind: 'organisation', names: ['Ministry of Science and Technology', 'MOST'] }] });
    const terms = withPhrase.indexTerms('institutes under the Ministry of Science and Technology');
    expect(terms).toContain('~ministry-of-science-and-technology');
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('of');
  });

  it('folds LL.M., LLMs and "large language models" into one term', () => {
    const canonical = (text: string) => analyzer.indexTerms(text).filter((t) => t.startsWith('~'));
    expect(canonical('popular LL.M.')).toEqual(['~llm']);
    expect(canonical('79 LLMs')).toEqual(['~llm']);
    expect(canonical('large language models')).toEqual(['~llm']);
    expect(canonical('large-language models')).toEqual(['~llm']);
  });

  it('gives "GPT 4", "GPT-4" and "gpt4" a shared whole-name term', () => {
    expect(queryTerms('GPT-4')).toContain('gpt4');
    expect(queryTerms('GPT 4')).toContain('gpt4');
    expect(queryTerms('Ernie 3.5')).toContain('ernie3.5');
  });

  it('pulls apart words run together by machine translation', () => {
    expect(analyzer.indexTerms('giant Alibabais the most popular')).toEqual(expect.arrayContaining(['alibaba', '~alibaba']));
    expect(analyzer.indexTerms('NVIDIAThe company')).toEqual(expect.arrayContaining(['nvidia', '~nvidia']));
  });

  it('indexes Chinese text as bigrams and finds Chinese alias names inside it', () => {
    const terms = analyzer.indexTerms('百度发布了文心一言');
    expect(terms).toEqual(expect.arrayContaining(['百度', '文心', '一言', '~ernie']));
  });

  it('ties each term back to the words the user typed', () => {
    const q = analyzer.analyzeQuery('Wen Xin Yi Yan users');
    const alias = q.terms.find((t) => t.term === '~ernie')!;
    expect(alias.words.map((w) => q.words[w])).toEqual(['Wen', 'Xin', 'Yi', 'Yan']);
  });
});

describe('alias expansion', () => {
  it('maps every spelling of an entity to one canonical term', () => {
    const canonical = (q: string) => queryTerms(q).filter((t) => t.startsWith('~'));
    expect(canonical('Ernie Bot')).toContain('~ernie');
    expect(canonical('Wen Xin Yi Yan')).toEqual(['~ernie']);
    expect(canonical('文心一言')).toEqual(['~ernie']);
    expect(canonical('Tongyi')).toEqual(['~qwen']);
    expect(canonical('HKUST Xunfei')).toEqual(['~iflytek']);
    expect(canonical('United States')).toEqual(['~u-s']);
    expect(canonical('American')).toEqual(['~u-s']);
    expect(canonical('Ali Baba')).toEqual(['~alibaba']);
  });

  it('finds overlapping names: a model name inside a longer phrase', () => {
    const matcher = createAliasMatcher(
      { groups: [{ kind: 'model', names: ['Spark', 'Xinghuo'] }, { kind: 'concept', names: ['LLM', 'LLMs'] }] },
      (name) => name.toLowerCase().split(/\s+/),
    );
    expect(matcher.match(['spark', 'cognitive', 'llm']).map((m) => m.canonical)).toEqual(['~spark', '~llm']);
  });
});

describe('kind terms', () => {
  it('stores a kind term wherever a name of that kind occurs', () => {
    const terms = analyzer.indexTerms('Alibaba launched Tongyi, and iFLYTEK showed 通义千问 too.');
    expect(terms.filter((t) => t === '#model')).toHaveLength(2); // Tongyi and 通义千问
    expect(terms.filter((t) => t === '#company')).toHaveLength(2); // Alibaba and iFLYTEK
    expect(analyzer.indexTerms('The U.S. leads.')).not.toContain('#place'); // places are never asked for by kind
    // A concept named "large language models" is a kind of model: "19 LLMs" are models.
    expect(analyzer.indexTerms('China has taken the lead with 19 LLMs.')).toContain('#model');
  });

  it('lets "model" or "companies" in a question match any name of that kind, weighted below the word itself', () => {
    const model = analyzer.analyzeQuery("What is Alibaba's model called?").terms.find((t) => t.term === '#model');
    expect(model).toMatchObject({ exact: true, words: [1] });
    expect(model!.weight).toBeLessThan(1);
    expect(queryTerms('Which companies released chatbots?')).toContain('#company');
    expect(queryTerms('阿里巴巴的模型')).toContain('#model');
    expect(queryTerms('What did Alibaba release?')).not.toContain('#model');
  });
});

describe('count questions', () => {
  it('marks sentences with a count, not those with only a year', () => {
    expect(analyzer.indexTerms('It had 1,189 AI firms.')).toContain('#count');
    expect(analyzer.indexTerms('The year saw two LLMs.')).toContain('#count');
    expect(analyzer.indexTerms('In 2023 the rules changed.')).not.toContain('#count');
  });

  it('searches counts for "how many" and "how much" without making them a word to cover', () => {
    const q = analyzer.analyzeQuery('How many AI firms did the US have?');
    expect(q.terms.find((t) => t.term === '#count')).toMatchObject({ words: [] });
    expect(queryTerms('How much was the sector worth?')).toContain('#count');
    // Chinese question words come from the glossary, as the knowledge's glossary.json gives them.
    const withGlossary = createAnalyzer(table, { entries: [{ zh: ['多少'], en: 'how many' }] });
    expect(withGlossary.analyzeQuery('百度有多少用户?').terms.map((t) => t.term)).toContain('#count');
    expect(queryTerms('Which firms did the US have?')).not.toContain('#count');
  });
});
