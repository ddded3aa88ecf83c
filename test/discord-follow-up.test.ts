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
