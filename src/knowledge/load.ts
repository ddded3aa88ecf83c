import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { FrontMatterError, parseFrontMatter } from './frontmatter.js';
import { readTextFile, type ReadLimits, type TextRead } from './read-text.js';
import { aliasTableSchema, articleMetaSchema, glossarySchema, type AliasTable, type Article, type Glossary } from './schema.js';

/** The alias table's file name inside the knowledge folder. */
export const ALIAS_FILE = 'aliases.json';
/** The bilingual glossary's file name inside the knowledge folder. */
export const GLOSSARY_FILE = 'glossary.json';

/** One thing wrong with the knowledge, phrased as `file: field: problem`. */
export interface KnowledgeProblem {
  file: string;
  field: string;
  message: string;
}

/** Problems shown in a message or a log before the rest are counted: a folder of 10,000 bad files is not 10,000 lines. */
export const PROBLEMS_SHOWN = 20;

/** The first problems, one line each, and a last line counting the others and saying where to see them all. */
export function problemLines(problems: readonly KnowledgeProblem[]): string[] {
  const lines = problems.slice(0, PROBLEMS_SHOWN).map(formatProblem);
  const more = problems.length - lines.length;
  if (more > 0) lines.push(`… and ${more.toLocaleString('en-US')} more (npm run knowledge:check lists them all)`);
  return lines;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(problemLines(problems).join('\n'));
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  return p.field ? `${p.file}: ${p.field}: ${p.message}` : `${p.file}: ${p.message}`;
}

export interface Knowledge {
  articles: Article[];
  aliases: AliasTable;
  glossary: Glossary;
}

/** What was loaded, and what was skipped without stopping the load (a FIFO named `*.md`). */
export interface LoadedKnowledge extends Knowledge {
  warnings: KnowledgeProblem[];
}

/**
 * Reads and validates every `*.md` article and the alias table in `dir`.
 * Collects all problems before failing, so one run shows everything to fix.
 */
export async function loadKnowledge(dir: string, limits: ReadLimits = {}): Promise<LoadedKnowledge> {
  const { articles, aliases, glossary, problems, warnings } = await readKnowledge(dir, limits);
  if (problems.length) throw new KnowledgeError(problems);
  return { articles, aliases, glossary, warnings };
}

/** Whether `name` in a knowledge folder is an article file the loader reads. */
export function isArticleFile(name: string): boolean {
  return name.endsWith('.md') && !/^readme\.md$/i.test(name);
}

/**
 * Like `loadKnowledge`, but never throws for invalid knowledge: returns the articles that are valid
 * alongside every problem, so a checker can still count and inspect what did load.
 */
export async function readKnowledge(dir: string, limits: ReadLimits = {}): Promise<LoadedKnowledge & { problems: KnowledgeProblem[] }> {
  return parseKnowledgeFiles(await readKnowledgeFiles(dir, limits));
}

/**
 * A knowledge folder's files, read (and checked as text) but not yet parsed: what the parsed
 * knowledge is computed from, so a caller can recognise files it parsed before (see
 * `src/runtime/persisted-knowledge.ts`) without parsing them again.
 */
export interface KnowledgeFiles {
  dir: string;
  /** The article files, sorted, and what reading each gave (same order). */
  names: string[];
  reads: TextRead[];
  aliases: TextRead;
  glossary: TextRead;
}

export async function readKnowledgeFiles(dir: string, limits: ReadLimits = {}): Promise<KnowledgeFiles> {
  const names = (await readdir(dir)).filter(isArticleFile).sort();
  // Read several at a time: one after another, 10,000 files spent 3 s waiting on the file system
  // (open, stat, read, close each a round trip). Results are taken in name order as before.
  const reads = await inBatches(names, READ_CONCURRENCY, (name) => readTextFile(join(dir, name), limits));
  const aliases = await readTextFile(join(dir, ALIAS_FILE), limits);
  const glossary = await readTextFile(join(dir, GLOSSARY_FILE), limits);
  return { dir, names, reads, aliases, glossary };
}

