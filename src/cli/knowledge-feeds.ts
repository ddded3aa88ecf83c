#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { defaultKnowledgeDir } from '../engine.js';
import { FeedListError, FEEDS_FILE_NAME } from '../feeds/feed-list.js';
import { maxArticleBytesFrom } from '../knowledge/read-text.js';
import { fetchSettingsFromEnv, type FetchSettings } from '../runtime/add-from-link.js';
import { dataDirFromEnvironment } from '../runtime/data-dir.js';
import { pollFeeds, type PollReport } from '../runtime/poll-feeds.js';
import type { CliOutput } from './knowledge-add.js';

const USAGE = `Follow the feeds in knowledge/feeds.yaml (or FEEDS_FILE): add each new article that matches.

  npm run knowledge:feeds -- --once        one round over every feed, then exit
  npm run knowledge:feeds                  a round every FEEDS_POLL_MINUTES (default 60), until stopped

  --json            print the round's report as one JSON object
  --dir FOLDER      the knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)
  --feeds FILE      the feeds file (default: FEEDS_FILE or feeds.yaml in the knowledge folder)

Exit codes: 0 done (a feed that failed is reported and retried next round), 2 a bad feeds file.
`;

/** Where the feeds file is: FEEDS_FILE, else feeds.yaml in the knowledge folder. */
export function feedsFileFrom(env: NodeJS.ProcessEnv, knowledgeDir: string): string {
  return env.FEEDS_FILE?.trim() ? resolve(env.FEEDS_FILE.trim()) : join(knowledgeDir, FEEDS_FILE_NAME);
}

function printReport(report: PollReport, io: CliOutput, json: boolean): void {
  if (json) {
    const { ran, feeds } = report;
    io.out(JSON.stringify({ ran, feeds: feeds.map((f) => ({ ...f, added: f.added.map(({ id, file, title, publisher, published, url, passages }) => ({ id, file, title, publisher, published, url, passages })) })) }));
    return;
  }
  if (!report.ran) {
    io.out('another process is polling the feeds now (DATA_DIR/feeds.lock); nothing done');
    return;
  }
  if (report.feeds.length === 0) io.out('no feeds listed');
  for (const f of report.feeds) {
    io.out(`${f.url}: ${f.status}${f.detail ? ` (${f.detail})` : ''}${f.status === 'ok' ? `, ${f.items} items` : ''}`);
    for (const a of f.added) io.out(`  added ${a.file}: "${a.title}"${a.published ? ` (${a.published})` : ''}, ${a.passages} passages`);
    for (const r of f.refused) io.out(`  skipped ${r.url}: ${r.reason}`);
  }
  io.out(`added ${report.added.length} article${report.added.length === 1 ? '' : 's'}`);
}

export async function runKnowledgeFeeds(argv: string[], io: CliOutput, env: NodeJS.ProcessEnv = process.env, settings: FetchSettings = fetchSettingsFromEnv(env)): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, strict: true, options: { once: { type: 'boolean' }, json: { type: 'boolean' }, dir: { type: 'string' }, feeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.err(`knowledge:feeds: ${(err as Error).message} (see --help)`);
    return 2;
  }
  const { values } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const base = env.INIT_CWD ?? process.cwd();
  const knowledgeDir = values.dir ? resolve(base, values.dir) : env.KNOWLEDGE_DIR || defaultKnowledgeDir();
  const feedsFile = values.feeds ? resolve(base, values.feeds) : feedsFileFrom(env, knowledgeDir);
  const dataDir = env.DATA_DIR?.trim() ? resolve(env.DATA_DIR.trim()) : dataDirFromEnvironment();
  const round = async () =>
    pollFeeds({ feedsFile, knowledgeDir, dataDir, settings, limits: { maxArticleBytes: maxArticleBytesFrom(env.MAX_ARTICLE_KB) }, ...(env.FEEDS_PAUSE_MS ? { pauseMs: Number(env.FEEDS_PAUSE_MS) } : {}) });
  try {
    if (values.once) {
      printReport(await round(), io, values.json ?? false);
      return 0;
    }
    const minutes = Number(env.FEEDS_POLL_MINUTES?.trim() || 60);
    if (!(minutes > 0)) {
      io.err('knowledge:feeds: FEEDS_POLL_MINUTES is 0 (polling off); use --once for one round');
      return 2;
    }
    for (;;) {
      printReport(await round(), io, values.json ?? false);
      await new Promise((r) => setTimeout(r, minutes * 60_000));
    }
  } catch (err) {
    if (err instanceof FeedListError) {
      io.err(`knowledge:feeds: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  dotenv.config({ quiet: true });
  runKnowledgeFeeds(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`knowledge:feeds: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
