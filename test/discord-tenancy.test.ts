/**
 * Issue 15, the leak: two servers and a DM on the loopback Discord. Questions asked in each, on every
 * surface that records (slash, mention, reply, check, DM); then each server's admin sees their own
 * server's unanswered questions only, an operator (OWNER_IDS) in a DM sees them all, and /forget-me
 * takes a member's questions out of every server and DM, down to the bytes of the database files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/discord/deploy.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { openStore } from '../src/store/open.js';
import type { QuestionStore } from '../src/store/types.js';
import { replyTo, startBotOnFake, type BotOnFake } from './discord-harness.js';
import { eventually, occurrences, total } from './store-support.js';

// Questions the knowledge cannot answer (so they are gaps), each with a word of its own.
const IN_A_SLASH = 'How tall is the Quillmoor lighthouse?';
const IN_A_MENTION = 'What does the Brasswick ferry cost?';
const IN_A_CHECK = 'The Tindle orchard grows blue pears';
const IN_B_SLASH = 'When does the Orvelle bakery open?';
const IN_B_REPLY = 'and who owns the Grimsby zeppelin?';
const IN_DM = 'Where can I buy Vostrel glue?';
const MARKERS = ['Quillmoor', 'Brasswick', 'Tindle', 'Orvelle', 'Grimsby', 'Vostrel'];

let t: BotOnFake;
let store: QuestionStore;
let dataDir: string;
let guildB: string;

const gapsText = (res: any): string => (res.final.embeds?.[0] ? `${res.final.embeds[0].title}\n${res.final.embeds[0].description}` : res.final.content);
const shown = (text: string) => MARKERS.filter((m) => text.includes(m));

describe('two servers and a DM', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tenancy-data-'));
    store = await openStore({ enabled: true, dataDir });
    // OWNER_IDS names the owner of the first server: the operator.
    t = await startBotOnFake({ store, fake: { secondGuild: true }, ownerIds: (d) => [d.ownerUserId] });
    const { discord } = t;
    guildB = discord.secondGuildId!;
    const commands = await loadCommands();
    // As an admin would: in the second server too, and globally for DMs.
    await deployCommands({ token: discord.token, clientId: discord.applicationId, guildId: guildB, apiUrl: discord.restBase, commands });
    await deployCommands({ token: discord.token, clientId: discord.applicationId, apiUrl: discord.restBase, commands });

    const member = discord.memberUserId;
    await discord.sendCommand('ask', { question: IN_A_SLASH }, { userId: member });
    await replyTo(discord, await discord.sendMessage(IN_A_MENTION, { mentionBot: true, userId: member }));
    const claim = await discord.sendMessage(IN_A_CHECK, { userId: member });
    await discord.sendMessageCommand('Check with sources', claim, { userId: member });
    const answerInB = await discord.sendCommand('ask', { question: IN_B_SLASH }, { userId: member, guildId: guildB });
    await replyTo(discord, await discord.sendMessage(IN_B_REPLY, { replyTo: answerInB.messageId!, userId: member, guildId: guildB }));
    await replyTo(discord, await discord.sendMessage(IN_DM, { dm: true, userId: member }));
    await store.flush();
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("an admin of the second server sees its questions, and none of the first server's nor any DM's", async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.secondAdminUserId, guildId: guildB });
    expect(res.final.flags & 64).toBe(64);
    expect(shown(gapsText(res))).toEqual(['Orvelle', 'Grimsby']);
  });

  it("an admin of the first server sees its questions, asked by slash command, mention and message command, and none of the second's", async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.adminUserId });
    expect(shown(gapsText(res))).toEqual(['Quillmoor', 'Brasswick', 'Tindle']);
  });

  it("an operator running /gaps in a server sees that server's questions only", async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.ownerUserId, guildId: guildB });
    expect(shown(gapsText(res))).toEqual(['Orvelle', 'Grimsby']);
  });

  it('an operator in a DM with the bot sees every server\'s and every DM\'s, each saying where it was asked', async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.ownerUserId, guild: false });
    const text = gapsText(res);
    expect(shown(text)).toEqual(MARKERS);
    expect(text).toMatch(/every server and DM/);
    expect(text).toMatch(/asked in China LLM Watch \(\d+\)/);
    expect(text).toMatch(/asked in Model Makers Club \(\d+\)/);
    expect(text).toMatch(/asked in a DM/);
  });

  it('a server admin who is not an operator gets nothing in a DM', async () => {
    const res = await t.discord.sendCommand('gaps', {}, { userId: t.discord.adminUserId, guild: false });
    expect(res.final.content).toMatch(/Only server admins/);
    expect(shown(JSON.stringify(res.final))).toEqual([]);
  });

  it("/forget-me in one server removes the member's questions from every server and DM, and their text from every file of the database", async () => {
    expect(total(occurrences(dataDir, 'Vostrel'))).toBeGreaterThan(0);
    const res = await t.discord.sendCommand('forget-me', {}, { userId: t.discord.memberUserId, guildId: guildB });
    expect(res.final.content).toMatch(/deleted 6 records/);
    const all = await t.discord.sendCommand('gaps', {}, { userId: t.discord.ownerUserId, guild: false });
    expect(shown(gapsText(all))).toEqual([]);
    const left = await eventually(() => MARKERS.map((m) => total(occurrences(dataDir, m))), (n) => n.every((x) => x === 0), 5000);
    expect(left).toEqual(MARKERS.map(() => 0));
    expect(t.discord.violations).toEqual([]);
  });
});
