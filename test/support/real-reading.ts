import { defaultKnowledgeDir, loadEngine } from '../../src/engine.js';
import type { Engine } from '../../src/engine-types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createAnalyzer, type Analyzer } from '../../src/search/question/analyzer.js';

/** The engine over the real knowledge, and the analyzer that reads its questions, as tests of reading use them. */
export interface RealReading {
  engine: Engine;
  analyzer: Analyzer;
}

export async function loadRealReading(): Promise<RealReading> {
  const [engine, knowledge] = await Promise.all([loadEngine(), loadKnowledge(defaultKnowledgeDir())]);
  return { engine, analyzer: createAnalyzer(knowledge.aliases, knowledge.glossary) };
}

/** The quote the bot answers with first, or null when it does not answer. */
export function firstQuote(engine: Engine, question: string): string | null {
  const answer = engine.answer(question);
  return answer.answered ? answer.citations[0]!.snippet : null;
}