/** Parses and validates what `readKnowledgeFiles` read, collecting every problem. */
export function parseKnowledgeFiles(files: KnowledgeFiles): LoadedKnowledge & { problems: KnowledgeProblem[] } {
  const { dir, names, reads } = files;
  const shown = (file: string) => relative(process.cwd(), join(dir, file)) || file;
  const problems: KnowledgeProblem[] = [];
  const warnings: KnowledgeProblem[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();

  for (const [i, name] of names.entries()) {
    const file = shown(name);
    const text = textOrProblem(reads[i]!, file, problems, warnings);
    if (text === null) continue;
    const result = parseArticle(text, file);
    if ('problems' in result) {
      for (const p of result.problems) problems.push(p);
      continue;
    }
    const other = seen.get(result.article.id);
    if (other) problems.push({ file, field: 'id', message: `duplicate id "${result.article.id}" (also in ${other})` });
    else seen.set(result.article.id, file);
    articles.push(result.article);
  }
  if (names.length === 0) problems.push({ file: shown('.'), field: '', message: 'no knowledge files (*.md) found' });

  const tables = { problems, warnings };
  const aliases = parseTable(files.aliases, shown(ALIAS_FILE), aliasTableSchema, { groups: [] }, tables);
  const glossary = parseTable(files.glossary, shown(GLOSSARY_FILE), glossarySchema, { entries: [] }, tables);
  return { articles, aliases, glossary, problems, warnings };
}

/** Files read at once: enough to keep the file system busy, few enough to stay far from open-file limits. */
const READ_CONCURRENCY = 32;

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The text of a file read by `readTextFile`, or null after recording why there is none. */
function textOrProblem(read: TextRead, file: string, problems: KnowledgeProblem[], warnings: KnowledgeProblem[]): string | null {
  if (read.ok) return read.text;
  if ('problem' in read) problems.push({ file, ...read.problem });
  else if ('notRegular' in read) warnings.push({ file, field: '', message: `skipped: ${read.notRegular}, not a regular file (only regular files are read)` });
  return null;
}

/** Parses and validates one knowledge file's text; `file` is only used to name problems. */
export function parseArticle(text: string, file: string): { article: Article } | { problems: KnowledgeProblem[] } {
  let parsed;
  try {
    parsed = parseFrontMatter(text);
  } catch (err) {
    if (err instanceof FrontMatterError) return { problems: [{ file, field: '', message: err.message }] };
    throw err;
  }
  const meta = articleMetaSchema.safeParse(parsed.data);
  const problems = meta.success ? [] : zodProblems(meta.error, file);
  if (parsed.body.trim() === '') problems.push({ file, field: 'body', message: 'the article text is empty' });
  if (!meta.success || problems.length) return { problems };
  return { article: { ...meta.data, body: parsed.body.trim(), file: basename(file) } };
}

/** A JSON table beside the articles (aliases, glossary), validated; `empty` when the file is absent. */
function parseTable<T>(
  read: TextRead,
  file: string,
  schema: z.ZodType<T>,
  empty: T,
  { problems, warnings }: { problems: KnowledgeProblem[]; warnings: KnowledgeProblem[] },
): T {
  // The tables are optional: without them search still works, only less forgiving.
  const raw = textOrProblem(read, file, problems, warnings);
  if (raw === null) return empty;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    problems.push({ file, field: '', message: `not valid JSON (${(err as Error).message})` });
    return empty;
  }
  const table = schema.safeParse(json);
  if (!table.success) {
    for (const p of zodProblems(table.error, file)) problems.push(p);
    return empty;
  }
  return table.data;
}

function zodProblems(error: z.ZodError, file: string): KnowledgeProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? 'front matter' : ''),
    message: issue.message,
  }));
}
