/**
 * Issue 18, item 4, end to end: the compiled bot (`npm start`) with DATABASE_URL on a PostgreSQL
 * server that is down at start, then up, then restarted while the bot runs. The askers never see
 * it: every /ask is answered; the log says once what to do, never the password; and every question
 * asked meanwhile is in the database once the server is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { PG_PASSWORD, startPostgres, withClient, type TestPostgres } from './support/postgres.js';
import { TEST_TOKEN } from './discord-harness.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const bot = new URL('../dist/src/discord/bot.js', import.meta.url).pathname;
const MISSING = 'How many employees does Moonshot AI have?';

let server: TestPostgres;
let discord: FakeDiscord;
let child: ChildProcess;
let output = '';
let url: string;
let dataDir: string;

const stored = () => withClient(url, async (c) => (await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM questions')).rows[0]!.n).then(Number);

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve().then(read).catch(() => undefined as T);
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}; output:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ask(n: number): Promise<void> {
  const replies = await Promise.all(Array.from({ length: n }, () => discord.sendCommand('ask', { question: MISSING })));
  for (const r of replies) expect(r.final.embeds[0].title).toBe(MISSING);
}

describe('the compiled bot on a PostgreSQL server that is down, then up, then restarted', () => {
  beforeAll(async () => {
    if (!existsSync(bot)) throw new Error(`${bot} is missing: run "npm run build" first (npm test does)`);
    server = await startPostgres();
    url = await server.createDatabase();
    await server.stop();
    dataDir = mkdtempSync(join(tmpdir(), 'pg-down-'));
    discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 1000 });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
    child = spawn(process.execPath, [bot], {
      cwd: tmpdir(),
      env: botEnvironment(discord, {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        RATE_LIMIT_MAX: '1000',
      }),
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await until(() => output, (o) => /bot ready/.test(o), 20_000, 'the bot never became ready');
  }, 40_000);

  afterAll(async () => {
    await stopProcess(child);
    await discord?.close();
    await server?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('down at start: answers, says once what to do without the password, and writes what was asked once the server is up', async () => {
    await ask(5);
    // JSON log lines: one error from the store, saying what to do, the password hidden.
    const storeErrors = output.split('\n').filter((l) => l.includes('"level":"error"') && l.includes('"msg":"question store:'));
    expect(storeErrors).toHaveLength(1);
    expect(storeErrors[0]).toMatch(/question store: .*What to do: start PostgreSQL, or correct the host and port in DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
    await server.start();
    // The first retries come 1, 2, 4 s apart: within 10 s it has opened and written them.
    expect(await until(stored, (n) => n === 5, 15_000, 'the 5 questions never reached the database')).toBe(5);
    expect(output).toMatch(/question store: available again .*writing the 5 questions/);
  }, 30_000);

  it('restarted while the bot runs: every question asked before, during and after is answered and written once', async () => {
    await ask(3);
    await until(stored, (n) => n === 8, 5000, 'the 3 questions asked while up were not written');
    await server.stop();
    await ask(4);
    await server.start();
    await ask(3);
    expect(await until(stored, (n) => n >= 15, 20_000, 'the questions asked around the restart never reached the database')).toBe(15);
    expect(output).not.toContain(PG_PASSWORD);
    expect(output).not.toContain(TEST_TOKEN);
    expect(discord.violations).toEqual([]);
  }, 40_000);
});
