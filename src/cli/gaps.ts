#!/usr/bin/env node
/**
 * `npm run gaps`: what members asked that the articles did not answer, from the bot's question store,
 * whether the bot is running or not (SQLite lets a reader in beside the writing shards). It reads
 * every server's and every DM's questions (this is the operator's terminal), or one server's with
 * --guild. It only reads: the database is opened read-only, never created, never migrated. With
 * DATABASE_URL it reads PostgreSQL instead (a read-only session), and shows the URL without its password.
 */
import { GAP_DAYS } from '../discord/gap-days.js';
import dotenv from 'dotenv';
import { dataDirFromEnvironment } from '../runtime/data-dir.js';
import { countQuestions, readGaps } from '../store/sqlite-db.js';
import { DATABASE_FILE, errorCode, openReader, StoreOpenError } from '../store/sqlite-open.js';
import { whatToDo } from '../store/store-problems.js';
import { connect, pgAdvice, pgErrorCode, readPgReport } from '../store/pg-db.js';
import { databaseUrlSecrets, describeDatabaseUrl, isPostgresUrl } from '../store/pg-url.js';
import { DM_PLACE, UNKNOWN_PLACE, type Gap, type GapScope } from '../store/types.js';
import { join } from 'node:path';

const USAGE = `What members asked that the knowledge did not answer (declined, closest passages only, or 👎),
alike questions grouped, most frequent first, from every server and DM.

  npm run gaps                         the last 30 days
  npm run gaps -- --days 7             the last 7 days
  npm run gaps -- --guild <server id>  one server's questions only (--dm: direct messages only)
  npm run --silent gaps -- --json      one JSON object: { days, database, scope, questions, gaps: [...] }

Reads DATA_DIR (default ./data), or DATABASE_URL (PostgreSQL) when set, from the environment or .env, like the bot.
`;

function fail(message: string): never {
  process.stderr.write(`gaps: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { days: number; json: boolean; scope: GapScope } {
  let days = 30;
  let json = false;
  let scope: GapScope = 'everywhere';
  const value = (arg: string, i: number, name: string) => (arg.includes('=') ? arg.slice(name.length + 1) : argv[i + 1]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--days' || arg.startsWith('--days=')) {
      const v = value(arg, i, '--days');
      if (!arg.includes('=')) i++;
      if (!v || !/^\d+$/.test(v) || Number(v) < GAP_DAYS.min || Number(v) > GAP_DAYS.max) fail(`--days takes a whole number from ${GAP_DAYS.min} to ${GAP_DAYS.max}`);
      days = Number(v);
    } else if (arg === '--guild' || arg.startsWith('--guild=')) {
      const v = value(arg, i, '--guild');
      if (!arg.includes('=')) i++;
      if (!v || !/^\d{17,20}$/.test(v)) fail('--guild takes a server id (17–20 digits; Discord: Developer Mode → right-click the server → Copy Server ID)');
      scope = { place: v };
    } else if (arg === '--dm') scope = { place: DM_PLACE };
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { days, json, scope };
}

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function placeText(place: string): string {
  if (place === DM_PLACE) return 'a DM';
  if (place === UNKNOWN_PLACE) return 'unknown (before servers were recorded)';
  return `server ${place}`;
}

function scopeText(scope: GapScope): string {
  return scope === 'everywhere' ? '' : ` in ${placeText(scope.place)}`;
}

export function renderGapsText(gaps: readonly Gap[], days: number, scope: GapScope, questions: { all: number; since: number }): string {
  if (questions.all === 0) return `No questions recorded yet${scopeText(scope)}.\n`;
  if (questions.since === 0) return `No questions recorded${scopeText(scope)} in the last ${days} days.\n`;
  if (gaps.length === 0) return `Nothing missing in the last ${days} days${scopeText(scope)}: all ${questions.since} questions were answered, none got a 👎.\n`;
  const lines = [`What the knowledge is missing, last ${days} days${scopeText(scope)} (most frequent first):`, ''];
  for (const g of gaps) {
    const why = [
      g.outcomes.declined ? `declined ${g.outcomes.declined}` : '',
      g.outcomes.related ? `closest passages ${g.outcomes.related}` : '',
      g.downVotes ? `👎 ${g.downVotes}` : '',
    ].filter(Boolean);
    lines.push(`${String(g.count).padStart(4)}×  ${g.people} ${g.people === 1 ? 'person' : 'people'}; ${why.join(', ')}; latest ${date(g.latestAt)} UTC`);
    lines.push(`       ${JSON.stringify(g.latest)}`);
    if (scope === 'everywhere') lines.push(`       asked in ${g.places.map(placeText).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** DATABASE_URL as the bot reads it: the environment first, then `.env`. */
function databaseUrlFromEnvironment(): string | undefined {
  const dotEnv: Record<string, string> = {};
  dotenv.config({ quiet: true, processEnv: dotEnv });
  const url = (process.env.DATABASE_URL?.trim() || dotEnv.DATABASE_URL?.trim()) ?? '';
  if (url === '') return undefined;
  if (!isPostgresUrl(url)) fail('DATABASE_URL expected a postgres:// or postgresql:// URL (value not shown)');
  return url;
}

/** The report from PostgreSQL, or one line (the password hidden) and exit 1. */
async function readPostgres(url: string): Promise<void> {
  const where = describeDatabaseUrl(url);
  const hide = (text: string) => databaseUrlSecrets(url).reduce((t, secret) => t.split(secret).join('***'), text);
  try {
    const client = await connect(url, { readOnly: true }, () => undefined);
    try {
      const report = await readPgReport(client, { scope, days, now: Date.now() });
      process.stdout.write(json ? `${JSON.stringify({ days, database: where, scope, questions: report.questions.since, gaps: report.gaps })}\n` : renderGapsText(report.gaps, days, scope, report.questions));
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    const code = pgErrorCode(error);
    process.stderr.write(hide(`gaps: cannot read ${where}: ${(error as Error).message || code}. What to do: ${pgAdvice(code, where, dataDirFromEnvironment())}.\n`));
    process.exitCode = 1;
  }
}

const { days, json, scope } = parseArgs(process.argv.slice(2));
const databaseUrl = databaseUrlFromEnvironment();
if (databaseUrl) await readPostgres(databaseUrl);
else readSqlite();

function readSqlite(): void {
  const dir = dataDirFromEnvironment();
  const file = join(dir, DATABASE_FILE);
  let gaps: Gap[] = [];
  let questions = { all: 0, since: 0 };
  try {
    const reader = openReader(dir);
    if (reader) {
      try {
        const now = Date.now();
        if (reader.version > 0) {
          const hasPlaces = reader.version >= 2;
          questions = countQuestions(reader.db, { scope, since: now - days * 24 * 60 * 60 * 1000, hasPlaces });
          gaps = readGaps(reader.db, { scope, days, now, hasPlaces });
        }
      } finally {
        reader.db.close();
      }
    }
  } catch (error) {
    // One line: what is wrong and what to do, no stack (an operator's terminal, or a cron mail).
    const code = error instanceof StoreOpenError ? error.code : errorCode(error);
    const what = error instanceof StoreOpenError ? error.message : `cannot read ${file}: ${(error as Error).message}`;
    process.stderr.write(`gaps: ${what}. What to do: ${whatToDo(code, dir)}.\n`);
    process.exit(1);
  }
  process.stdout.write(json ? `${JSON.stringify({ days, database: file, scope, questions: questions.since, gaps })}\n` : renderGapsText(gaps, days, scope, questions));
}
