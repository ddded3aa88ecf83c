/**
 * When Discord refuses the bot for good (a rejected token, a fatal gateway close), the compiled
 * `npm start` entry point, run as a child process against the loopback Discord, ends with a
 * non-zero code and one line saying what to do. Restarting could not help, and a supervisor must
 * not mistake it for a clean stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GatewayIntentBits } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRefusal } from '../src/discord/refusals.js';
import { logText } from './support/log-lines.js';
import { TEST_TOKEN, startBotOnFake } from './discord-harness.js';
import { botEnvironment } from './support/child-process.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './support/fake-discord/index.js';

const botJs = new URL('../dist/src/discord/bot.js', import.meta.url);

interface Run {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exit: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

let discord: FakeDiscord | undefined;
let run: Run | undefined;
afterEach(async () => {
  if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  await run?.exit;
  await discord?.close();
  run = undefined;
  discord = undefined;
});

async function startBotProcess(fake: FakeDiscordOptions, token = TEST_TOKEN): Promise<Run> {
  discord = await startFakeDiscord({ heartbeatIntervalMs: 1000, token: TEST_TOKEN, ...fake });
  const child = spawn(process.execPath, [botJs.pathname], {
    cwd: tmpdir(), // no .env: everything comes from this environment
    env: botEnvironment(discord, { STORE_QUESTIONS: 'false' }, token),
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const onData = () => listeners.forEach((l) => l());
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), onData()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), onData()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    exit,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout + stderr)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`the bot never printed ${pattern}:\n${stdout}${stderr}`)), timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

/** The error lines of the bot's output (warnings such as "gateway closed" are not advice). */
function errorLines(stdout: string): string[] {
  return logText(stdout).filter((l) => l.startsWith('ERROR '));
}

describe('Discord refuses the bot', () => {
  beforeAll(() => {
    if (!existsSync(botJs)) throw new Error(`${botJs.pathname} is missing: run "npm run build" first (npm test does)`);
  });

  it('a token Discord rejects (401) at start-up: the deploy-commands line, exit 1', async () => {
    const wrong = 'MTEyMzQ1Njc4OTAxMjM0NTY3OQ.GzyxWv.zyxwvutsrqponmlkjihgfedcba9876543210ZY';
    run = await startBotProcess({}, wrong);
    expect(await run.exit).toBe(1);
    const { stdout, stderr } = run.output();
    expect(stderr).toBe('');
    expect(errorLines(stdout)).toEqual([
      expect.stringMatching(/ERROR cannot start the bot: Discord rejected DISCORD_TOKEN \(401\); reset the token in the Developer Portal .* update DISCORD_TOKEN/),
    ]);
    expect(stdout).not.toContain(wrong);
    expect(stdout).not.toContain(wrong.split('.')[0]);
  }, 30_000);

  it('4004 while running (the token was reset): one line to reset the token, exit 1', async () => {
    run = await startBotProcess({});
    await run.waitFor(/"msg":"bot ready"/);
    discord!.dropConnections(4004);
    expect(await run.exit).toBe(1);
    const { stdout, stderr } = run.output();
    expect(stderr).toBe('');
    expect(errorLines(stdout)).toEqual([
      expect.stringMatching(/ERROR Discord closed the gateway \(shard 0\) with 4004, authentication failed: .*reset the token .* update DISCORD_TOKEN/),
    ]);
    expect(stdout).not.toContain(TEST_TOKEN.split('.')[0]);
  }, 30_000);

  it('4014 while connecting (a privileged intent not enabled): one line naming the fix, exit 1', async () => {
    run = await startBotProcess({ deniedIntents: GatewayIntentBits.GuildMessages });
    expect(await run.exit).toBe(1);
    expect(errorLines(run.output().stdout)).toEqual([
      expect.stringMatching(/ERROR cannot start the bot: Discord closed the gateway \(shard 0\) with 4014, disallowed intents: .*enable it in the Developer Portal .* or remove it/),
    ]);
  }, 30_000);

  it('4011 while running (sharding required): one line pointing to start:sharded, exit 1', async () => {
    run = await startBotProcess({});
    await run.waitFor(/"msg":"bot ready"/);
    discord!.dropConnections(4011);
    expect(await run.exit).toBe(1);
    expect(logText(run.output().stdout).join('\n')).toMatch(/ERROR Discord closed the gateway \(shard 0\) with 4011, sharding required: .*npm run start:sharded/);
  }, 30_000);

  it('every close code after which discord.js gives up has its own advice; the others have none', () => {
    const advice = [4004, 4010, 4011, 4012, 4013, 4014].map((code) => gatewayRefusal(code, 0)?.message);
    expect(advice.every((a) => a && /; /.test(a))).toBe(true);
    expect(new Set(advice).size).toBe(6);
    for (const code of [1000, 1006, 4000, 4007, 4009]) expect(gatewayRefusal(code, 0)).toBeUndefined();
  });

  it('a short token is still redacted from the debug log', async () => {
    const t = await startBotOnFake({ fake: { token: 'abc1234' } });
    try {
      expect(t.logs.some((l) => l.includes('Provided token'))).toBe(true);
      expect(t.logs.filter((l) => l.includes('abc1234'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
