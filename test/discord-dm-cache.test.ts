/**
 * Every person who DMs the bot makes discord.js cache a DM channel; the client keeps only the most
 * recently used ones (src/discord/dm-channel-cache.ts). On the loopback Discord with the real client:
 * the cache stays bounded, guild channels stay, and a DM whose channel was dropped, even while it was
 * being answered, is still answered and still follows up. The 50,000-user heap figures come from
 * `npm run bench:dm-memory`.
 */
import { ChannelType, Collection, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { snowflake, startFakeDiscord } from './support/fake-discord/index.js';
import { replyTo, startBotOnFake, type BotOnFake } from './discord-harness.js';
import { DmChannelCache } from '../src/discord/dm-channel-cache.js';
import { sweepIdleRestQueues } from '../src/discord/rest-queues.js';

const embedOf = (request: { body: any }) => request.body.embeds[0];

let t: BotOnFake | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function dmChannelsCached(bot: BotOnFake): number {
  return bot.bot.client.channels.cache.filter((c) => c.type === ChannelType.DM).size;
}

describe('DmChannelCache', () => {
  const dm = (id: string) => ({ id, isDMBased: () => true });
  const guild = (id: string) => ({ id, isDMBased: () => false });

  it('drops the least recently used DM channel beyond its bound, and never a guild channel', () => {
    const cache = new DmChannelCache<string, { id: string; isDMBased(): boolean }>(2);
    for (let i = 0; i < 50; i++) cache.set(`g${i}`, guild(`g${i}`));
    cache.set('a', dm('a')).set('b', dm('b'));
    cache.get('a'); // a message in a's DM: b is now the least recently used
    cache.set('c', dm('c'));
    expect([...cache.keys()].filter((k) => !k.startsWith('g'))).toEqual(['a', 'c']);
    expect(cache.size).toBe(52);
    expect(cache.dmCount).toBe(2);
    cache.delete('a');
    cache.set('d', dm('d'));
    expect(cache.has('c') && cache.has('d')).toBe(true);
    // Derived collections are plain ones, bound-free (as discord.js's LimitedCollection does it).
    const dms = cache.filter((c) => c.isDMBased());
    expect(dms).toBeInstanceOf(Collection);
    expect(dms).not.toBeInstanceOf(DmChannelCache);
    cache.clear();
    expect(cache.dmCount).toBe(0);
    expect(() => new DmChannelCache(0)).toThrow(RangeError);
  });
});

describe('the DM channel cache', () => {
  it('keeps at most its bound of DM channels, however many people write, and every guild channel', async () => {
    t = await startBotOnFake({ dmChannelCacheSize: 5 });
    const { discord } = t;
    const users = Array.from({ length: 30 }, () => snowflake());
    for (const userId of users) {
      const reply = await replyTo(discord, await discord.sendMessage('What is Qwen?', { dm: true, userId }));
      expect(embedOf(reply).title).toBe('What is Qwen?');
    }
    // Slash commands in DMs make DM channels too.
    for (const userId of users.slice(0, 5)) await discord.sendCommand('help', {}, { guild: false, userId });
    expect(dmChannelsCached(t)).toBe(5);
    expect(t.bot.client.channels.cache.has(discord.channelId)).toBe(true);
    expect((t.bot.client.channels.cache as DmChannelCache<string, never>).dmCount).toBe(5);
    expect(discord.violations).toEqual([]);
  });

  it('answers, and follows up, a person whose DM channel was dropped', async () => {
    t = await startBotOnFake({ dmChannelCacheSize: 2 });
    const { discord } = t;
    const first = snowflake();
    const answer = await replyTo(discord, await discord.sendMessage('What is Qwen?', { dm: true, userId: first }));
    const firstChannel = answer.path.split('/')[2]!;
    for (let i = 0; i < 3; i++) await replyTo(discord, await discord.sendMessage('What is DeepSeek?', { dm: true, userId: snowflake() }));
    expect(t.bot.client.channels.cache.has(firstChannel)).toBe(false);

    // In the same DM within FOLLOW_UP_MINUTES …
    const followUp = await replyTo(discord, await discord.sendMessage('who made it?', { dm: true, userId: first }));
    expect(embedOf(followUp).title).toBe('who made Qwen?');
    for (let i = 0; i < 3; i++) await replyTo(discord, await discord.sendMessage('What is DeepSeek?', { dm: true, userId: snowflake() }));
    // … and as a reply to the first answer, read back from Discord through a channel made anew.
    const answerId = (answer.response as { id: string }).id;
    const replied = await replyTo(discord, await discord.sendMessage('and when?', { dm: true, userId: first, replyTo: answerId }));
    expect(embedOf(replied).title).toMatch(/^when .*Qwen/);
    expect(discord.violations).toEqual([]);
  });

  it('answers a DM whose channel is dropped while it is being answered', async () => {
    t = await startBotOnFake({ dmChannelCacheSize: 1 });
    const { discord } = t;
    const asker = snowflake();
    const answer = await replyTo(discord, await discord.sendMessage('What is Qwen?', { dm: true, userId: asker }));
    const answerId = (answer.response as { id: string }).id;
    // Reading the replied-to answer is held up (Discord says "slow down" for 300 ms) …
    discord.failNext({ method: 'GET', pathPattern: /^\/channels\/\d+\/messages\/\d+$/ }, { status: 429, retryAfter: 0.3 });
    const followUp = await discord.sendMessage('who made it?', { dm: true, userId: asker, replyTo: answerId });
    // … while someone else's DM takes the asker's place in the cache.
    const other = await discord.sendMessage('What is DeepSeek?', { dm: true, userId: snowflake() });
    await replyTo(discord, other);
    expect(discord.requests.some((r) => r.method === 'GET' && r.status === 429)).toBe(true);
    expect(embedOf(await replyTo(discord, followUp)).title).toBe('who made Qwen?');
    expect(t.logs.filter((line) => /handler failed|router failed/.test(line))).toEqual([]);
    expect(discord.violations).toEqual([]);
  });
});

describe('sweepIdleRestQueues', () => {
  it('keeps discord.js from holding a REST queue per DM answered, even at the global limit', async () => {
    const discord = await startFakeDiscord();
    // discord.js's own sweep off, and a global limit of 10 requests a second that 20 senders keep
    // used up: each answer goes to a new DM channel, so each makes a queue.
    const rest = new REST({ api: discord.restBase, globalRequestsPerSecond: 10, handlerSweepInterval: 0 }).setToken(discord.token);
    const stop = sweepIdleRestQueues(rest, 200);
    try {
      const until = Date.now() + 3500;
      let most = 0;
      const sender = async () => {
        while (Date.now() < until) {
          await rest.post(Routes.channelMessages(discord.fixtures.dmChannelId(snowflake())), { body: { content: 'an answer' } });
          // Within the limited second no queue counts as inactive, the reason discord.js's sweep keeps them all.
          if (rest.globalRemaining <= 0) expect(rest.handlers.filter((queue) => queue.inactive).size).toBe(0);
          most = Math.max(most, rest.handlers.size);
        }
      };
      await Promise.all(Array.from({ length: 20 }, sender));
      // About 35 answers went out: kept, they would be 35 queues and more; swept, those in use and a
      // second's worth of idle ones.
      expect(most).toBeLessThanOrEqual(20 + 2 * 10);
      const deadline = Date.now() + 2500;
      while (rest.handlers.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(rest.handlers.size).toBe(0);
      expect(discord.violations).toEqual([]);
    } finally {
      stop();
      await discord.close();
    }
  });
});
