/** Command registration: one bulk PUT of valid command JSON, to the guild route or the global one. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { commandsJson, deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { TEST_TOKEN } from './discord-harness.js';

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

function puts(fake: FakeDiscord) {
  return fake.requests.filter((r) => r.method === 'PUT');
}

/** Runs the compiled `npm run deploy-commands` entry point with the given environment. */
function runDeployCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = new URL('../dist/src/discord/deploy-commands.js', import.meta.url).pathname;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('deploy-commands', () => {
  it('PUTs the five commands to the guild route when a guild is given, and globally otherwise', async () => {
    discord = await startFakeDiscord({ token: TEST_TOKEN });
    const commands = await loadCommands();
    const base = { token: discord.token, clientId: discord.applicationId, apiUrl: discord.restBase, commands };

    const guild = await deployCommands({ ...base, guildId: discord.guildId });
    expect(guild).toEqual({ scope: 'guild', names: ['ask', 'Check with sources', 'forget-me', 'gaps', 'help', 'reload', 'search', 'source', 'sources'] });
    const global = await deployCommands(base);
    expect(global.scope).toBe('global');

    const [guildPut, globalPut] = puts(discord);
    expect(guildPut!.path).toBe(`/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`);
    expect(globalPut!.path).toBe(`/applications/${discord.applicationId}/commands`);
    for (const put of [guildPut!, globalPut!]) {
      expect(put.headers['content-type']).toMatch(/^application\/json/);
      expect(put.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
      expect(put.body).toEqual(JSON.parse(JSON.stringify(commandsJson(commands))));
      expect(put.status).toBe(200);
    }
    const ask = globalPut!.body.find((c: { name: string }) => c.name === 'ask');
    expect(ask).toMatchObject({
      description: expect.any(String),
      contexts: [0, 1],
      options: [{ type: 3, name: 'question', required: true, max_length: 300, autocomplete: true }],
    });
    expect(discord.commands().global.map((c) => c.name).sort()).toEqual(['Check with sources', 'ask', 'forget-me', 'gaps', 'help', 'reload', 'search', 'source', 'sources']);
    // The fake validates every body against Discord's API description; nothing may be flagged.
    expect(discord.violations).toEqual([]);
  });

  it(
    'the compiled CLI registers in the guild from the environment, and fails in one line on a bad token',
    async () => {
      expect(existsSync(new URL('../dist/src/discord/deploy-commands.js', import.meta.url)), 'run "npm run build" first (npm test does)').toBe(true);
      discord = await startFakeDiscord({ token: TEST_TOKEN });
      const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: discord.applicationId, DISCORD_API_URL: discord.restBase };
      const ok = await runDeployCli({ ...env, DISCORD_GUILD_ID: discord.guildId });
      expect(ok).toMatchObject({ code: 0, stderr: '' });
      expect(ok.stdout).toBe(`Registered 9 commands in server ${discord.guildId}: /ask, "Check with sources" (message menu), /forget-me, /gaps, /help, /reload, /search, /source, /sources\n`);
      expect(discord.commands().guild).toHaveLength(9);

      const wrongToken = TEST_TOKEN.replace(/.$/, 'X');
      const bad = await runDeployCli({ ...env, DISCORD_TOKEN: wrongToken });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^deploy-commands failed: Discord rejected DISCORD_TOKEN \(401\)/);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).not.toContain(wrongToken);
    },
  );
});
