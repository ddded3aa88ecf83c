import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticKnowledge } from '../src/bench/synthetic.js';
import { defaultKnowledgeDir } from '../src/engine.js';
import { loadKnowledge, type Knowledge } from '../src/knowledge/load.js';
import { splitPassages } from '../src/knowledge/passages.js';
import { createAnalyzer } from '../src/search/question/analyzer.js';
import { searchTop } from '../src/search/index/minisearch-direct.js';
import { buildPassageIndex, candidateQuery, SEARCH_OPTIONS, type PassageIndex } from '../src/search/index/passage-index.js';

/**
 * `fillMiniSearch` and `searchTop` work on MiniSearch's private fields for speed (issue 10, item 7).
 * They must give exactly what MiniSearch's public `addAll` and `search` give: the same index, and,
 * question by question, the same candidates with the same scores in the same order.
 */
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { q: string }).q);
const questions = [
  ...fixture('dev-questions.jsonl'),
  ...fixture('realistic-questions.jsonl'),
  // typos and unknown words, which take the fuzzy path
  'who foundd moonshto ai',
  'deepseek traning cost nvidia chipz',
  'what is qwenn and ernei bot',
];

function indexOf(knowledge: Knowledge) {
  const analyzer = createAnalyzer(knowledge.aliases, knowledge.glossary);
  const passages = knowledge.articles.flatMap((a) => splitPassages(a));
  return { analyzer, passages, index: buildPassageIndex(passages, analyzer) };
}

/** The index MiniSearch's own `addAll` builds from the same terms. */
function addAllIndex(index: PassageIndex): MiniSearch<{ id: string; position: number }> {
  const termsOf = (i: number) => [...index.terms.ids.subarray(index.terms.offsets[i]!, index.terms.offsets[i + 1]!)].map((id) => index.terms.terms[id]!);
  const m = new MiniSearch<{ id: string; position: number }>({
    fields: ['text'],
    storeFields: [],
    extractField: (doc, field) => (field === 'id' ? doc.id : String(doc.position)),
    tokenize: (position) => termsOf(Number(position)),
    processTerm: (term) => term,
    searchOptions: { tokenize: (q) => q.split(' '), processTerm: (t) => t },
  });
  m.addAll(index.passages.map((p, position) => ({ id: p.id, position })));
  return m;
}

describe.each([
  ['the real knowledge', async () => loadKnowledge(defaultKnowledgeDir())],
  ['synthetic knowledge (150 articles)', async () => syntheticKnowledge(await loadKnowledge(defaultKnowledgeDir()), 150)],
])('MiniSearch shortcuts on %s', (_name, load) => {
  let built: ReturnType<typeof indexOf>;
  beforeAll(async () => {
    built = indexOf(await load());
  });

  it('fillMiniSearch builds the very index addAll builds', () => {
    expect(JSON.stringify(built.index.miniSearch)).toBe(JSON.stringify(addAllIndex(built.index)));
  });

  it('searchTop gives search().slice(0, k): same passages, scores, order and matched terms', () => {
    const { analyzer, index } = built;
    let compared = 0;
    for (const question of questions) {
      const q = candidateQuery(analyzer.analyzeQuery(question).terms, index.documentFrequency, index.passages.length);
      if (!q) continue;
      const expected = index.miniSearch
        .search(q.query, q.options)
        .slice(0, SEARCH_OPTIONS.candidates)
        .map((r) => ({ id: r.id, score: r.score, queryTerms: r.queryTerms }));
      const actual = searchTop(index.miniSearch, q.query, q.options, SEARCH_OPTIONS.candidates).map((r) => ({ id: r.id, score: r.score, queryTerms: r.queryTerms }));
      expect(actual, question).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(questions.length * 0.8);
  });

  it('searchTop keeps ties in MiniSearch order and honours small limits', () => {
    const { index } = built;
    const q = { query: 'qwen deepseek 2023', options: { combineWith: 'OR' as const } };
    for (const k of [0, 1, 3, 10, 1000]) {
      expect(searchTop(index.miniSearch, q.query, q.options, k).map((r) => [r.id, r.score])).toEqual(
        index.miniSearch.search(q.query, q.options).slice(0, k).map((r) => [r.id, r.score]),
      );
    }
  });
});
