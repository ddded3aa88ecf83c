import { resolve } from 'node:path';
import { AddArticleRefusal } from '../knowledge/add-article.js';
import { addFromLink, fetchSettingsFromEnv, isHttpUrl, type FetchSettings, type LinkAdded, type LinkOverrides } from '../runtime/add-from-link.js';
import type { CliOutput } from './knowledge-add.js';

/** Whether `knowledge:add` was given a page (a URL or a saved .html file) rather than plain text. */
export function isPageSource(source: string): boolean {
  return isHttpUrl(source) || /\.x?html?$/i.test(source);
}

export interface LinkCommand {
  source: string;
  /** Where relative paths were typed (INIT_CWD under npm). */
  base: string;
  dir: string;
  overrides: LinkOverrides;
  dryRun: boolean;
  json: boolean;
  maxArticleBytes: number;
}

/** The JSON line `--json` prints: the fields issue 17 promises, nothing else. */
function jsonOf(added: LinkAdded) {
  const { id, file, title, publisher, author, published, url, passages } = added;
  return { id, file, title, publisher, author, published, url, passages, ...(added.written ? {} : { written: false }) };
}

/**
 * `knowledge:add -- <URL or page.html>`: fetch (or read), extract, store. A refusal is one line on
 * stderr naming the URL and exit code 2, with nothing written.
 */
export async function runAddLink(cmd: LinkCommand, io: CliOutput, settings: FetchSettings = fetchSettingsFromEnv(process.env)): Promise<number> {
  const source = isHttpUrl(cmd.source) ? cmd.source.trim() : resolve(cmd.base, cmd.source);
  let added: LinkAdded;
  try {
    added = await addFromLink(cmd.dir, source, cmd.overrides, settings, { limits: { maxArticleBytes: cmd.maxArticleBytes }, dryRun: cmd.dryRun });
  } catch (err) {
    if (!(err instanceof AddArticleRefusal)) throw err;
    io.err(`knowledge:add: ${cmd.source}: ${err.message}`);
    return 2;
  }
  if (cmd.json) {
    io.out(JSON.stringify(jsonOf(added)));
    return 0;
  }
  const about = [added.publisher, added.published].filter(Boolean).join(', ');
  const what = `"${added.title}"${about ? ` (${about})` : ''}, ${added.passages} passage${added.passages === 1 ? '' : 's'}`;
  if (cmd.dryRun) {
    io.out(added.text.trimEnd());
    io.out('');
    io.out(`dry run: would write ${added.file}: ${what}; nothing was written`);
    return 0;
  }
  io.out(`wrote ${added.file}: ${what}`);
  io.out(`knowledge now: ${added.stats.articles} articles, ${added.stats.passages} passages, ${added.stats.aliases} alias groups`);
  return 0;
}
