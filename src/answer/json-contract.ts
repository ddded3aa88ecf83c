import { z } from 'zod';
import type { Answer, Citation } from './types.js';

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
    /** When not answered: the closest passages (at most 3), never the answer. Empty when answered. */
    related: z.array(citationJsonSchema).max(3),
    /**
     * The decision model's estimate, 0 to 1, that citation [1] (or, when not answered, the first
     * related passage) answers the question; 0 for a question that could not be asked.
     */
    confidence: z.number().min(0).max(1),
    error: z.string().optional(),
  })
  .strict()
  .refine((a) => !a.answered || a.related.length === 0, { message: 'an answered question has no related passages', path: ['related'] });

export type AnswerJson = z.infer<typeof answerJsonSchema>;
type CitationJson = z.infer<typeof citationJsonSchema>;

const citationJson = (c: Citation): CitationJson => ({
  n: c.n,
  articleId: c.articleId,
  passageId: c.passageId,
  title: c.title,
  publisher: c.publisher,
  published: c.published,
  url: c.url,
  snippet: c.snippet,
});

export function toAnswerJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    answered: answer.answered,
    answer: answer.text,
    citations: answer.citations.map(citationJson),
    related: answer.related.map(citationJson),
    confidence: answer.confidence,
  };
}

/** The object printed for a question that cannot be asked (batch mode keeps going after it). */
export function errorJson(question: string, error: string): AnswerJson {
  return { question, answered: false, answer: error, citations: [], related: [], confidence: 0, error };
}
