import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalQuestion {
  id: string;
  q: string;
  keys?: string[];
  ood?: boolean;
}

/** Reads a JSONL question set from test/fixtures. */
export function readQuestions(name: string): EvalQuestion[] {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

/** Whitespace, quote and dash variants do not make a quote less verbatim (the trainer's own comparison). */
export { normaliseQuote as normaliseForQuote } from '../../src/train/bank.js';
