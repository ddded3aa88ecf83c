import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { snowflake, startFakeDiscord, type FakeDiscord } from './support/fake-discord/index.js';

let discord: FakeDiscord | undefined;
let client: Client | undefined;

async function login(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Promise<Client> {
  const c = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.restBase },
    ...extra,
  });
  client = c;
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(fake.token);
  await ready;
  return c;
}

/** A minimal bot: /ping replies, /slow defers then edits, /pick autocompletes, mentions and DMs get replies. */
function attachBot(c: Client): void {
  c.on(Events.InteractionCreate, async (i) => {
    if (i.isAutocomplete()) {
      await i.respond([{ name: `topic ${i.options.getFocused()}`, value: 'qwen' }]);
      return;
    }
    if (!i.isChatInputCommand()) return;
    if (i.commandName === 'ping') await i.reply({ content: 'pong', allowedMentions: { parse: [] } });
    if (i.commandName === 'slow') {
      await i.deferReply();
      await i.editReply({ content: `answer for ${i.options.getString('q')}`, embeds: [{ title: 'Sources', description: 'x' }] });
    }
    if (i.commandName === 'long') await i.reply({ content: 'x'.repeat(2001) }).catch(() => undefined);
  });
  c.on(Events.MessageCreate, async (m) => {
    if (m.author.bot) return;
    if (m.channel.isDMBased() || m.mentions.has(c.user!)) await m.reply({ content: `you said: ${m.content}`, allowedMentions: { repliedUser: false } });
  });
}

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
  client = undefined;
  discord = undefined;
});

