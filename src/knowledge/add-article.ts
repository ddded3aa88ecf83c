import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatFrontMatter } from './frontmatter.js';
import { formatProblem, parseArticle, readKnowledge, type Knowledge } from './load.js';
import { sizeProblem, textProblem, type ReadLimits } from './read-text.js';
import type { Article, ArticleMeta } from './schema.js';

/** What a person gives to add an article: the plain text and what is known about it. */
export interface NewArticle {
  /** The article text as captured; only line endings are normalised. */
  text: string;
  title: string;
  /** Null when the page names none (the knowledge allows it; answers then show no publisher). */
  publisher: string | null;
  author?: string | null;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when unknown. */
  published?: string | null;
  /** True when the date is inferred rather than printed on the page. */
  publishedApprox?: boolean;
  url?: string | null;
  /** Where the text came from (the captured file's name), kept in the `source` field. */
  source?: string | null;
  /** Overrides the slug made from the title. */
  id?: string;
}

/** An article checked against the folder it goes into, ready to be written. */
export interface PreparedArticle {
  id: string;
  /** The file to write, relative to the current directory. */
  file: string;
  /** Where to write it. */
  path: string;
  title: string;
  /** The whole knowledge file: front matter and text. */
  text: string;
  article: Article;
  /** The folder's knowledge with the new article added. */
  knowledge: Knowledge;
}

/** A refusal: nothing was written; `message` is one line saying what to change. */
export class AddArticleRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddArticleRefusal';
  }
}

/** Longest slug kept from a title; longer titles are cut at a dash. */
const MAX_SLUG = 60;

/**
 * A readable id from a title: lower-case a-z, 0-9 and dashes ("China Releases Over 70 LLMs" →
 * "china-releases-over-70-llms"). A title with no Latin words (a Chinese title) has nothing to
 * transliterate from, so it gets `article-` and a short hash of the title, stable and unique per title.
 */
export function slugFromTitle(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "Zürich" → "Zurich"
    .toLowerCase()
    .replace(/['’]/g, '') // "China's" → "chinas", not "china-s"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/[a-z]{2}/.test(ascii)) return `article-${createHash('sha256').update(title.trim()).digest('hex').slice(0, 8)}`;
  if (ascii.length <= MAX_SLUG) return ascii;
  const cut = ascii.lastIndexOf('-', MAX_SLUG);
  return ascii.slice(0, cut > 20 ? cut : MAX_SLUG).replace(/-+$/, '');
}

/**
 * Validates `input` as a knowledge file of `dir` exactly as the loader will, and checks that the
 * whole folder still loads with it (unique id, title and text). Writes nothing; throws
 * `AddArticleRefusal` when any of that fails.
 */
export async function prepareArticle(
  dir: string,
  input: NewArticle,
  limits: ReadLimits = {},
  options: PrepareOptions = {},
): Promise<PreparedArticle> {
  const body = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/^---[ \t]*\n/.test(body)) {
    refuse('the file already starts with front matter ("---"): give the plain article text, or copy the file into the knowledge folder as it is');
  }
  const title = input.title.trim();
  const id = input.id?.trim() || slugFromTitle(title);
  const meta: ArticleMeta = {
    id,
    title,
    publisher: input.publisher?.trim() || null,
    author: input.author?.trim() || null,
    published: input.published?.trim() || null,
    publishedApprox: input.publishedApprox ?? false,
    url: input.url?.trim() || null,
    source: input.source?.trim() || null,
  };
  if (meta.publishedApprox && meta.published === null) refuse('--approx needs --published: an approximate date is still a date');
  if (meta.published && !isRealDate(meta.published)) refuse(`published: ${meta.published} is not a date on the calendar`);

  const name = `${id}.md`;
  const shown = relative(process.cwd(), join(dir, name)) || name;
  const text = formatFrontMatter({ ...meta }, body);
  // The checks the loader makes on a file's bytes, made on the text about to become that file.
  const bytesProblem = sizeProblem(Buffer.byteLength(text), limits) ?? textProblem(text);
  if (bytesProblem) refuse(`${shown}: ${bytesProblem.field}: ${bytesProblem.message}`);
  const parsed = parseArticle(text, shown);
  if ('problems' in parsed) refuse(parsed.problems.map(formatProblem).join('; '));
  const article = parsed.article;
  // The format is line-based; make sure the text reads back exactly as given (verbatim quotes).
  if (article.body !== body.trim()) refuse('the text does not read back unchanged from a knowledge file');

  const existing = options.existing ?? (await readValidKnowledge(dir, limits));
  const why = options.alreadyThere?.(article, existing.articles);
  if (why) refuse(why);
  for (const other of existing.articles) {
    const where = relative(process.cwd(), join(dir, other.file));
    if (other.id === id) refuse(`id "${id}" is already used by ${where}; give a different --title or an --id`);
    if (sameText(other.title, title)) refuse(`an article titled "${title}" is already in ${where}`);
    if (sameText(other.body, article.body)) refuse(`the same text is already in ${where} (titled "${other.title}")`);
  }
  if (existsSync(join(dir, name))) refuse(`${shown} already exists; not overwriting it`);
  return { id, file: shown, path: join(dir, name), title, text, article, knowledge: { ...existing, articles: [...existing.articles, article] } };
}

export interface PrepareOptions {
  /** A check made first against the folder's articles (a URL already there); returns why to refuse, or null. */
  alreadyThere?: (article: Article, existing: readonly Article[]) => string | null;
  /**
   * The folder's knowledge as already read (`readValidKnowledge`), with any articles prepared
   * before this one in the same batch: they are checked against each other as if already written.
   */
  existing?: Knowledge;
}

/** The folder's knowledge, refused (as a whole) when it already has problems: an article is only added to knowledge that loads. */
export async function readValidKnowledge(dir: string, limits: ReadLimits = {}): Promise<Knowledge> {
  const existing = await readKnowledge(dir, limits).catch((err: unknown) => refuse(`cannot read the knowledge folder ${dir}: ${(err as Error).message}`));
  if (existing.problems.length) {
    const n = existing.problems.length;
    refuse(`the knowledge folder already has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} first (npm run knowledge:check): ${formatProblem(existing.problems[0]!)}`);
  }
  const { articles, aliases, glossary } = existing;
  return { articles, aliases, glossary };
}

/** Writes a prepared article; refuses (writing nothing) if its file appeared meanwhile. */
export function writeArticle(prepared: PreparedArticle): Promise<void> {
  return writeAtomically(prepared.path, prepared.text, prepared.file);
}

function refuse(message: string): never {
  throw new AddArticleRefusal(message);
}

/** The schema checks the shape of a date; this checks the day exists (no 2023-02-30). */
function isRealDate(published: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published);
  if (!m) return true;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1;
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}

/**
 * Writes `text` to a temp file in the same folder (same file system), flushes it, then links it to
 * `path`. `link` fails when `path` exists, so even a file created meanwhile is never overwritten
 * (`rename` would replace it); a watcher sees either no file or the whole file. The temp name does
 * not end in `.md`, so neither the loader nor the watcher ever reads it.
 */
async function writeAtomically(path: string, text: string, shown: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') refuse(`${shown} already exists; not overwriting it`);
      // Some file systems have no hard links; there, check then rename (a far smaller window than a plain write).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
      if (existsSync(path)) refuse(`${shown} already exists; not overwriting it`);
      await rename(temp, path);
    }
  } finally {
    await unlink(temp).catch(() => undefined); // already gone after a rename
  }
}
