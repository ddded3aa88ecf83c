import { z } from 'zod';
import type { Answer } from './types.js';

/**
 * The `ask --json` contract. Other tools parse this exactly, so it is a schema of its own, used by
 * the CLI to check what it prints and by the tests.
 */
export const citationJsonSchema = z
  .object({
    n: z.number().int().positive(),
    articleId: z.string().min(1),
    passageId: z.string().regex(/^[a-z0-9-]+#\d+$/),
    title: z.string().min(1),
    publisher: z.string().nullable(),
    published: z.string().nullable(),
    url: z.string().nullable(),
    snippet: z.string().min(1),
  })
  .strict();

export const answerJsonSchema = z
  .object({
    question: z.string(),
    answered: z.boolean(),
    answer: z.string(),
    citations: z.array(citationJsonSchema),
    error: z.string().optional(),
  })
  .strict();

export type AnswerJson = z.infer<typeof answerJsonSchema>;

export function toAnswerJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    answered: answer.answered,
    answer: answer.text,
    citations: answer.citations.map((c) => ({
      n: c.n,
      articleId: c.articleId,
      passageId: c.passageId,
      title: c.title,
      publisher: c.publisher,
      published: c.published,
      url: c.url,
      snippet: c.snippet,
    })),
  };
}

/** The object printed for a question that cannot be asked (batch mode keeps going after it). */
export function errorJson(question: string, error: string): AnswerJson {
  return { question, answered: false, answer: error, citations: [], error };
}
