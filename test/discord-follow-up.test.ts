/**
 * Follow-ups on the loopback Discord through the real client: replies to an answer (mention or /ask)
 * and DMs take the previous subject; the same words with no earlier question do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelPosts, replyTo, startBotOnFake, type BotOnFake } from './discord-harness.js';

const FIRST = 'What is Qwen?';
const FOLLOW_UP = 'who made it?';
const CARRIED = 'who made Qwen?';

let t: BotOnFake;
const embedOf = (request: { body: any }) => request.body.embeds[0];
const said = (embed: any) => JSON.stringify(embed).replace(/\*\*/g, '');

describe('follow-ups', () => {
  beforeAll(async () => {
    t = await startBotOnFake();
  });
  afterAll(async () => t?.close());

  it('a reply to a mention answer is answered on its subject; the same words alone are not', async () => {
    const { discord } = t;
    const first = await replyTo(discord, await discord.sendMessage(FIRST, { mentionBot: true }));
    const answerId = (first.response as { id: string }).id;
    const followUp = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: answerId })));
    expect(followUp.title).toBe(CARRIED);
    expect(said(followUp)).toMatch(/Qwen.*Alibaba/);

    const alone = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { mentionBot: true })));
    expect(alone.title).toBe(FOLLOW_UP);
    expect(said(alone)).toContain("I couldn't find that in my sources");
    expect(alone.fields.map((f: { name: string }) => f.name)).not.toContain('Sources');
    expect(discord.violations).toEqual([]);
  });

  it('a reply to an /ask answer follows it too, and a reply with its own subject starts afresh', async () => {
    const { discord } = t;
    const asked = await discord.sendCommand('ask', { question: FIRST });
    const followUp = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: asked.messageId! })));
    expect(followUp.title).toBe(CARRIED);
    const fresh = embedOf(await replyTo(discord, await discord.sendMessage('What is DeepSeek?', { replyTo: asked.messageId! })));
    expect(fresh.title).toBe('What is DeepSeek?');
  });

  it('a reply that is not a question ("thanks!") gets no answer', async () => {
    const { discord } = t;
    const asked = await discord.sendCommand('ask', { question: FIRST });
    const before = channelPosts(discord, discord.channelId).length;
    await discord.sendMessage('thanks!', { replyTo: asked.messageId! });
    const sentinel = await discord.sendMessage(FIRST, { mentionBot: true });
    await replyTo(discord, sentinel);
    expect(channelPosts(discord, discord.channelId).slice(before).map((r) => r.body.message_reference?.message_id)).toEqual([sentinel]);
  });

  it('a reply to closest passages, a decline or a check follows its subject too', async () => {
    const { discord } = t;
    const related = await discord.sendCommand('ask', { question: 'Is Qwen better than GPT-4?' });
    expect(related.final.embeds[0].author?.name).toMatch(/closest passages/);
    const afterRelated = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: related.messageId! })));
    expect(afterRelated.title).toBe('who made Qwen GPT-4?');

    const declined = await discord.sendCommand('ask', { question: 'How many employees does Moonshot AI have?' });
    expect(declined.final.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(['Try']);
    const afterDeclined = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: declined.messageId! })));
    expect(afterDeclined.title).toBe('who made Moonshot AI?');

    const claim = await discord.sendMessage('Qwen is a model family.', {});
    const check = await discord.sendMessageCommand('Check with sources', claim);
    const afterCheck = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: check.messageId! })));
    expect(afterCheck.title).toMatch(/^who made Qwen\b/);
    expect(discord.violations).toEqual([]);
  });

  // The bot's other messages have titles too ("About this bot", "Sources: 5 articles, …", "Search: …",
  // "Your question" for a question that had no words): none of them is a subject to follow up on.
  it.each([
    ['/help', () => t.discord.sendCommand('help')],
    ['/sources', () => t.discord.sendCommand('sources')],
    ['/search', () => t.discord.sendCommand('search', { query: 'Qwen' })],
    ['an /ask with nothing to ask', () => t.discord.sendCommand('ask', { question: '<@123456789012345678>' })],
  ])('a reply to %s is answered on its own words', async (_name, send) => {
    const { discord } = t;
    const sent = await send();
    expect(sent.final.embeds[0].title).toBeTruthy();
    const reply = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { replyTo: sent.messageId! })));
    expect(reply.title).toBe(FOLLOW_UP);
    expect(said(reply)).toContain("I couldn't find that in my sources");
    expect(discord.violations).toEqual([]);
  });

  it('in a DM, the next question follows the previous one; without one it is answered alone', async () => {
    const { discord } = t;
    const asker = discord.adminUserId;
    await replyTo(discord, await discord.sendMessage(FIRST, { dm: true, userId: asker }));
    const followUp = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { dm: true, userId: asker })));
    expect(followUp.title).toBe(CARRIED);
    expect(said(followUp)).toMatch(/Qwen.*Alibaba/);

    const newcomer = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { dm: true, userId: discord.ownerUserId })));
    expect(newcomer.title).toBe(FOLLOW_UP);
    expect(said(newcomer)).toContain("I couldn't find that in my sources");
  });
});

describe('follow-ups in DMs with FOLLOW_UP_MINUTES=0', () => {
  it('are off: each DM question stands alone', async () => {
    const bot = await startBotOnFake({ followUpMinutes: 0 });
    try {
      const { discord } = bot;
      await replyTo(discord, await discord.sendMessage(FIRST, { dm: true }));
      const second = embedOf(await replyTo(discord, await discord.sendMessage(FOLLOW_UP, { dm: true })));
      expect(second.title).toBe(FOLLOW_UP);
    } finally {
      await bot.close();
    }
  });
});
