#!/usr/bin/env node
/**
 * `npm run gaps`: what members asked that the articles did not answer, from the bot's question store,
 * whether the bot is running or not (SQLite lets a reader in beside the writing shards).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirFromEnvironment } from '../runtime/data-dir.js';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite-store.js';
import type { Gap } from '../store/types.js';

const USAGE = `What members asked that the knowledge did not answer (declined, closest passages only, or 👎),
alike questions grouped, most frequent first.

  npm run gaps                     the last 30 days
  npm run gaps -- --days 7         the last 7 days
  npm run --silent gaps -- --json  one JSON object: { days, database, gaps: [...] }

Reads DATA_DIR (default ./data) from the environment or .env, like the bot.
`;

function fail(message: string): never {
  process.stderr.write(`gaps: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { days: number; json: boolean } {
  let days = 30;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--days' || arg.startsWith('--days=')) {
      const value = arg.includes('=') ? arg.slice('--days='.length) : argv[++i];
      if (!value || !/^\d+$/.test(value) || Number(value) < 1) fail('--days takes a whole number of days ≥ 1');
      days = Number(value);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { days, json };
}

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function renderGapsText(gaps: readonly Gap[], days: number): string {
  if (gaps.length === 0) return `Nothing missing in the last ${days} days: every question was answered, none got a 👎.\n`;
  const lines = [`What the knowledge is missing, last ${days} days (most frequent first):`, ''];
  for (const g of gaps) {
    const why = [
      g.outcomes.declined ? `declined ${g.outcomes.declined}` : '',
      g.outcomes.related ? `closest passages ${g.outcomes.related}` : '',
      g.downVotes ? `👎 ${g.downVotes}` : '',
    ].filter(Boolean);
    lines.push(`${String(g.count).padStart(4)}×  ${g.people} ${g.people === 1 ? 'person' : 'people'}; ${why.join(', ')}; latest ${date(g.latestAt)} UTC`);
    lines.push(`       ${JSON.stringify(g.latest)}`);
  }
  return `${lines.join('\n')}\n`;
}

const { days, json } = parseArgs(process.argv.slice(2));
const dir = dataDirFromEnvironment();
const file = join(dir, DATABASE_FILE);
let gaps: Gap[] = [];
if (existsSync(file)) {
  const store = await openSqliteStore({ dir, prune: false });
  try {
    gaps = await store.gaps({ days });
  } finally {
    await store.close();
  }
} else if (!json) {
  process.stderr.write(`No questions recorded yet: ${file} does not exist (the bot creates it on first start).\n`);
}
process.stdout.write(json ? `${JSON.stringify({ days, database: file, gaps })}\n` : renderGapsText(gaps, days));
