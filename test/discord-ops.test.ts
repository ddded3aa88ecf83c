/**
 * Issue 18, item 2, as `npm start` runs it with HTTP_PORT set, against the loopback Discord:
 * /healthz is 503 naming what is not ready until the gateway is, then 200; /metrics counts each
 * question by surface and outcome, times answers and acknowledgements, and shows the knowledge,
 * the store and the rate limit; the token is in no log line, in JSON or in readable lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { METRIC } from '../src/discord/metrics.js';
import { BotOps } from '../src/discord/ops.js';
import { NO_STORE, outcomeOf, type QuestionStore } from '../src/store/types.js';
import { TEST_TOKEN, realEngine, replyTo } from './discord-harness.js';
import { botEnvironment, stopProcess } from './support/child-process.js';
import { eventually } from './store-support.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { logEntries } from './support/log-lines.js';
import { freePort, probe, probeUntil, sample } from './support/ops-probe.js';

const bot = new URL('../dist/src/discord/bot.js', import.meta.url);
const Q = 'How many LLMs did China release in 2023?';
const MISSING = 'how much funding has minimax raised so far';
const OFF_TOPIC = 'What is a good recipe for pizza dough?';

interface Running {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

function startCompiledBot(discord: FakeDiscord, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [bot.pathname], {
    cwd: tmpdir(), // no .env: everything comes from this environment
    env: botEnvironment(discord, env),
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    child,
    output: () => output,
    stop: () => stopProcess(child),
  };
}

describe('health and metrics (HTTP_PORT), the bot as one process', () => {
  let discord: FakeDiscord;
  let running: Running;
  let dataDir: string;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ops-'));
    discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500, holdReady: true });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    running = startCompiledBot(discord, {
      HTTP_PORT: String(port),
      LOG_LEVEL: 'debug', // discord.js's own lines too, so their redaction is checked
      LOG_FORMAT: 'json',
      DATA_DIR: dataDir,
      RATE_LIMIT_MAX: '4',
      RATE_LIMIT_WINDOW_SECONDS: '600',
    });
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
    await discord?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('/healthz: 503 naming the gateway while READY has not come, 200 once it has', async () => {
    // The bot has identified; the loopback Discord holds its READY back.
    await eventually(() => discord.identifies.length, (n) => n === 1, 20_000);
    const before = await probeUntil(`${base}/healthz`, () => true);
    expect(before?.status).toBe(503);
    expect(JSON.parse(before!.body)).toEqual({ status: 'unhealthy', problems: [expect.stringMatching(/^gateway: not ready yet/)] });

    discord.releaseReady();
    const after = await probeUntil(`${base}/healthz`, (p) => p.status === 200);
    expect(after?.status).toBe(200);
    expect(JSON.parse(after!.body)).toEqual({ status: 'ok' });
    expect(after?.contentType).toBe('application/json');
  }, 30_000);

  it('/metrics counts each question by surface and outcome, and shows timings, knowledge, store, reloads and refusals', async () => {
    discord.releaseReady(); // (already, unless this test runs alone)
    await eventually(() => running.output(), (o) => /"msg":"bot ready"/.test(o), 20_000);
    const engine = await realEngine();
    const asked = [Q, MISSING, OFF_TOPIC];
    const outcomes = asked.map((q) => outcomeOf(engine.answer(q)));
    // The three outcomes a person can see, so that each label is exercised.
    expect(new Set(outcomes)).toEqual(new Set(['answered', 'related', 'declined']));
    for (const question of asked) await discord.sendCommand('ask', { question });
    await replyTo(discord, await discord.sendMessage(Q, { mentionBot: true }));
    // The fifth question of the same person within RATE_LIMIT_WINDOW_SECONDS is refused.
    const refused = await discord.sendCommand('ask', { question: Q });
    expect(refused.callback.data.content).toMatch(/try again|slow down|wait/i);
    await discord.sendCommand('reload', {}, { userId: discord.adminUserId });

    const metrics = await eventually(() => probe(`${base}/metrics`), (p) => sample(p?.body ?? '', `${METRIC.ping}`, { shard: '0' }) !== undefined);
    expect(metrics?.status).toBe(200);
    expect(metrics?.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = metrics!.body;
    for (const outcome of ['answered', 'related', 'declined']) {
      expect(sample(text, METRIC.questions, { surface: 'slash', outcome }), outcome).toBe(outcomes.filter((o) => o === outcome).length);
    }
    expect(sample(text, METRIC.questions, { surface: 'mention', outcome: 'answered' })).toBe(1);
    expect(sample(text, `${METRIC.answerSeconds}_count`)).toBe(4);
    expect(sample(text, `${METRIC.answerSeconds}_sum`)).toBeGreaterThan(0);
    // Four /ask (the refused one included) and one /reload acknowledged; the mention is a message, not an interaction.
    expect(sample(text, `${METRIC.ackSeconds}_count`)).toBe(5);
    expect(sample(text, `${METRIC.ackSeconds}_bucket`, { le: '+Inf' })).toBe(5);
    expect(sample(text, `${METRIC.ackSeconds}_sum`)).toBeGreaterThan(0);
    expect(sample(text, METRIC.ping, { shard: '0' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, METRIC.reloads, { result: 'ok' })).toBe(1);
    expect(sample(text, METRIC.refusals, { surface: 'slash' })).toBe(1);
    expect(sample(text, METRIC.articles)).toBe(engine.stats.articles);
    expect(sample(text, METRIC.passages)).toBe(engine.stats.passages);
    expect(sample(text, METRIC.queue)).toBeGreaterThanOrEqual(0);
    expect(sample(text, METRIC.failedWrites)).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  }, 30_000);

  it('answers nothing else, and listens on loopback only', async () => {
    expect((await probe(`${base}/`))?.status).toBe(404);
    const started = logEntries(running.output()).find((e) => e.msg.startsWith('health and metrics:'));
    expect(started?.msg).toBe(`health and metrics: ${base}/healthz and /metrics`);
  });

  it('the token is in no log line: every line JSON, discord.js debug lines included', () => {
    const entries = logEntries(running.output());
    expect(entries.some((e) => e.source === 'discord.js' && e.msg.includes('Provided token: [redacted]'))).toBe(true);
    expect(running.output()).not.toContain(TEST_TOKEN);
    expect(running.output()).not.toContain(TEST_TOKEN.split('.')[0]);
    expect(running.output()).not.toContain(TEST_TOKEN.split('.')[2]);
  });
});

describe('readable logs (LOG_FORMAT=pretty), no HTTP_PORT', () => {
  it('prints lines a person reads, the token in none of them, and serves nothing', async () => {
    const discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    const running = startCompiledBot(discord, { LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty', STORE_QUESTIONS: 'false' });
    try {
      await eventually(() => running.output(), (o) => /INFO.*: bot ready/.test(o), 20_000);
      const lines = running.output().split('\n').filter((l) => l.trim() !== '');
      expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
      expect(running.output()).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] DEBUG: Provided token: \[redacted\]/m);
      expect(running.output()).not.toContain(TEST_TOKEN);
      expect(running.output()).not.toContain(TEST_TOKEN.split('.')[0]);
      // No HTTP_PORT: nothing served (the endpoint is off by default).
      expect(running.output()).not.toContain('health and metrics');
    } finally {
      await running.stop();
      await discord.close();
    }
  }, 30_000);
});

describe('BotOps.health', () => {
  const engine = () => ({ stats: { articles: 3, passages: 9, aliases: 0 } }) as never;

  it('names each part that is not ready: the gateway, the knowledge, a store that cannot be written', () => {
    const down: QuestionStore = { ...NO_STORE, recording: true, available: false };
    const notLoaded = () => {
      throw new Error('loading');
    };
    expect(new BotOps({ engine: notLoaded, store: () => down }).health()).toEqual({
      ok: false,
      problems: ['gateway: not connected yet', 'engine: not loaded', 'store: not writable (the log says why)'],
    });
    expect(new BotOps({ engine, store: () => NO_STORE }).health().problems).toEqual(['gateway: not connected yet']);
    expect(new BotOps({ engine: () => ({ stats: { articles: 0, passages: 0, aliases: 0 } }) as never, store: () => undefined }).health().problems).toEqual([
      'gateway: not connected yet',
      'engine: no articles loaded',
      'store: not open yet',
    ]);
  });
});
