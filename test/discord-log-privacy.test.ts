/**
 * Issue 15, item 12, as `npm start` runs: the hashing secret is STORE_SECRET (no file is made, and it
 * is never logged), and by default (LOG_USER_IDS=hashed) a log line names a user by the same hash the
 * store keeps for them, never by their Discord id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { userHash } from '../src/store/secret.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';
import { TEST_TOKEN } from './discord-harness.js';
import { eventually } from './store-support.js';
import { logEntries } from './support/log-lines.js';
import { botEnvironment, stopProcess } from './support/child-process.js';

const bot = new URL('../dist/src/discord/bot.js', import.meta.url);
const SECRET = 'operator-chosen-secret-5f2c9a';

let discord: FakeDiscord;
let child: ChildProcess;
let output = '';
let dataDir: string;

describe('what the log says about users', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'log-privacy-'));
    discord = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 1000 });
    await deployCommands({ token: TEST_TOKEN, clientId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.restBase, commands: await loadCommands() });
    child = spawn(process.execPath, [bot.pathname], {
      cwd: tmpdir(),
      env: botEnvironment(discord, {
        DATA_DIR: dataDir,
        STORE_SECRET: SECRET,
      }),
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await eventually(() => output, (o) => /bot ready/.test(o), 20_000);
  }, 30_000);

  afterAll(async () => {
    await stopProcess(child);
    await discord?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names a user by the hash the store keeps for them, and never by id; the secret is in no file and no log line', async () => {
    const member = discord.memberUserId;
    await discord.sendCommand('ask', { question: 'How tall is the Quillmoor lighthouse?' }, { userId: member });
    const refused = await discord.sendCommand('gaps', {}, { userId: member }); // logged, with who asked
    expect(refused.final.content).toMatch(/Only server admins/);

    const stored = await eventually(
      () => {
        const db = new Database(join(dataDir, 'questions.db'));
        try {
          return (db.prepare('SELECT user_hash FROM questions').get() as { user_hash: string } | undefined)?.user_hash;
        } finally {
          db.close();
        }
      },
      (h) => h !== undefined,
    );
    expect(stored).toBe(userHash(SECRET, member));
    await eventually(() => output, (o) => /\/gaps refused/.test(o));
    const refusedLine = logEntries(output).find((e) => e.msg === '/gaps refused: not an admin');
    expect(refusedLine).toMatchObject({ level: 'info', userHash: stored, command: 'gaps', guildId: discord.guildId });
    expect(refusedLine).not.toHaveProperty('userId');
    expect(output).not.toContain(member);
    expect(output).not.toContain(SECRET);
    expect(existsSync(join(dataDir, 'questions.secret'))).toBe(false);
  });
});
