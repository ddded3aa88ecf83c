import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The question bank the decision is learned from: one JSONL file per writer, each written from a
 * brief (beside it, `WRITER.brief.md`) by someone who saw only the articles. `kind` says whether
 * the articles answer it (`keys`: verbatim pieces of the answering sentence), mention its subject
 * but not the fact (`near`), or have nothing on it (`offtopic`).
 */
export const bankQuestionSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), writer: z.string(), kind: z.literal('answerable'), q: z.string().min(1), keys: z.array(z.string().min(1)).min(1) }),
  z.object({ id: z.string(), writer: z.string(), kind: z.enum(['near', 'offtopic']), q: z.string().min(1), ood: z.literal(true) }),
]);
export type BankQuestion = z.infer<typeof bankQuestionSchema>;

export interface Bank {
  questions: BankQuestion[];
  writers: string[];
  /** SHA-256 over the files' names and bytes, in name order: a model records what it learned from. */
  sha256: string;
}

/** Reads every `*.jsonl` file directly in `dir` (not its subfolders: the writers kept out live there). */
export function readBank(dir: string): Bank {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const hash = createHash('sha256');
  const questions: BankQuestion[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    hash.update(file).update('\u0000').update(text).update('\u0000');
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = bankQuestionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
      questions.push(parsed.data);
    });
  }
  const writers = [...new Set(questions.map((q) => q.writer))].sort();
  return { questions, writers, sha256: hash.digest('hex') };
}

/** Whitespace, quote and dash variants do not make a quote less verbatim (as the scorer reads them). */
export function normaliseQuote(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Does a quote hold the answer to a bank question? */
export function holdsAnswer(quote: string | undefined, q: BankQuestion): boolean {
  if (q.kind !== 'answerable' || !quote) return false;
  const text = normaliseQuote(quote);
  return q.keys.some((k) => text.includes(normaliseQuote(k)));
}