describe('fake Discord with a real discord.js Client', () => {
  it('logs in: one IDENTIFY, READY + GUILD_CREATE fill the cache', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    const c = await login(discord);
    expect(discord.identifies).toHaveLength(1);
    expect(discord.identifies[0]!.shard).toEqual([0, 1]);
    expect(discord.identifies[0]!.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(c.guilds.cache.get(discord.guildId)?.name).toBe('China LLM Watch');
    expect(c.channels.cache.get(discord.channelId)?.isTextBased()).toBe(true);
    expect(c.user?.id).toBe(discord.botUserId);
    expect(c.application?.id).toBe(discord.applicationId);
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /gateway/bot');
    await new Promise((r) => setTimeout(r, 700)); // at least one heartbeat round trip
    expect(c.ws.ping).toBeGreaterThanOrEqual(0);
    expect(discord.violations).toEqual([]);
  });

  it('answers a slash command with a type 4 callback', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    attachBot(await login(discord));
    const res = await discord.sendCommand('ping');
    expect(res.callback.type).toBe(4);
    expect(res.callback.data.content).toBe('pong');
    expect(res.final.content).toBe('pong');
    expect(res.requests[0]!.path).toBe(`/interactions/${res.interactionId}/${res.token}/callback`);
    expect(discord.violations).toEqual([]);
  });

  it('forgets its history on request, and keeps working (and counting violations) afterwards', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    attachBot(await login(discord));
    for (let i = 0; i < 3; i++) await discord.sendCommand('ping', {}, { userId: snowflake() });
    expect(discord.requests.length).toBeGreaterThan(0);
    expect(discord.messages.size).toBe(3);
    expect(discord.fixtures.users.size).toBe(4 + 3);
    expect(discord.sessions[0]!.log.length).toBeGreaterThan(0);
    discord.forgetHistory();
    expect(discord.requests).toEqual([]);
    expect(discord.messages.size).toBe(0);
    expect([...discord.fixtures.users.keys()].sort()).toEqual(
      [discord.botUserId, discord.ownerUserId, discord.adminUserId, discord.memberUserId].sort(),
    );
    expect(discord.sessions[0]!.log).toEqual([]);
    expect(discord.identifies).toHaveLength(1);
    const res = await discord.sendCommand('ping');
    expect(res.final.content).toBe('pong');
    expect(discord.requests.map((r) => r.path)).toEqual([`/interactions/${res.interactionId}/${res.token}/callback`]);
    expect(discord.violations).toEqual([]);
  });

  it('follows a deferral to the edit of @original, and serves autocomplete', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    attachBot(await login(discord));
    const res = await discord.sendCommand('slow', { q: 'deepseek' }, { userId: discord.adminUserId });
    expect(res.callback.type).toBe(5);
    expect(res.final.content).toBe('answer for deepseek');
    expect(res.final.embeds[0].title).toBe('Sources');
    expect(res.requests.map((r) => r.method)).toEqual(['POST', 'PATCH']);
    const ac = await discord.sendAutocomplete('pick', { name: 'topic', value: 'qw' });
    expect(ac.callback.type).toBe(8);
    expect(ac.final.choices).toEqual([{ name: 'topic qw', value: 'qwen' }]);
    expect(discord.violations).toEqual([]);
  });

  it('delivers a mention and records the reply with message_reference; DMs work too', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    attachBot(await login(discord));
    const id = await discord.sendMessage('what is new with qwen?', { mentionBot: true });
    const req = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${discord!.channelId}/messages`);
    expect(req.body.message_reference).toMatchObject({ message_id: id });
    expect(req.body.content).toBe(`you said: <@${discord.botUserId}> what is new with qwen?`);
    expect(req.status).toBe(200);
    const dmId = await discord.sendMessage('hello in private', { dm: true });
    const dmReq = await discord.waitForRequest((r) => r.method === 'POST' && r.body?.message_reference?.message_id === dmId);
    expect(dmReq.path).toBe(`/channels/${discord.fixtures.dmChannelId(discord.memberUserId)}/messages`);
    expect(discord.violations).toEqual([]);
  });

  it('survives a dropped connection by resuming, then still answers', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    const c = await login(discord);
    attachBot(c);
    const resumed = new Promise<void>((resolve) => c.once(Events.ShardResume, () => resolve()));
    discord.dropConnections();
    await resumed;
    expect(discord.resumes).toBe(1);
    expect(discord.identifies).toHaveLength(1);
    const res = await discord.sendCommand('ping');
    expect(res.final.content).toBe('pong');
    expect(discord.violations).toEqual([]);
  });

  it('retries the callback after a 429 and the reply still lands', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    attachBot(await login(discord));
    discord.failNext({ method: 'POST', pathPattern: /^\/interactions\/\d+\/[^/]+\/callback$/ }, { status: 429, retryAfter: 0.2 });
    const started = Date.now();
    const res = await discord.sendCommand('ping');
    expect(res.final.content).toBe('pong');
    expect(res.requests.map((r) => r.status)).toEqual([429, 204]);
    expect(res.requests[1]!.at - res.requests[0]!.at).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(discord.violations).toEqual([]);
  });

  it('identifies every shard and routes guild events to the owning one', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500, shards: 2 });
    attachBot(await login(discord, { shards: 'auto' }));
    expect(discord.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(discord.shardOf(discord.guildId, 2)).toBe(1);
    expect((await discord.sendCommand('ping')).final.content).toBe('pong');
    expect((await discord.sendCommand('ping', {}, { guild: false })).final.content).toBe('pong');
    expect(discord.violations).toEqual([]);
  });

  it('records violations: over-long content is rejected with 400, bad command names are flagged', async () => {
    discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
    const c = await login(discord);
    attachBot(c);
    await expect(discord.sendCommand('long', {}, { timeoutMs: 500 })).rejects.toThrow(/no visible response/);
    expect(discord.violations.join('\n')).toMatch(/callback: data\.content: Must be 2000 or fewer/);
    discord.violations.length = 0;
    await expect(c.application!.commands.set([{ name: 'Ask', description: '' }])).rejects.toThrow(/Invalid Form Body/);
    expect(discord.violations.join('\n')).toMatch(/must be lowercase/);
    expect(discord.violations.join('\n')).toMatch(/description must be a string of 1-100/);
  });
});
