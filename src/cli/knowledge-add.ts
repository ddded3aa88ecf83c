#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultKnowledgeDir } from '../engine.js';
import dotenv from 'dotenv';
import { AddArticleRefusal } from '../knowledge/add-article.js';
import { maxArticleBytesFrom, readTextFile } from '../knowledge/read-text.js';
import { addArticle } from '../runtime/add-article.js';
import type { FetchSettings } from '../runtime/add-from-link.js';
import { isPageSource, runAddLink } from './knowledge-add-link.js';

const USAGE = `Add an article to the knowledge folder as a validated knowledge file.

  npm run knowledge:add -- URL [options]          a news article's web page: fetched, extracted, stored
  npm run knowledge:add -- PAGE.html [options]    the same from a page saved to a file
  npm run knowledge:add -- FILE --title "…" --publisher "…" [options]   plain text

From a page, title, publisher, author, date and URL come from the page; each flag overrides one.
  --dry-run              show what would be stored; write nothing
  --json                 print one JSON object {id, file, title, publisher, author, published, url, passages}
A URL is fetched from public addresses only (ALLOW_PRIVATE_URLS=true allows private ones), within
15 s, at most 5 MB and 5 redirects, as robots.txt allows.

  --title TEXT           the article's title
  --publisher NAME       who published it
  --author NAME          who wrote it
  --published DATE       YYYY, YYYY-MM or YYYY-MM-DD as printed on the page
  --approx               the date is inferred, not printed (answers then say "about …")
  --url URL              where the article was published (http or https)
  --id SLUG              the file's id, instead of a slug made from the title
  --dir FOLDER           the knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)

FILE must be UTF-8 text of at most MAX_ARTICLE_KB kB (default 1024, as for the bot).
The id comes from the title ("China Releases 70 LLMs" → china-releases-70-llms.md). The file is
checked exactly as the bot loads it; nothing is written unless it is valid and new. A running bot
picks the new file up by itself within a second.
`;

/** Exit codes: 0 written, 1 unexpected failure, 2 refused (nothing written). */
const EXIT_REFUSED = 2;

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the command and returns its exit code; tests call this directly. */
export async function runKnowledgeAdd(argv: string[], io: CliOutput = consoleOutput, fetchSettings?: FetchSettings): Promise<number> {
  const refuse = (message: string) => {
    io.err(`knowledge:add: ${message}`);
    return EXIT_REFUSED;
  };
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        title: { type: 'string' },
        publisher: { type: 'string' },
        author: { type: 'string' },
        published: { type: 'string' },
        approx: { type: 'boolean' },
        url: { type: 'string' },
        id: { type: 'string' },
        dir: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return refuse(`${(err as Error).message} (see --help)`);
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    return refuse(positionals.length === 0 ? 'missing FILE: the plain-text article to add (see --help)' : `expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  // npm runs scripts from the package folder; paths typed by the user are relative to where they typed them.
  const base = process.env.INIT_CWD ?? process.cwd();
  const dir = values.dir ? resolve(base, values.dir) : process.env.KNOWLEDGE_DIR || defaultKnowledgeDir();
  let maxArticleBytes: number;
  try {
    maxArticleBytes = maxArticleBytesFrom(process.env.MAX_ARTICLE_KB);
  } catch (err) {
    return refuse((err as Error).message);
  }

  if (isPageSource(positionals[0]!)) {
    const { title, publisher, author, published, approx, url, id } = values;
    return runAddLink(
      { source: positionals[0]!, base, dir, overrides: { title, publisher, author, published, approx, url, id }, dryRun: values['dry-run'] ?? false, json: values.json ?? false, maxArticleBytes },
      io,
      ...(fetchSettings ? [fetchSettings] : []),
    );
  }
  if (values['dry-run'] || values.json) return refuse('--dry-run and --json are for pages (a URL or an .html file)');
  if (!values.title?.trim()) return refuse('missing --title "…": the article title');
  if (!values.publisher?.trim()) return refuse('missing --publisher "…": who published the article');
  const file = resolve(base, positionals[0]!);
  // Read as the loader reads: a program, binary data or another encoding than UTF-8 is refused, not mangled.
  const read = await readTextFile(file, { maxArticleBytes });
  if (!read.ok) {
    const given = positionals[0]!;
    if ('missing' in read) return refuse(`cannot read ${given}: ENOENT`);
    if ('notRegular' in read) return refuse(`${given}: ${read.notRegular}, not a regular file; save the text to a file first`);
    return refuse(`${given}: ${read.problem.field ? `${read.problem.field}: ` : ''}${read.problem.message}`);
  }
  const text = read.text;

  try {
    const added = await addArticle(dir, {
      text,
      title: values.title,
      publisher: values.publisher,
      author: values.author ?? null,
      published: values.published ?? null,
      publishedApprox: values.approx ?? false,
      url: values.url ?? null,
      source: basename(file),
      ...(values.id !== undefined ? { id: values.id } : {}),
    }, { maxArticleBytes });
    const s = added.stats;
    io.out(`wrote ${added.file}: "${added.title}" (${added.passages} passage${added.passages === 1 ? '' : 's'})`);
    io.out(`knowledge now: ${s.articles} articles, ${s.passages} passages, ${s.aliases} alias groups`);
    return 0;
  } catch (err) {
    if (err instanceof AddArticleRefusal) return refuse(err.message);
    throw err;
  }
}

// Run only as a program, not when a test imports `runKnowledgeAdd`.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  dotenv.config({ quiet: true }); // the bot's .env settings (KNOWLEDGE_DIR, MAX_ARTICLE_KB, ALLOW_PRIVATE_URLS), so both judge alike
  runKnowledgeAdd(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`knowledge:add: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
