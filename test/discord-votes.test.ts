/**
 * Issue 15, item 7: a vote counts only from a vote custom_id of the expected shape, carried by the
 * message clicked, for a question that is recorded; anything else gets a notice only the clicker
 * sees, and nothing posted in the channel. A custom_id that is not a string does not break the handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionStore } from '../src/store/types.js';
import { type BotOnFake, startBotWithStore, voteIds, type BotWithStore } from './discord-harness.js';

const Q = 'How many LLMs did China release in 2023?';
const STALE = /That button no longer does anything/;

let dataDir: string;
let store: QuestionStore;
let t: BotOnFake;

const idOf = (customId: string) => customId.split(':')[2]!;
const channelPosts = () => t.discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).length;

describe('votes', () => {
  let running: BotWithStore;
  beforeAll(async () => {
    running = await startBotWithStore('votes-data-');
    ({ bot: t, store, dataDir } = running);
  });
  afterAll(() => running?.close());

  it('a made-up question id of the right shape gets a private notice and is not stored', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    const before = channelPosts();
    const forged = 'vote:up:AAAAAAAAAAAAAAAA';
    const click = await t.discord.forgeButtonClick(res.messageId!, forged, { userId: t.discord.adminUserId });
    expect(click.callback.type).toBe(4);
    expect(click.final.flags & 64).toBe(64);
    expect(click.final.content).toMatch(STALE);
    expect(await store.votes('AAAAAAAAAAAAAAAA')).toEqual({ up: 0, down: 0 });
    expect(channelPosts()).toBe(before);
  });

  it("another answer's vote button clicked on this answer is not counted for either", async () => {
    const first = await t.discord.sendCommand('ask', { question: Q });
    const second = await t.discord.sendCommand('ask', { question: 'What is Qwen?' });
    const click = await t.discord.forgeButtonClick(first.messageId!, voteIds(second.final).down, { userId: t.discord.adminUserId });
    expect(click.final.flags & 64).toBe(64);
    expect(click.final.content).toMatch(STALE);
    expect(await store.votes(idOf(voteIds(second.final).down))).toEqual({ up: 0, down: 0 });
    expect(await store.votes(idOf(voteIds(first.final).down))).toEqual({ up: 0, down: 0 });
  });

  it('a custom_id that is not a string gets the same notice, and the bot goes on answering', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    for (const customId of [12345, { vote: 'up' }]) {
      const click = await t.discord.forgeButtonClick(res.messageId!, customId);
      expect(click.final.flags & 64).toBe(64);
      expect(click.final.content).toMatch(STALE);
    }
    expect(t.logs.join('\n')).not.toMatch(/button failed/);
    expect((await t.discord.sendCommand('ask', { question: Q })).final.embeds[0]).toBeDefined();
  });

  it("a vote on an answer whose question was deleted (/forget-me) is acknowledged quietly, then not counted, and the clicker is told privately", async () => {
    const res = await t.discord.sendCommand('ask', { question: Q }, { userId: t.discord.memberUserId });
    await t.discord.sendCommand('forget-me', {}, { userId: t.discord.memberUserId });
    const before = channelPosts();
    const up = voteIds(res.final).up;
    const click = await t.discord.clickButton(res.messageId!, up, { userId: t.discord.adminUserId });
    expect(click.callback).toEqual({ type: 6 });
    const notice = await t.discord.waitForRequest((r) => r.method === 'POST' && r.path.startsWith('/webhooks/') && r.path.includes(click.token));
    expect(notice.body.flags & 64).toBe(64);
    expect(notice.body.content).toMatch(/wasn't counted: this answer's question is no longer recorded/);
    expect(await store.votes(idOf(up))).toEqual({ up: 0, down: 0 });
    expect(channelPosts()).toBe(before);
    expect(t.discord.violations).toEqual([]);
  });

  it('a vote on a recorded question still counts, with no notice at all', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    const click = await t.discord.clickButton(res.messageId!, voteIds(res.final).up, { userId: t.discord.adminUserId });
    expect(click.callback).toEqual({ type: 6 });
    expect(await store.votes(idOf(voteIds(res.final).up))).toEqual({ up: 1, down: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.discord.requests.filter((r) => r.path.includes(click.token) && r.method === 'POST' && r.path.startsWith('/webhooks'))).toEqual([]);
  });
});
