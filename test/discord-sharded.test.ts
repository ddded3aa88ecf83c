/**
 * The sharded launcher (compiled `npm run start:sharded`) against a gateway that recommends 2 shards:
 * the ShardingManager forks one bot process per shard; both identify and both answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEntries, logText } from './support/log-lines.js';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { openStore } from '../src/store/open.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { TEST_TOKEN } from './discord-harness.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const launcher = new URL('../dist/src/discord/sharded.js', import.meta.url);
const Q = 'How many LLMs did China release in 2023?';

let discord: FakeDiscord;
let child: ChildProcess;
let output = '';
let dataDir: string;
const MISSING = 'How many employees does Moonshot AI have?';
const ROUNDS = 10;

function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher never printed ${pattern}; output:\n${output}`)), timeoutMs);
    const check = () => {
      if (!pattern.test(output)) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve();
    };
    child.stdout?.on('data', check);
    check();
  });
}

describe('sharded launcher', () => {
  beforeAll(async () => {
    if (!existsSync(launcher)) throw new Error(`${launcher.pathname} is missing: run "npm run build" first (npm test does)`);
    dataDir = mkdtempSync(join(tmpdir(), 'sharded-data-'));
    discord = await startFakeDiscord({ shards: 2, token: TEST_TOKEN, heartbeatIntervalMs: 1000 });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, apiUrl: discord.restBase, commands: await loadCommands() });
    child = spawn(process.execPath, [launcher.pathname], {
      cwd: tmpdir(), // no .env: everything comes from this environment
      env: botEnvironment(discord, {
        DATA_DIR: dataDir,
        RATE_LIMIT_MAX: '1000',
      }),
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForOutput(/all shards ready/, 20_000);
  }, 30_000);

  afterAll(async () => {
    await stopProcess(child);
    await discord?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('each shard process identifies with its own shard id', () => {
    expect(discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(logText(output).join('\n')).toMatch(/INFO shard starting.*"shardId":0/);
    expect(logText(output).join('\n')).toMatch(/INFO shard starting.*"shardId":1/);
    // Each shard process holds and watches its own knowledge, so a saved file reaches every shard.
    // ... and each of its log lines says which shard it is (a child logger's binding).
    const serving = logEntries(output).filter((e) => e.level === 'info' && /^knowledge: serving \S+ and watching it for changes$/.test(e.msg));
    expect(serving.map((e) => e.shard).sort()).toEqual([0, 1]);
    expect(output).not.toContain(TEST_TOKEN);
  });

  it('both shards answer: the guild lives on shard 1, DMs arrive on shard 0', async () => {
    expect(discord.shardOf(discord.guildId, 2)).toBe(1);
    const inGuild = await discord.sendCommand('ask', { question: Q });
    expect(inGuild.callback.data.embeds[0].title).toBe(Q);
    const inDm = await discord.sendCommand('ask', { question: Q }, { guild: false });
    expect(inDm.callback.data.embeds[0].title).toBe(Q);
    expect(discord.violations).toEqual([]);
  });

  it('both shards record to the one database at the same time, losing nothing', async () => {
    // Guild questions go to shard 1, DM questions to shard 0: both processes write at once.
    await Promise.all(
      Array.from({ length: ROUNDS }, (_, i) => [
        discord.sendCommand('ask', { question: MISSING }, { userId: discord.memberUserId }),
        discord.sendCommand('ask', { question: MISSING }, { guild: false, userId: i % 2 ? discord.ownerUserId : discord.adminUserId }),
      ]).flat(),
    );
    const store = await openStore({ enabled: true, dataDir });
    try {
      let gaps = await store.gaps({ scope: 'everywhere' });
      for (const deadline = Date.now() + 5000; (gaps[0]?.count ?? 0) < 2 * ROUNDS && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 100));
        gaps = await store.gaps({ scope: 'everywhere' });
      }
      expect(gaps).toEqual([expect.objectContaining({ count: 2 * ROUNDS, people: 3, latest: MISSING })]);
    } finally {
      await store.close();
    }
    expect(discord.violations).toEqual([]);
  });

  it('/reload on one shard reloads the knowledge of every shard', async () => {
    const reply = await discord.sendCommand('reload', {}, { userId: discord.adminUserId });
    expect(reply.final.embeds[0].title).toMatch(/knowledge/i);
    // JSON lines: the fields come before the message.
    await waitForOutput(/"shardId":0,"result":"unchanged".*"shardId":1,"result":"unchanged".*"msg":"\/reload reached 2 shards"/, 5000);
    expect(discord.violations).toEqual([]);
  });

  it('stops every shard on SIGTERM: the launcher exits 0 and each shard closes its gateway socket', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const deadline = Date.now() + 5000;
    while (discord.sessions.some((s) => s.socket !== null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(discord.sessions.filter((s) => s.socket !== null)).toEqual([]);
  });
});
