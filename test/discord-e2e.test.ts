/**
 * End to end: the real bot, engine and commands against the fake Discord on 127.0.0.1.
 * Every payload the bot sends is also checked by the fake against Discord's API description
 * (`discord.violations` must stay empty).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logText } from './support/log-lines.js';
import { EXAMPLE_QUESTIONS } from '../src/discord/render/answer.js';
import { ERROR_NOTICE } from '../src/discord/render/notices.js';
import { COLORS, embedLimitViolations } from '../src/discord/render/limits.js';
import { snowflake } from './support/fake-discord/index.js';
import { channelPosts, replyTo, startBotOnFake, type BotOnFake } from './discord-harness.js';

const EPHEMERAL = 64;
const Q = 'How many LLMs did China release in 2023?';
let t: BotOnFake;

beforeAll(async () => {
  t = await startBotOnFake();
});
afterAll(async () => {
  await t?.close();
});

/** Every reply must ping nobody: the client default, visible on the wire. */
function expectNoPings(data: { allowed_mentions?: unknown }): void {
  expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
}

describe('login', () => {
  it('identifies once with Guilds, GuildMessages and DirectMessages (no MessageContent) and gets READY', () => {
    expect(t.discord.identifies).toHaveLength(1);
    expect(t.discord.identifies[0]!.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(t.bot.client.user.id).toBe(t.discord.botUserId);
    expect(t.bot.client.guilds.cache.has(t.discord.guildId)).toBe(true);
    expect(logText(t.logs).some((l) => l.includes('INFO bot ready'))).toBe(true);
    expect(t.discord.commands().guild.map((c) => c.name).sort()).toEqual(['Check with sources', 'ask', 'forget-me', 'gaps', 'help', 'reload', 'search', 'source', 'sources']);
  });
});

describe('slash commands', () => {
  it('/ask answers with an embed: the question, [n] markers, quotes and linked sources', async () => {
    const res = await t.discord.sendCommand('ask', { question: Q });
    const expected = t.engine.answer(Q);
    expect(res.callback.type).toBe(4);
    const data = res.callback.data;
    expect(data.flags ?? 0).toBe(0);
    expectNoPings(data);
    const embed = data.embeds[0];
    expect(embed.title).toBe(Q);
    expect(embed.description).toContain('[1]');
    const shown = [embed.description, ...embed.fields.map((f: { value: string }) => f.value)].join('\n').replace(/\*\*/g, '');
    for (const c of expected.citations) expect(shown).toContain(c.snippet.replace(/[*_~`|]/g, '').slice(0, 40));
    const sources = embed.fields.find((f: { name: string }) => f.name === 'Sources').value as string;
    // One line per cited article, carrying every marker that cites it.
    expect(sources.split('\n')).toHaveLength(new Set(expected.citations.map((c) => c.articleId)).size);
    for (const c of expected.citations) expect(sources).toMatch(new RegExp(`\\*\\*(\\[\\d\\] )*\\[${c.n}\\]`));
    const first = expected.citations[0]!;
    expect(sources).toContain(`[${first.title}](${first.url})`);
    expect(sources).toContain(first.publisher!);
    expect(sources).toMatch(/about \w{3} 20\d\d/);
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(t.discord.violations).toEqual([]);
  });

  it('the example questions shown in /help and after a decline are ones the engine answers', () => {
    for (const q of EXAMPLE_QUESTIONS) expect(t.engine.answer(q).answered, q).toBe(true);
  });

  it('/ask declines an off-topic question with a friendly embed that suggests /sources', async () => {
    const res = await t.discord.sendCommand('ask', { question: 'What is the capital of France?' });
    const embed = res.callback.data.embeds[0];
    expect(embed.fields[0].value).toContain('/sources');
    expect(embed.fields[0].value).toMatch(/For example: \*.+\?\*/);
    expect(res.callback.data.flags ?? 0).toBe(0);
    expect(t.discord.violations).toEqual([]);
  });

  it('/ask shows the closest passages, labelled as not an answer, when the sources may not answer', async () => {
    const question = 'how much funding has minimax raised so far';
    const expected = t.engine.answer(question);
    expect(expected.answered).toBe(false);
    expect(expected.related.length).toBeGreaterThan(0);
    const res = await t.discord.sendCommand('ask', { question });
    const data = res.callback.data;
    expectNoPings(data);
    const embed = data.embeds[0];
    expect(embed.color).toBe(COLORS.related);
    expect(embed.author.name).toMatch(/closest passages/i);
    expect(embed.description.replace(/\*\*/g, '')).toContain('My sources mention MiniMax but not its funding');
    expect(embed.description).not.toMatch(/\[1\]/); // the explanation is not presented as an answer
    const quotes = embed.fields.filter((f: { name: string }) => /^\[\d\]$/.test(f.name)).map((f: { value: string }) => f.value).join('\n');
    for (const c of expected.related) expect(quotes.replace(/\*\*/g, '')).toContain(c.snippet.replace(/[*_~`|]/g, '').slice(0, 40));
    expect(embed.fields.find((f: { name: string }) => f.name === 'Sources')).toBeDefined();
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(t.discord.violations).toEqual([]);
  });

  it('/search lists up to five passages with their sources', async () => {
    const res = await t.discord.sendCommand('search', { query: 'Ernie Bot users' });
    const hits = t.engine.search('Ernie Bot users', 5);
    const embed = res.callback.data.embeds[0];
    expect(embed.title).toBe('Search: Ernie Bot users');
    const entries = (embed.description as string).split('\n\n');
    expect(entries).toHaveLength(hits.length);
    entries.forEach((entry, i) => {
      expect(entry.startsWith(`**${i + 1}.** `)).toBe(true);
      expect(entry).toContain(hits[i]!.title);
    });
    expect(entry0Bold(entries[0]!)).toBe(true);
    expectNoPings(res.callback.data);
    expect(t.discord.violations).toEqual([]);
  });

  it('/sources lists every article, ephemeral', async () => {
    const res = await t.discord.sendCommand('sources');
    expect(res.callback.data.flags).toBe(EPHEMERAL);
    const embed = res.callback.data.embeds[0];
    const sources = t.engine.sources();
    expect(embed.title).toBe(`Sources: ${sources.length} articles, ${t.engine.stats.passages} passages`);
    for (const s of sources) expect(embed.description).toContain(s.title.slice(0, 30));
    expect(t.discord.violations).toEqual([]);
  });

  it('/help explains slash, mention and DM, ephemeral', async () => {
    const res = await t.discord.sendCommand('help', {}, { guild: false });
    expect(res.callback.data.flags).toBe(EPHEMERAL);
    const embed = res.callback.data.embeds[0];
    const howTo = embed.fields.find((f: { name: string }) => f.name === 'How to ask').value;
    expect(howTo).toContain(`<@${t.discord.botUserId}>`);
    expect(howTo).toContain('direct message');
    expect(embed.footer.text).toContain(`${t.engine.stats.articles} articles`);
    expect(t.discord.violations).toEqual([]);
  });

  it('a command left over from an older deploy gets an ephemeral note, not "interaction failed"', async () => {
    const res = await t.discord.sendCommand('translate', { text: 'hello' });
    expect(res.callback.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('/help') });
    expect(logText(t.logs).some((l) => l.includes('WARN unknown command') && l.includes('"command":"translate"'))).toBe(true);
  });

  it('autocomplete suggests names from the knowledge within 25 choices and well inside 3 s', async () => {
    const started = Date.now();
    const res = await t.discord.sendAutocomplete('ask', { name: 'question', value: 'What did Bai' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.callback.type).toBe(8);
    const choices = res.final.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('What did Baidu');
    const empty = await t.discord.sendAutocomplete('ask', { name: 'question', value: '' });
    expect(empty.final.choices.length).toBeLessThanOrEqual(25);
    expect(t.discord.violations).toEqual([]);
  });
});

function entry0Bold(entry: string): boolean {
  return /\*\*(Ernie|Bot|users)\*\*/i.test(entry);
}

describe('mentions and DMs', () => {
  it('answers a guild mention as a reply (message_reference), with the mention stripped', async () => {
    const id = await t.discord.sendMessage(Q, { mentionBot: true });
    const reply = await replyTo(t.discord, id);
    expect(reply.path).toBe(`/channels/${t.discord.channelId}/messages`);
    expect(reply.body.message_reference).toMatchObject({ message_id: id });
    expectNoPings(reply.body);
    expect(reply.body.embeds[0].title).toBe(Q);
    expect(reply.status).toBe(200);
  });

  it('ignores @everyone-only, role-only (even its own role), reply-ping-only and bot-authored messages', async () => {
    const answered = await replyTo(t.discord, await t.discord.sendMessage(Q, { mentionBot: true }));
    const botMessageId = (answered.response as { id: string }).id;
    const before = channelPosts(t.discord, t.discord.channelId).length;
    await t.discord.sendMessage(`@everyone ${Q}`, { mentionEveryone: true });
    await t.discord.sendMessage('thanks!', { replyTo: botMessageId, mentionRepliedUser: true });
    await t.discord.sendMessage(Q, { mentionRoles: [t.discord.roleId, t.discord.botRoleId] });
    await t.discord.sendMessage(Q, { mentionBot: true, bot: true, userId: snowflake() });
    // A sentinel after them: once it is answered, anything for the earlier ones would have been sent.
    const sentinel = await t.discord.sendMessage(Q, { mentionBot: true });
    await replyTo(t.discord, sentinel);
    const after = channelPosts(t.discord, t.discord.channelId).slice(before);
    expect(after.map((r) => r.body.message_reference?.message_id)).toEqual([sentinel]);
  });

  it('answers every DM as a question', async () => {
    const id = await t.discord.sendMessage('When did the US restrict exports of high-end GPUs?', { dm: true });
    const reply = await replyTo(t.discord, id);
    expect(reply.path).toBe(`/channels/${t.discord.fixtures.dmChannelId(t.discord.memberUserId)}/messages`);
    expect(reply.body.embeds[0].description).toMatch(/\[1\]/);
    expectNoPings(reply.body);
  });
});

describe('bad input', () => {
  it('an empty mention gets a short usage hint', async () => {
    const reply = await replyTo(t.discord, await t.discord.sendMessage('', { mentionBot: true }));
    expect(reply.body.content).toMatch(/^Ask me about Chinese AI models/);
    expectNoPings(reply.body);
  });

  it('a 300+ character question via mention is refused cleanly', async () => {
    const long = `${'Tell me about Baidu and Ernie Bot please '.repeat(9)}?`;
    const reply = await replyTo(t.discord, await t.discord.sendMessage(long, { mentionBot: true }));
    expect(reply.body.content).toMatch(/^That question is \d{3} characters long; please keep it to 300 or fewer\.$/);
  });

  it('markdown and mention injection is echoed escaped and pings nobody', async () => {
    const evil = `**@everyone** <@&${t.discord.roleId}> @here [click](https://evil.example) What did Baidu release?`;
    const res = await t.discord.sendCommand('ask', { question: evil });
    const title = res.callback.data.embeds[0].title as string;
    expect(title).not.toMatch(/(^|[^\\])\*\*/);
    expect(title).not.toContain('@everyone');
    expect(title).not.toMatch(/[^\\]\]\(/); // a masked link needs an unescaped ](
    expect(title).not.toContain(`<@&${t.discord.roleId}>`);
    expectNoPings(res.callback.data);
    expect(t.discord.messages.get(res.messageId!)?.mention_everyone).toBe(false);

    const reply = await replyTo(t.discord, await t.discord.sendMessage(evil, { mentionBot: true, mentionEveryone: true }));
    expectNoPings(reply.body);
    const posted = reply.response as { mention_everyone: boolean; mention_roles: string[]; mentions: unknown[] };
    expect(posted).toMatchObject({ mention_everyone: false, mention_roles: [], mentions: [] });
    expect(t.discord.violations).toEqual([]);
  });

  it('zero-width and RTL characters do not change the answer', async () => {
    const res = await t.discord.sendCommand('ask', { question: 'How many\u200B LLMs did \u202EChina\u202C release in\u2066 2023?' });
    const clean = t.engine.answer(Q);
    expect(res.callback.data.embeds[0].title).toBe(Q);
    expect(res.callback.data.embeds[0].description.replace(/\*\*/g, '')).toContain(clean.citations[0]!.snippet);
  });

  it.each([
    ['CJK', '百度的聊天机器人有多少用户?'],
    ['regex metacharacters', 'What about (GPT-4)* [a-z]+ $^ \\d{3} | .* ?'],
    ['only punctuation', '?!?.'],
    ['emoji and combining marks', 'Wha\u0301t abou\u0308t 🇨🇳 AI 🤖?'],
  ])('%s → a clean answer or a clean refusal', async (_name, question) => {
    const res = await t.discord.sendCommand('ask', { question });
    expect(res.callback.type).toBe(4);
    const embed = res.callback.data.embeds[0];
    expect(embedLimitViolations(embed)).toEqual([]);
    expect(embed.title.length).toBeGreaterThan(0);
    expect(res.callback.data.content ?? '').not.toBe(ERROR_NOTICE);
    expect(t.discord.violations).toEqual([]);
  });
});

describe('rate limit', () => {
  let limited: BotOnFake;
  beforeAll(async () => {
    limited = await startBotOnFake({ rateLimit: { max: 2, windowSeconds: 30 } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('over the limit, /ask gets an ephemeral notice with the seconds to wait', async () => {
    const userId = snowflake();
    for (let i = 0; i < 2; i++) expect((await limited.discord.sendCommand('ask', { question: Q }, { userId })).callback.data.embeds).toHaveLength(1);
    const res = await limited.discord.sendCommand('ask', { question: Q }, { userId });
    expect(res.callback.data.flags).toBe(EPHEMERAL);
    expect(res.callback.data.content).toMatch(/try again in (29|30) seconds/);
    // Others are not affected, and /help is not a question.
    expect((await limited.discord.sendCommand('ask', { question: Q })).callback.data.embeds).toHaveLength(1);
    expect((await limited.discord.sendCommand('help', {}, { userId })).callback.data.flags).toBe(EPHEMERAL);
  });

  it('mention spam gets at most one notice', async () => {
    const userId = snowflake();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await limited.discord.sendMessage(`${Q} ${i}`, { mentionBot: true, userId }));
    await replyTo(limited.discord, ids[2]!);
    const sentinel = await limited.discord.sendMessage(Q, { mentionBot: true });
    await replyTo(limited.discord, sentinel);
    const replies = channelPosts(limited.discord, limited.discord.channelId).filter((r) => ids.includes(r.body.message_reference?.message_id));
    expect(replies.map((r) => ids.indexOf(r.body.message_reference.message_id))).toEqual([0, 1, 2]);
    expect(replies[2]!.body.content).toMatch(/try again in \d+ seconds?/);
    expect(limited.discord.violations).toEqual([]);
  });

  it('refused on /ask, a person who turns to a mention or a DM is told there too, once each', async () => {
    const userId = snowflake();
    for (let i = 0; i < 3; i++) await limited.discord.sendCommand('ask', { question: Q }, { userId });
    const mentions = [await limited.discord.sendMessage(Q, { mentionBot: true, userId }), await limited.discord.sendMessage(Q, { mentionBot: true, userId })];
    const dms = [await limited.discord.sendMessage(Q, { dm: true, userId }), await limited.discord.sendMessage(Q, { dm: true, userId })];
    expect((await replyTo(limited.discord, mentions[0]!)).body.content).toMatch(/try again in \d+ seconds?/);
    expect((await replyTo(limited.discord, dms[0]!)).body.content).toMatch(/try again in \d+ seconds?/);
    // The second message on each surface gets nothing: a sentinel from another user is answered after it.
    await replyTo(limited.discord, await limited.discord.sendMessage(Q, { mentionBot: true, userId: snowflake() }));
    await replyTo(limited.discord, await limited.discord.sendMessage(Q, { dm: true, userId: snowflake() }));
    const repliedTo = limited.discord.requests.map((r) => r.body?.message_reference?.message_id);
    expect(repliedTo).not.toContain(mentions[1]);
    expect(repliedTo).not.toContain(dms[1]);
    expect(limited.discord.violations).toEqual([]);
  });
});

describe('hygiene', () => {
  it('never logs the token, even at debug level', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    const all = t.logs.join('\n');
    expect(all).not.toContain(t.discord.token);
    // Not even the part discord.js's "Provided token: id.time.*****" debug line would show.
    expect(all).not.toContain(t.discord.token.split('.')[0]);
    expect(all).toMatch(/Provided token: \[redacted\]/);
  });
});
