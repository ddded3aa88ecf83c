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

/** Whitespace, quote and dash variants do not make a quote less verbatim. */
export function normaliseForQuote(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
