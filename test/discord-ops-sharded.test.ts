/**
 * Issue 18, item 2, under `npm run start:sharded`: one /healthz and one /metrics for the whole
 * process tree, served by the manager, which asks every shard. Two shards against the loopback
 * Discord: unhealthy until both are ready, figures added up over both, the knowledge counted once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { METRIC } from '../src/discord/metrics.js';
import { TEST_TOKEN, realEngine } from './discord-harness.js';
import { eventually } from './store-support.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { logEntries } from './support/log-lines.js';
import { freePort, probe, probeUntil, sample } from './support/ops-probe.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const launcher = new URL('../dist/src/discord/sharded.js', import.meta.url);
const Q = 'How many LLMs did China release in 2023?';

let discord: FakeDiscord;
let child: ChildProcess;
let output = '';
let dataDir: string;
let base: string;

describe('health and metrics of a sharded bot: one endpoint for the process tree', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ops-sharded-'));
    discord = await startFakeDiscord({ shards: 2, token: TEST_TOKEN, heartbeatIntervalMs: 500, holdReady: true });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, apiUrl: discord.restBase, commands: await loadCommands() });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [launcher.pathname], {
      cwd: tmpdir(),
      env: botEnvironment(discord, {
        DATA_DIR: dataDir,
        HTTP_PORT: String(port),
      }),
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  }, 30_000);

  afterAll(async () => {
    await stopProcess(child);
    await discord?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('/healthz is 503 naming the shards not ready, then 200 once every shard is', async () => {
    await eventually(() => discord.identifies.length, (n) => n >= 1, 20_000);
    const before = await probeUntil(`${base}/healthz`, () => true);
    expect(before?.status).toBe(503);
    const problems = JSON.parse(before!.body).problems as string[];
    expect(problems).toContain('shard 0: not ready yet');
    expect(problems.join('\n')).toMatch(/shards: 1 of 2 started|shard 1: not ready yet/);

    discord.releaseReady();
    await eventually(() => output, (o) => /"msg":"all shards ready"/.test(o), 30_000);
    const after = await probeUntil(`${base}/healthz`, (p) => p.status === 200);
    expect(after && JSON.parse(after.body)).toEqual({ status: 'ok' });
  }, 60_000);

  it('/metrics adds up both shards: a question on each is counted twice, the knowledge once, a ping per shard', async () => {
    // The guild lives on shard 1, DMs arrive on shard 0.
    expect(discord.shardOf(discord.guildId, 2)).toBe(1);
    await discord.sendCommand('ask', { question: Q });
    await discord.sendCommand('ask', { question: Q }, { guild: false });
    const engine = await realEngine();
    const text = (await eventually(
      () => probe(`${base}/metrics`),
      (p) => sample(p?.body ?? '', METRIC.ping, { shard: '0' }) !== undefined && sample(p?.body ?? '', METRIC.ping, { shard: '1' }) !== undefined,
    ))!.body;
    expect(sample(text, METRIC.questions, { surface: 'slash', outcome: 'answered' })).toBe(2);
    expect(sample(text, `${METRIC.answerSeconds}_count`)).toBe(2);
    expect(sample(text, `${METRIC.ackSeconds}_count`)).toBe(2);
    expect(sample(text, METRIC.articles)).toBe(engine.stats.articles);
    expect(sample(text, METRIC.passages)).toBe(engine.stats.passages);
    // Each shard process's own figures, told apart by label.
    expect(sample(text, 'process_resident_memory_bytes', { shard: '0' })).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes', { shard: '1' })).toBeGreaterThan(0);
  }, 30_000);

  it('only the manager listens (the shards inherit HTTP_PORT and leave it alone); the token is in no line', () => {
    const entries = logEntries(output);
    expect(entries.filter((e) => e.msg.startsWith('health and metrics:')).map((e) => e.shard)).toEqual(['manager']);
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
    expect(output).not.toContain(TEST_TOKEN);
  });
});
