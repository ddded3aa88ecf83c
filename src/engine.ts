import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeAnswer, searchPassages, sourceFields, type Corpus } from './answer/compose.js';
import { explainAnswer } from './answer/explain.js';
import { ANSWER_CACHE_SIZE, LruCache, deepFreeze } from './answer/answer-cache.js';
import { resolveFollowUp } from './answer/follow-up.js';
import type { Answer, SourceInfo } from './answer/types.js';
import type { Engine } from './engine-types.js';
import { loadKnowledge, type Knowledge } from './knowledge/load.js';
import { passageLayout, passagesFromLayout, splitPassages, type Passage } from './knowledge/passages.js';
import { createAnalyzer } from './search/question/analyzer.js';
import type { IndexSnapshot } from './search/index/index-snapshot.js';
import { buildPassageIndex } from './search/index/passage-index.js';
import { createSuggester } from './search/index/suggest.js';
import { defaultDecisionModel, type DecisionModel } from './decision/model.js';

export type { Engine } from './engine-types.js';

/** The project's `knowledge/` folder, found from this file whether run from `src/` or `dist/src/`. */
export function defaultKnowledgeDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) return join(dir, 'knowledge');
    dir = dirname(dir);
  }
  throw new Error('cannot find the knowledge/ folder next to package.json');
}

/** Loads and validates the knowledge in `dir`, then builds an engine over it. */
export async function loadEngine(dir: string = defaultKnowledgeDir()): Promise<Engine> {
  return createEngine(await loadKnowledge(dir));
}

/** Builds an immutable engine: passages, index and answerer over one snapshot of the knowledge. */
export interface EngineOptions {
  /** Answers remembered per engine (0: none, e.g. to measure retrieval itself). */
  answerCacheSize?: number;
  /**
   * What an earlier build of this very knowledge computed (see `src/runtime/persisted-index.ts`,
   * which checks that it is): the passages are then not analysed again.
   */
  index?: IndexSnapshot;
  /** The answer decision (default: the committed src/decision/model.json); the trainer passes its own. */
  decisionModel?: DecisionModel;
}

export function createEngine(knowledge: Knowledge, options: EngineOptions = {}): Engine {
  return buildEngine(knowledge, options).engine;
}

/** Builds an engine, and returns with it what a later start can reuse instead of analysing again. */
export function buildEngine(knowledge: Knowledge, options: EngineOptions = {}): { engine: Engine; index: IndexSnapshot } {
  const analyzer = createAnalyzer(knowledge.aliases, knowledge.glossary);
  if (options.index) analyzer.restore(options.index.observations);
  const articles = new Map(knowledge.articles.map((a) => [a.id, a]));
  const passagesByArticle = new Map<string, Passage[]>();
  const all: Passage[] = [];
  const restored = options.index?.passages;
  if (restored && restored.perArticle.length !== knowledge.articles.length) throw new Error('the persisted passages are not those of these articles');
  let cell = 0;
  knowledge.articles.forEach((article, a) => {
    let ps: Passage[] | null = null;
    if (restored) {
      const cells = restored.perArticle[a]! * 4;
      ps = passagesFromLayout(article, restored.layout.subarray(cell, (cell += cells)));
      if (!ps) throw new Error(`the persisted passages do not fit article ${article.id}`);
    } else ps = splitPassages(article);
    passagesByArticle.set(article.id, ps);
    for (const p of ps) all.push(p); // not push(...ps): an article of ~125,000 passages overflows the call stack
  });
  const index = buildPassageIndex(all, analyzer, options.index?.terms, (id) => articles.get(id)?.publisher ?? '');
  // Taken now: answering analyses headings on demand, which would add to what a fresh build knows.
  const snapshot: IndexSnapshot = {
    passages: restored ?? { perArticle: Uint32Array.from(knowledge.articles, (a) => passagesByArticle.get(a.id)!.length), layout: passageLayout(all) },
    terms: index.terms,
    observations: analyzer.observations(),
  };
  const corpus: Corpus = { articles, passagesByArticle, index, analyzer, model: options.decisionModel ?? defaultDecisionModel() };
  const suggester = createSuggester(analyzer, index);

  const sources: SourceInfo[] = knowledge.articles.map((a) => {
    const { articleId, ...fields } = sourceFields(a);
    return { id: articleId, ...fields, author: a.author, passageCount: passagesByArticle.get(a.id)?.length ?? 0 };
  });

  const answers = new LruCache<string, Answer>(options.answerCacheSize ?? ANSWER_CACHE_SIZE);

  const engine: Engine = {
    stats: { articles: knowledge.articles.length, passages: all.length, aliases: analyzer.aliases.size },
    answer(asked, options) {
      const question = options?.previous ? resolveFollowUp(asked, options.previous, analyzer) : asked;
      let answer = answers.get(question);
      if (!answer) {
        answer = deepFreeze(composeAnswer(question, corpus));
        answers.set(question, answer);
      }
      return answer;
    },
    search: (query, limit = 5) => searchPassages(query, corpus, limit),
    explain: (question) => explainAnswer(question, corpus),
    suggest: (partial, limit = 25) => suggester.suggest(partial, limit),
    sources: () => sources.map((s) => ({ ...s })),
  };
  return { engine, index: snapshot };
}
