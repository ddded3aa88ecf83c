/**
 * Issue 15, item 4: the bot answers whatever DATA_DIR does. The compiled bot (`npm start`) is started
 * with DATA_DIR a file, a folder it cannot write, and a questions.db that is not a database: each
 * time it logs why the store (and the persisted index) cannot be used and what to do, and answers
 * /ask. With the store down, votes, /gaps and /forget-me say so, privately.
 *
 * A folder it cannot write: `chmod 555` does not stop root, which these tests may run as (a
 * container). Then the bot is started as the unprivileged user `nobody` (uid 65534), for whom the
 * folder is read-only; as any other user the mode alone does it. Either way the bot meets the
 * folder as a deployment with the wrong owner would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logText } from './support/log-lines.js';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { openStore } from '../src/store/open.js';
import type { QuestionStore } from '../src/store/types.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { TEST_TOKEN, startBotOnFake, type BotOnFake } from './discord-harness.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const bot = new URL('../dist/src/discord/bot.js', import.meta.url);
const Q = 'How many LLMs did China release in 2023?';
const asRoot = process.getuid?.() === 0;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-down-'));
  chmodSync(dir, 0o755); // the unprivileged bot must reach what is inside
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  output: () => string;
  discord: FakeDiscord;
}

async function startCompiledBot(dataDir: string, options: { unprivileged?: boolean } = {}): Promise<Running> {
  const discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 1000 });
  await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
  const child = spawn(process.execPath, [bot.pathname], {
    cwd: tmpdir(), // no .env: everything comes from this environment
    env: botEnvironment(discord, {
      DATA_DIR: dataDir,
      RATE_LIMIT_MAX: '1000',
    }),
    ...(options.unprivileged && asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!/bot ready/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the bot never became ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => output, discord };
}

let running: Running | undefined;
afterEach(async () => {
  if (!running) return;
  const { child, discord } = running;
  running = undefined;
  await stopProcess(child);
  await discord.close();
});

async function expectAnswers(r: Running): Promise<void> {
  const res = await r.discord.sendCommand('ask', { question: Q });
  expect(res.final.embeds[0].title).toBe(Q);
  expect(res.final.embeds[0].description).toMatch(/\[1\]/);
  expect(r.discord.violations).toEqual([]);
}

describe('the compiled bot with an unusable DATA_DIR', () => {
  beforeAll(() => {
    if (!existsSync(bot)) throw new Error(`${bot.pathname} is missing: run "npm run build" first (npm test does)`);
  });

  it('DATA_DIR a file: says so once with what to do, builds the index in memory, and answers', async () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'a file, not a folder');
    running = await startCompiledBot(file);
    await expectAnswers(running);
    const log = logText(running.output()).join('\n');
    expect(log.match(/ERROR question store:/g)).toHaveLength(1);
    expect(log).toMatch(/is a file, not a folder\. What to do: DATA_DIR \(.*\) must be a folder/);
    expect(log).toMatch(/WARN knowledge: index: .*cannot write .*\(built in memory instead: answers are not affected\)/);
    expect(log).not.toMatch(/questions: recording to/);
  }, 30_000);

  it(`DATA_DIR a folder the bot cannot write (${asRoot ? 'the bot run as nobody' : 'mode 555'}): says what to do, and answers`, async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    running = await startCompiledBot(dataDir, { unprivileged: true });
    await expectAnswers(running);
    const log = logText(running.output()).join('\n');
    expect(log).toMatch(/ERROR question store: cannot open .*SQLITE_CANTOPEN\. What to do: give the user the bot runs as write access to/);
    expect(log).toMatch(/WARN knowledge: index: cannot write .*\(built in memory instead/);
    expect(existsSync(join(dataDir, 'questions.db'))).toBe(false);
  }, 30_000);

  it('questions.db not a database: says to move it aside, leaves it alone, and answers', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'questions.db'), 'not a database '.repeat(1000));
    running = await startCompiledBot(dataDir);
    await expectAnswers(running);
    expect(logText(running.output()).join('\n')).toMatch(/ERROR question store: cannot open .*file is not a database.*What to do: stop the bot and move .*questions\.db/);
  }, 30_000);
});

describe('with the store down, votes, /gaps and /forget-me say so', () => {
  let t: BotOnFake;
  let store: QuestionStore;
  beforeAll(async () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'a file, not a folder');
    store = await openStore({ enabled: true, dataDir: file });
    expect(store.available).toBe(false);
    t = await startBotOnFake({ store });
  });
  afterAll(async () => {
    await t?.close();
    await store?.close();
  });

  it('a 👍 on an answer gets a private notice', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    const up = (res.final.components ?? []).flatMap((row: any) => row.components).find((b: any) => b.custom_id?.startsWith('vote:up:'));
    const click = await t.discord.clickButton(res.messageId!, up.custom_id);
    expect(click.final.flags & 64).toBe(64);
    expect(click.final.content).toMatch(/votes can't be recorded right now: the question store is unavailable/);
  });

  it('/gaps and /forget-me answer privately that the store is unavailable', async () => {
    const gaps = await t.discord.sendCommand('gaps', {}, { userId: t.discord.adminUserId });
    expect(gaps.final.flags & 64).toBe(64);
    expect(gaps.final.content).toMatch(/question store is unavailable right now/);
    const forget = await t.discord.sendCommand('forget-me', {});
    expect(forget.final.flags & 64).toBe(64);
    expect(forget.final.content).toMatch(/unavailable right now, so I couldn't delete what is stored/);
    expect(t.discord.violations).toEqual([]);
  });
});
