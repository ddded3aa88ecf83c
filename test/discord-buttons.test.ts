/**
 * 👍 / 👎 and source links under answers, through the real client on the loopback Discord, which
 * checks each component and each callback against Discord's documented shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../src/discord/start-bot.js';
import { openStore } from '../src/store/open.js';
import type { QuestionStore } from '../src/store/types.js';
import { realEngine, replyTo, type BotOnFake, startBotWithStore, voteIds, type BotWithStore } from './discord-harness.js';

const Q = 'How many LLMs did China release in 2023?';

let dataDir: string;
let store: QuestionStore;
let t: BotOnFake;

const buttons = (message: any): any[] => (message.components ?? []).flatMap((row: any) => row.components);
const questionIdOf = (customId: string) => customId.split(':')[2]!;

describe('answer buttons', () => {
  let running: BotWithStore;
  beforeAll(async () => {
    running = await startBotWithStore('buttons-data-');
    ({ bot: t, store, dataDir } = running);
  });
  afterAll(() => running?.close());

  it('an answer carries 👍 / 👎 and a link to each cited source that has a URL', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    const all = buttons(res.final);
    const { up, down } = voteIds(res.final);
    expect(all.filter((b) => b.emoji?.name === '👍' || b.emoji?.name === '👎').map((b) => b.custom_id)).toEqual([up, down]);
    const answer = (await realEngine()).answer(Q);
    const urls = [...new Set(answer.citations.map((c) => c.url).filter(Boolean))];
    expect(urls.length).toBeGreaterThan(0);
    expect(all.filter((b) => b.style === 5).map((b) => b.url)).toEqual(urls);
    expect(t.discord.violations).toEqual([]);
  });

  it('counts one 👍 per person, lets a person change it, and answers each click quietly', async () => {
    const { discord } = t;
    const res = await discord.sendCommand('ask', { question: Q });
    const { up, down } = voteIds(res.final);
    const id = questionIdOf(up);
    const posts = () => discord.requests.filter((r) => r.method === 'POST' && /\/(messages|webhooks\/)/.test(r.path)).length;
    const before = posts();

    const click = await discord.clickButton(res.messageId!, up, { userId: discord.memberUserId });
    expect(click.callback).toEqual({ type: 6 });
    await discord.clickButton(res.messageId!, up, { userId: discord.memberUserId });
    expect(await store.votes(id)).toEqual({ up: 1, down: 0 });

    await discord.clickButton(res.messageId!, up, { userId: discord.adminUserId });
    expect(await store.votes(id)).toEqual({ up: 2, down: 0 });
    await discord.clickButton(res.messageId!, down, { userId: discord.memberUserId });
    expect(await store.votes(id)).toEqual({ up: 1, down: 1 });

    expect(posts()).toBe(before); // no new message anywhere
    expect(discord.violations).toEqual([]);
  });

  it('mention replies carry the buttons too; a declined question gets none', async () => {
    const { discord } = t;
    const asked = await discord.sendMessage(Q, { mentionBot: true });
    const reply = await replyTo(discord, asked);
    expect(voteIds(reply.body).up).toMatch(/^vote:up:/);
    const declined = await discord.sendCommand('ask', { question: 'What is the capital of France?' });
    expect(buttons(declined.final)).toEqual([]);
  });

  it('the buttons of an answer still work after the bot restarted', async () => {
    const { discord } = t;
    const res = await discord.sendCommand('ask', { question: Q });
    const { down } = voteIds(res.final);
    await t.bot.stop();
    await store.close();
    store = await openStore({ enabled: true, dataDir });
    const again = await startBot({
      config: { token: discord.token, clientId: discord.applicationId, apiUrl: discord.restBase, rateLimit: { max: 1000, windowSeconds: 30 } },
      engine: () => t.engine,
      store,
    });
    t.bot = again;
    const click = await discord.clickButton(res.messageId!, down, { userId: discord.memberUserId });
    expect(click.callback.type).toBe(6);
    expect(await store.votes(questionIdOf(down))).toEqual({ up: 0, down: 1 });
  });
});
