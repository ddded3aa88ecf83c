import { createEngine } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { AddArticleRefusal, prepareArticle, readValidKnowledge, writeArticle, type NewArticle, type PreparedArticle } from '../knowledge/add-article.js';
import type { Knowledge } from '../knowledge/load.js';
import type { Article } from '../knowledge/schema.js';
import { splitPassages } from '../knowledge/passages.js';
import type { ReadLimits } from '../knowledge/read-text.js';

export interface AddedArticle {
  id: string;
  /** The written file, relative to the current directory. */
  file: string;
  title: string;
  /** Passages the new article gives (quotable sentences, headings, list items). */
  passages: number;
  /** The whole knowledge with the new article. */
  stats: Engine['stats'];
  /** What was (or, with `dryRun`, would have been) written: front matter and text. */
  text: string;
  /** False with `dryRun`. */
  written: boolean;
}

export interface AddOptions {
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Why the article is already in the folder's articles in a way the id, title and text checks miss (its URL), or null. */
  alreadyThere?: (article: Article, existing: readonly Article[]) => string | null;
}

/**
 * Validates `input` as the loader will, builds the engine the bot would build over the folder with
 * it (so a file that loads but cannot be indexed is refused too), then writes `<id>.md` atomically.
 * Throws `AddArticleRefusal` without writing anything when any of that fails.
 */
export async function addArticle(dir: string, input: NewArticle, limits: ReadLimits = {}, options: AddOptions = {}): Promise<AddedArticle> {
  const prepared = await prepareArticle(dir, input, limits, options.alreadyThere ? { alreadyThere: options.alreadyThere } : {});
  const engine = createEngine(prepared.knowledge);
  if (!options.dryRun) await writeArticle(prepared);
  return {
    id: prepared.id,
    file: prepared.file,
    title: prepared.title,
    passages: splitPassages(prepared.article).length,
    stats: engine.stats,
    text: prepared.text,
    written: !options.dryRun,
  };
}

export interface BatchItem {
  input: NewArticle;
  alreadyThere?: AddOptions['alreadyThere'];
}

export type BatchOutcome = { ok: true; added: AddedArticle } | { ok: false; reason: string };

/**
 * Adds several articles with one read of the folder and one engine build: each is checked against
 * the folder and against those before it in the batch, then all files are written together, so a
 * bot watching the folder reloads once rather than once per article (each reload costs answers a
 * few cold milliseconds), and a poll of a large knowledge builds one engine, not one per article.
 * One outcome per item, in order; an item refused leaves the others untouched.
 */
export async function addArticles(dir: string, items: readonly BatchItem[], limits: ReadLimits = {}): Promise<BatchOutcome[]> {
  let knowledge: Knowledge;
  try {
    knowledge = await readValidKnowledge(dir, limits);
  } catch (err) {
    if (!(err instanceof AddArticleRefusal)) throw err;
    return items.map(() => ({ ok: false, reason: err.message }));
  }
  const outcomes: BatchOutcome[] = [];
  const prepared: Array<[index: number, article: PreparedArticle]> = [];
  for (const [i, item] of items.entries()) {
    try {
      const p = await prepareArticle(dir, item.input, limits, { existing: knowledge, ...(item.alreadyThere ? { alreadyThere: item.alreadyThere } : {}) });
      knowledge = p.knowledge;
      prepared.push([i, p]);
    } catch (err) {
      if (!(err instanceof AddArticleRefusal)) throw err;
      outcomes[i] = { ok: false, reason: err.message };
    }
  }
  if (prepared.length === 0) return outcomes;
  let stats: Engine['stats'];
  try {
    stats = createEngine(knowledge).stats;
  } catch (err) {
    for (const [i] of prepared) outcomes[i] = { ok: false, reason: `the knowledge with these articles cannot be indexed: ${(err as Error).message}` };
    return outcomes;
  }
  for (const [i, p] of prepared) {
    try {
      await writeArticle(p);
      outcomes[i] = { ok: true, added: { id: p.id, file: p.file, title: p.title, passages: splitPassages(p.article).length, stats, text: p.text, written: true } };
    } catch (err) {
      if (!(err instanceof AddArticleRefusal)) throw err;
      outcomes[i] = { ok: false, reason: err.message };
    }
  }
  return outcomes;
}
