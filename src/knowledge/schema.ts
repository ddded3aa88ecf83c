import { z } from 'zod';

/**
 * `published` keeps the precision the source gives: a year, a month, a day, or a month range
 * when only a span is known ("2023-06/2023-08"). Approximate dates are flagged, never sharpened.
 */
export const PUBLISHED_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(\/\d{4}(-(0[1-9]|1[0-2]))?)?$/;

const optionalText = z
  .string({ error: (issue) => (issue.input === undefined ? 'required (use null when unknown)' : 'expected a string or null') })
  .trim()
  .min(1, 'must not be an empty string (use null when unknown)')
  .nullable();

export const articleMetaSchema = z
  .object({
    id: z
      .string({ error: 'required: a readable slug such as "china-wants-to-dominate-in-ai"' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug of letters, digits and dashes'),
    title: z.string({ error: 'required: the article title' }).trim().min(1, 'must not be empty'),
    publisher: optionalText,
    author: optionalText,
    published: z
      .string({ error: (issue) => (issue.input === undefined ? 'required: YYYY, YYYY-MM or YYYY-MM-DD, or null when unknown' : 'expected YYYY or YYYY-MM or YYYY-MM-DD, or null') })
      .regex(PUBLISHED_PATTERN, 'expected YYYY or YYYY-MM or YYYY-MM-DD (or a range YYYY-MM/YYYY-MM), or null')
      .nullable(),
    publishedApprox: z.boolean({ error: 'required: true when the date is inferred, false when printed on the page' }),
    url: z
      .url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? 'required: an http(s) URL, or null when unknown' : 'expected an http(s) URL, or null when unknown') })
      .nullable(),
    source: optionalText,
  })
  .strict();

export type ArticleMeta = z.infer<typeof articleMetaSchema>;

export interface Article extends ArticleMeta {
  /** The article text, verbatim as captured, page furniture removed. */
  body: string;
  /** Path of the knowledge file, for error messages. */
  file: string;
}

/**
 * Aliases: each group is one entity or concept; every name in it finds the others.
 * `kind` is informational ("company", "model", "concept", …) and feeds autocomplete.
 */
export const aliasGroupSchema = z
  .object({
    names: z
      .array(z.string().trim().min(1, 'an alias name must not be empty'))
      .min(2, 'a group needs at least two names'),
    kind: z.enum(['company', 'model', 'person', 'place', 'organisation', 'concept']),
  })
  .strict();

export const aliasTableSchema = z
  .object({
    groups: z.array(aliasGroupSchema),
  })
  .strict();

export type AliasGroup = z.infer<typeof aliasGroupSchema>;
export type AliasTable = z.infer<typeof aliasTableSchema>;

/**
 * The bilingual glossary: Chinese words (question words, common terms) and the English they stand
 * for, so that a Chinese question is matched to English text ("芯片" → "chips"). Names of things go
 * in the alias table instead.
 */
export const glossaryEntrySchema = z
  .object({
    zh: z
      .array(z.string().trim().regex(/^\p{Script=Han}+$/u, 'a Chinese entry must be Chinese characters only'))
      .min(1, 'an entry needs at least one Chinese word'),
    en: z.string().trim().regex(/^[A-Za-z][A-Za-z .'-]*$/, 'the English side must be English words'),
  })
  .strict();

export const glossarySchema = z
  .object({
    entries: z.array(glossaryEntrySchema),
  })
  .strict()
  .superRefine((glossary, ctx) => {
    const seen = new Map<string, number>();
    glossary.entries.forEach((entry, i) =>
      entry.zh.forEach((word, j) => {
        const other = seen.get(word);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'zh', j], message: `"${word}" is already in entry ${other}` });
        } else seen.set(word, i);
      }),
    );
  });

export type Glossary = z.infer<typeof glossarySchema>;
