#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultKnowledgeDir } from '../engine.js';
import { checkKnowledge } from '../runtime/check-knowledge.js';
import dotenv from 'dotenv';
import { formatProblem } from '../knowledge/load.js';
import { maxArticleBytesFrom } from '../knowledge/read-text.js';
import type { CliOutput } from './knowledge-add.js';

const USAGE = `Check every knowledge file, the alias table and the glossary the way the bot loads them.

  npm run knowledge:check [-- --dir FOLDER]

Articles over MAX_ARTICLE_KB kB (default 1024, as for the bot) are faults. Prints
"file: field: problem" for each fault (exit 1: the bot would not load this knowledge) and
"warning: file: field: …" for what loads but answers less well (exit 0).
`;

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the check and returns its exit code: 0 no faults (warnings allowed), 1 faults, 2 bad usage. */
export async function runKnowledgeCheck(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.err(`knowledge:check: ${(err as Error).message} (see --help)`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const dir = values.dir ? resolve(base, values.dir) : process.env.KNOWLEDGE_DIR || defaultKnowledgeDir();

  let maxArticleBytes: number;
  try {
    maxArticleBytes = maxArticleBytesFrom(process.env.MAX_ARTICLE_KB);
  } catch (err) {
    io.err(`knowledge:check: ${(err as Error).message}`);
    return 2;
  }

  const report = await checkKnowledge(dir, undefined, { maxArticleBytes });
  for (const fault of report.faults) io.out(formatProblem(fault));
  for (const warning of report.warnings) io.out(`warning: ${formatProblem(warning)}`);
  const { articles, passages, aliases } = report.stats;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  io.out(
    `${count(articles, 'article')}, ${count(passages, 'passage')}, ${count(aliases, 'alias group')}: ` +
      `${count(report.faults.length, 'fault')}, ${count(report.warnings.length, 'warning')}`,
  );
  if (report.faults.length) io.out('The bot will not load this knowledge (a running bot keeps serving the previous one) until the faults are fixed.');
  return report.faults.length ? 1 : 0;
}

// Run only as a program, not when a test imports `runKnowledgeCheck`.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  dotenv.config({ quiet: true }); // the bot's .env settings (KNOWLEDGE_DIR, MAX_ARTICLE_KB), so both judge alike
  runKnowledgeCheck(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`knowledge:check: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
