/**
 * Issue 18, item 5: two machines share one bot. Two sharded launchers (compiled `npm run
 * start:sharded`), each with its own DATA_DIR, TOTAL_SHARDS=4 and SHARD_LIST 0,1 and 2,3, against the
 * loopback Discord and one PostgreSQL database: each shard connects once, every guild's question is
 * answered exactly once, and the questions asked through either machine are read on both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { PG_PASSWORD, createDatabase } from './support/postgres.js';
import { TEST_TOKEN } from './discord-harness.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const launcher = new URL('../dist/src/discord/sharded.js', import.meta.url).pathname;
const gapsCli = new URL('../dist/src/cli/gaps.js', import.meta.url).pathname;
const SECRET = 'shared-secret-of-both-machines-0123';
const IN_FIRST = 'How many employees does Moonshot AI have?';
const IN_SECOND = 'Which curling team does Baichuan sponsor?';

interface Machine {
  name: string;
  child: ChildProcess;
  output: string;
  dataDir: string;
}

let discord: FakeDiscord;
let databaseUrl: string;
const machines: Machine[] = [];

function startMachine(name: string, shardList: string): Machine {
  const dataDir = mkdtempSync(join(tmpdir(), `machine-${name}-`));
  const child = spawn(process.execPath, [launcher], {
    cwd: tmpdir(),
    env: botEnvironment(discord, {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      STORE_SECRET: SECRET,
      OWNER_IDS: discord.ownerUserId,
      RATE_LIMIT_MAX: '1000',
      TOTAL_SHARDS: '4',
      SHARD_LIST: shardList,
    }),
  });
  const machine: Machine = { name, child, output: '', dataDir };
  child.stdout?.on('data', (d: Buffer) => (machine.output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (machine.output += d.toString()));
  return machine;
}

async function waitFor(machine: Machine, pattern: RegExp, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(machine.output)) {
    if (Date.now() > deadline || machine.child.exitCode !== null) throw new Error(`machine ${machine.name} never printed ${pattern}:\n${machine.output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every callback the bot made for an interaction, whichever machine made it. */
const callbacksFor = (interactionId: string) => discord.requests.filter((r) => r.path.includes(`/interactions/${interactionId}/`) && r.path.endsWith('/callback'));

describe('two machines, two shards each, one PostgreSQL database', () => {
  beforeAll(async () => {
    if (!existsSync(launcher)) throw new Error(`${launcher} is missing: run "npm run build" first (npm test does)`);
    databaseUrl = await createDatabase(inject('postgresUrl'));
    // Discord recommends 1 shard: TOTAL_SHARDS=4 overrides it.
    discord = await startFakeDiscord({ shards: 1, token: TEST_TOKEN, heartbeatIntervalMs: 1000, secondGuild: true });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, apiUrl: discord.restBase, commands: await loadCommands() });
    machines.push(startMachine('a', '0,1'), startMachine('b', '2,3'));
    await Promise.all(machines.map((m) => waitFor(m, /all shards ready/, 40_000)));
  }, 60_000);

  afterAll(async () => {
    for (const m of machines) {
      await stopProcess(m.child);
      rmSync(m.dataDir, { recursive: true, force: true });
    }
    await discord?.close();
  });

  it('each of the four shards connects once, from the machine whose SHARD_LIST names it', () => {
    expect(discord.identifies.map((i) => i.shard).sort()).toEqual([[0, 4], [1, 4], [2, 4], [3, 4]]);
    const [a, b] = machines;
    // One JSON log line each (pino puts the message after the fields).
    const ready = (output: string) => output.split('\n').find((l) => l.includes('all shards ready')) ?? '';
    expect(ready(a!.output)).toContain('"shardList":[0,1],"totalShards":4');
    expect(ready(b!.output)).toContain('"shardList":[2,3],"totalShards":4');
    for (const m of machines) expect(m.output).not.toContain(TEST_TOKEN);
    for (const m of machines) expect(m.output).not.toContain(PG_PASSWORD);
    for (const m of machines) expect(m.output).toMatch(/questions: recording to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
  });

  it("every guild's question is answered exactly once, by the machine that holds the guild's shard", async () => {
    const first = discord.guildId;
    const second = discord.secondGuildId!;
    // The fixture's guilds live on one machine each: shards 1 and 2 (or 3 and 0) of 4.
    expect([discord.shardOf(first, 4) < 2, discord.shardOf(second, 4) < 2].sort()).toEqual([false, true]);
    const asked = await Promise.all(
      Array.from({ length: 5 }, () => [
        discord.sendCommand('ask', { question: IN_FIRST }, { guildId: first, userId: discord.memberUserId }),
        discord.sendCommand('ask', { question: IN_SECOND }, { guildId: second, userId: discord.memberUserId }),
      ]).flat(),
    );
    for (const reply of asked) {
      expect([IN_FIRST, IN_SECOND]).toContain(reply.callback.data.embeds[0].title);
      expect(callbacksFor(reply.interactionId)).toHaveLength(1);
    }
    expect(discord.violations).toEqual([]);
  });

  it("/gaps in an operator's DM (machine a) and `npm run gaps` on machine b both list the questions asked through both machines", async () => {
    const waitUntil = async (read: () => Promise<string> | string, ms = 5000) => {
      const deadline = Date.now() + ms;
      let text = await read();
      while (!(text.includes(IN_FIRST) && text.includes(IN_SECOND)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        text = await read();
      }
      return text;
    };
    const dm = await waitUntil(async () => JSON.stringify((await discord.sendCommand('gaps', {}, { guild: false, userId: discord.ownerUserId })).final));
    expect(dm).toContain(IN_FIRST);
    expect(dm).toContain(IN_SECOND);

    const cli = spawnSync(process.execPath, [gapsCli, '--json'], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: machines[1]!.dataDir, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    const report = JSON.parse(cli.stdout) as { database: string; gaps: Array<{ latest: string; count: number; places: string[] }> };
    expect(report.database).not.toContain(PG_PASSWORD);
    expect(report.gaps.map((g) => [g.latest, g.count, g.places]).sort()).toEqual(
      [[IN_FIRST, 5, [discord.guildId]], [IN_SECOND, 5, [discord.secondGuildId]]].sort(),
    );

    // A server's /gaps, on the machine that holds it, is still that server's questions only.
    const second = await discord.sendCommand('gaps', {}, { guildId: discord.secondGuildId!, userId: discord.secondAdminUserId });
    expect(JSON.stringify(second.final)).toContain(IN_SECOND);
    expect(JSON.stringify(second.final)).not.toContain(IN_FIRST);
    expect(discord.violations).toEqual([]);
  });
});
