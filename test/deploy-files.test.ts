/**
 * Issue 18, item 3: the deploy files are checked as far as this machine allows. The systemd unit
 * with `systemd-analyze verify`; the Dockerfile by running its steps (npm ci, the runtime-only
 * install, the copies) in a temporary folder per stage, then the image's CMD against the loopback
 * Discord and its HEALTHCHECK command against the running bot. No Docker daemon is needed.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { TEST_TOKEN } from './discord-harness.js';
import { eventually } from './store-support.js';
import { list, runDockerfile } from './support/dockerfile.js';
import { startFakeDiscord } from './support/fake-discord/index.js';
import { logEntries } from './support/log-lines.js';
import { freePort } from './support/ops-probe.js';

const root = join(import.meta.dirname, '..');
const unit = join(root, 'deploy', 'china-llm-news-bot.service');
const hasSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;
const workspaces: string[] = [];
afterAll(() => {
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
}, 120_000);

describe('the systemd unit', () => {
  const text = readFileSync(unit, 'utf8');

  it('has what the README promises: restarts on failure, a dynamic user, its own state folder, a read-only system', () => {
    for (const line of ['Restart=on-failure', 'DynamicUser=yes', 'StateDirectory=china-llm-news-bot', 'ProtectSystem=strict', 'ExecStart=/usr/bin/node dist/src/discord/bot.js']) {
      expect(text.split('\n')).toContain(line);
    }
    // The state goes where systemd makes it writable; everything else is read-only.
    expect(text).toMatch(/^Environment=.*\bDATA_DIR=%S\/china-llm-news-bot\b/m);
  });

  it.skipIf(!hasSystemd)('passes systemd-analyze verify without a warning', () => {
    // verify also checks that ExecStart's program exists: Node is where this machine has it.
    const dir = mkdtempSync(join(tmpdir(), 'unit-'));
    workspaces.push(dir);
    const copy = join(dir, 'china-llm-news-bot.service');
    writeFileSync(copy, text.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `));
    const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(result.stderr.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('docker-compose.yml', () => {
  it('runs the bot from the Dockerfile with its state in a volume, and PostgreSQL only under the "postgres" profile', () => {
    const compose = YAML.parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
    expect(compose.services.bot.build).toBe('.');
    expect(compose.services.bot.volumes).toContain('bot-data:/app/data');
    expect(compose.services.bot.environment.DATA_DIR).toBe('/app/data');
    expect(compose.services.bot.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(compose.services.bot.profiles).toBeUndefined();
    expect(compose.services.postgres.profiles).toEqual(['postgres']);
  });
});

describe('the Dockerfile, run step by step without Docker', () => {
  it('builds, installs only the runtime dependencies, starts with its CMD and reports healthy through its HEALTHCHECK', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'dockerfile-'));
    workspaces.push(workspace);
    // The build context as a fresh clone would have it: what git tracks (and this change's files).
    const context = join(workspace, 'context');
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f && existsSync(join(root, f)));
    for (const file of tracked) cpSync(join(root, file), join(context, file), { recursive: true });

    const npmEnv = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
    const stages = runDockerfile(context, workspace, { env: npmEnv });
    const image = stages.at(-1)!;
    expect(stages.map((s) => s.from)).toEqual(['node:20-slim', 'node:20-slim', 'node:20-slim']);
    expect(image.user).toBe('node');
    expect(image.volumes).toEqual(['/app/data', '/app/knowledge']);
    const app = join(image.root, 'app');
    expect(list(app)).toEqual(['data', 'dist', 'knowledge', 'node_modules', 'package.json']);
    // Only what runs: no compiler, no test runner, no sources.
    for (const dev of ['typescript', 'vitest', '@vitest']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'discord.js'))).toBe(true);
    expect(list(join(app, 'dist'))).toEqual(['commands', 'english-words.txt', 'src']);

    const discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500 });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
    const port = await freePort();
    // As the README runs it: the image's environment, then `--env-file .env` made from
    // .env.example (its empty values blank the image's), with the container's paths mapped into
    // this stage's folder and the port on loopback (in a container: 0.0.0.0:8080).
    const envFile = Object.fromEntries(
      readFileSync(join(root, '.env.example'), 'utf8').split('\n').flatMap((l) => (/^\w+=/.test(l) ? [[l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]] : [])),
    );
    const inImage = (path: string | undefined) => (path ? join(image.root, path) : path);
    const merged: Record<string, string> = { ...image.env, ...envFile };
    const env = {
      ...merged,
      PATH: process.env.PATH ?? '',
      DATA_DIR: inImage(merged.DATA_DIR) ?? '',
      KNOWLEDGE_DIR: inImage(merged.KNOWLEDGE_DIR) ?? '',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_CLIENT_ID: discord.applicationId,
      DISCORD_API_URL: discord.restBase,
    };
    const [command, ...args] = image.cmd!;
    const bot = spawn(command === 'node' ? process.execPath : command!, args, { cwd: app, env });
    let output = '';
    bot.stdout.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const healthcheck = () => {
      const [hc, ...hcArgs] = image.healthcheck!.cmd;
      return spawnSync(hc === 'node' ? process.execPath : hc!, hcArgs, { env, timeout: 10_000 }).status;
    };
    try {
      await eventually(() => output, (o) => /"msg":"bot ready"/.test(o), 30_000);
      expect(await eventually(healthcheck, (status) => status === 0, 10_000)).toBe(0);
      expect(image.healthcheck!.options).toMatch(/--start-period=\d+s/);
      const entries = logEntries(output); // JSON lines (LOG_FORMAT=json in the image)
      expect(entries.filter((e) => e.level === 'error' || e.level === 'warn')).toEqual([]);
      // The state in the image's /app/data volume, whether DATA_DIR says so or is left empty.
      expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining([`questions: recording to ${join(app, 'data')}, kept 90 days`, 'bot ready']));
      const answer = await discord.sendCommand('ask', { question: 'How many LLMs did China release in 2023?' });
      expect(answer.final.embeds[0].description).toMatch(/\[1\]/);
    } finally {
      const exited = new Promise((resolve) => bot.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
      await discord.close();
    }
    // SIGTERM stops the bot, and then the health check fails: a supervisor sees it.
    expect(healthcheck()).toBe(1);
  }, 300_000);
});
