/**
 * The maintainers' view end to end: questions asked on the loopback Discord are recorded, /gaps shows
 * what was not answered (to admins only), and `npm run gaps` reads the same database after the bot stopped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import type { QuestionStore } from '../src/store/types.js';
import { startBotOnFake, type BotOnFake, startBotWithStore, type BotWithStore } from './discord-harness.js';

const gapsCli = new URL('../dist/src/cli/gaps.js', import.meta.url);
const MISSING = 'How many employees does Moonshot AI have?';
const MISSING_REWORDED = 'How many employees work at Moonshot AI?';

let dataDir: string;
let store: QuestionStore;
let t: BotOnFake;

function runGaps(...args: string[]) {
  const run = spawnSync(process.execPath, [gapsCli.pathname, ...args], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('/gaps and npm run gaps', () => {
  let running: BotWithStore;
  beforeAll(async () => {
    running = await startBotWithStore('gaps-data-');
    ({ bot: t, store, dataDir } = running);
  });
  afterAll(() => running?.close());

  it('lists a declined question asked in other words by two people, once, with both counted; answered ones stay out', async () => {
    const { discord } = t;
    await discord.sendCommand('ask', { question: MISSING }, { userId: discord.memberUserId });
    await discord.sendCommand('ask', { question: MISSING_REWORDED }, { userId: discord.ownerUserId });
    await discord.sendCommand('ask', { question: 'What is Qwen?' }, { userId: discord.memberUserId });

    const res = await discord.sendCommand('gaps', {}, { userId: discord.adminUserId });
    expect(res.final.flags & 64).toBe(64);
    const text: string = res.final.embeds[0].description;
    expect(text).toMatch(/^\*\*2×\*\* \(2 people; declined 2/);
    expect(text).toContain(MISSING_REWORDED);
    expect(text).not.toContain('Qwen');
    expect(discord.violations).toEqual([]);
  });

  it('refuses a member without Manage Server, privately, showing nothing', async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.memberUserId });
    expect(res.final.flags & 64).toBe(64);
    expect(res.final.content).toMatch(/Only server admins/);
    expect(JSON.stringify(res.final)).not.toContain('Moonshot');
  });

  it('npm run gaps lists it from the file on disk after the bot stopped, as text and as JSON', async () => {
    await t.close();
    await store.close();
    expect(existsSync(join(dataDir, 'questions.db'))).toBe(true);
    const text = runGaps('--days', '30');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/2×\s+2 people; declined 2/);
    expect(text.stdout).toContain(MISSING_REWORDED);
    const json = runGaps('--json');
    expect(JSON.parse(json.stdout).gaps).toEqual([
      expect.objectContaining({ count: 2, people: 2, latest: MISSING_REWORDED, outcomes: { answered: 0, related: 0, declined: 2 } }),
    ]);
    expect(runGaps('--days', 'x').code).toBe(2);
  });

  it('/forget-me takes the caller out of the report, and no one else', async () => {
    // A new loopback Discord: a server (and users) of other ids.
    store = await openStore({ enabled: true, dataDir });
    t = await startBotOnFake({ store });
    const { discord } = t;
    await discord.sendCommand('ask', { question: MISSING }, { userId: discord.memberUserId });
    const before = await discord.sendCommand('gaps', {}, { userId: discord.adminUserId });
    expect(before.final.embeds[0].description).toMatch(/^\*\*1×\*\* \(1 person/); // this server's only
    await store.flush();
    expect(runGaps('--json').stdout).toContain('"count":3,"people":3');
    const res = await discord.sendCommand('forget-me', {}, { userId: discord.memberUserId });
    expect(res.final.flags & 64).toBe(64);
    expect(res.final.content).toMatch(/deleted 1 record /);
    const after = await discord.sendCommand('gaps', {}, { userId: discord.adminUserId });
    expect(after.final.embeds[0].description).toMatch(/^Every question in this period was answered/);
    expect(JSON.parse(runGaps('--json').stdout).gaps).toEqual([expect.objectContaining({ count: 2, people: 2, latest: MISSING_REWORDED })]);
  });
});
