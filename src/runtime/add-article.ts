import { createEngine } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { prepareArticle, writeArticle, type NewArticle } from '../knowledge/add-article.js';
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
  const prepared = await prepareArticle(dir, input, limits, options.alreadyThere);
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
