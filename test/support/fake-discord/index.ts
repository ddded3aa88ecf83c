/**
 * A Discord API test double served on 127.0.0.1: REST under /api/v10 and a JSON gateway on the same
 * port. A real, unmodified discord.js Client talks to it through its normal code paths:
 *
 *   const discord = await startFakeDiscord({ heartbeatIntervalMs: 1000 });
 *   const client = new Client({ intents, partials: [Partials.Channel], rest: { api: discord.restBase } });
 *   await client.login(discord.token);
 *
 * Beyond the core API (sendCommand, sendAutocomplete, sendMessage, waitForRequest, failNext,
 * dropConnections, requests, identifies, resumes, violations, forgetHistory, close) it offers:
 *   - options heartbeatIntervalMs (41250), maxConcurrency (16, reported by GET /gateway/bot),
 *     interactionDeadlineMs (3000: later callbacks get 404 Unknown interaction), responseTimeoutMs
 *     (10000: how long sendCommand/sendAutocomplete wait), echoBotMessages (true: the bot's own
 *     messages come back as MESSAGE_CREATE/UPDATE/DELETE, like on Discord), deniedIntents (0:
 *     intent bits whose IDENTIFY is closed with 4014 "Disallowed intents").
 *   - ctx extras: sendCommand/sendAutocomplete { locale, timeoutMs, settleMs, forged } (settleMs: report the
 *     latest visible state once no edit/followup came for that long; forged: option values sent as
 *     given, unchecked); sendAutocomplete { options }
 *     (the other, already filled options); sendMessage { replyTo: messageId, mentionRepliedUser }.
 *     Command names may be "cmd sub" / "cmd group sub" for subcommands.
 *   - ownerUserId, botRoleId, gatewayUrl, fixtures (all fixture data), messages (every stored
 *     message by id), commands() (registered global / guild commands), sessions (gateway sessions),
 *     dispatch(t, d, guildId|null) (raw dispatch to the owning shard), shardOf(guildId, count).
 *   - RecordedRequest also has status, response, files, injected, violations.
 *
 * Violations are recorded for: request bodies/queries/headers that do not match Discord's API
 * description (unknown keys included), any non-2xx answer that was not injected by failNext
 * (unknown routes, 401, Unknown Interaction, acknowledged twice, late callback, ...), and gateway
 * protocol errors (prefixed "GATEWAY").
 */
import { EventEmitter } from 'node:events';
import { buildMessage, Fixtures, randomToken, shardOf, snowflake } from './fixtures.js';
import { Gateway, type Identify, type Session } from './gateway.js';
import { specialPayload, type Special } from './components.js';
import { buildInteractionPayload, buildOptions, type InteractionContext, type InteractionResult, type OptionValue, waitForResult } from './interactions.js';
import { buildRoutes } from './routes.js';
import { type Failure, type RecordedRequest, RestServer } from './server.js';
import { type PendingInteraction, type ResolvedOptions, State, type StoredCommand } from './state.js';

export type { RecordedRequest, InteractionResult, InteractionContext, Identify, Session, StoredCommand, Failure };
export { shardOf, snowflake };

export interface FakeDiscordOptions {
  /** Reported by GET /gateway/bot (default 1). */
  shards?: number;
  /** Accepted bot token (default 'test-token.abc.def'). */
  token?: string;
  heartbeatIntervalMs?: number;
  maxConcurrency?: number;
  interactionDeadlineMs?: number;
  responseTimeoutMs?: number;
  echoBotMessages?: boolean;
  deniedIntents?: number;
  /** Hold READY after IDENTIFY until `releaseReady()`. */
  holdReady?: boolean;
  /** A second guild the bot is in, with its own channel, roles and admin (`secondGuildId`, `secondAdminUserId`). */
  secondGuild?: boolean;
}

export interface MessageContext {
  userId?: string;
  dm?: boolean;
  bot?: boolean;
  mentionBot?: boolean;
  mentionEveryone?: boolean;
  mentionRoles?: string[];
  /** Make it a reply to this message id (type 19, message_reference + referenced_message). */
  replyTo?: string;
  /** With replyTo: whether the reply pings the replied-to author (default true). */
  mentionRepliedUser?: boolean;
  /** Which guild's channel (default the first); ignored for a DM. */
  guildId?: string;
}

export interface FakeDiscord {
  restBase: string;
  token: string;
  applicationId: string; botUserId: string; guildId: string; channelId: string;
  adminUserId: string; memberUserId: string; roleId: string;
  ownerUserId: string; botRoleId: string; gatewayUrl: string;
  /** With `secondGuild`: the other guild and its admin (Manage Server there, not a member of the first). */
  secondGuildId: string | undefined; secondAdminUserId: string;
  requests: RecordedRequest[];
  identifies: Identify[];
  readonly resumes: number;
  violations: string[];
  fixtures: Fixtures;
  messages: Map<string, Record<string, any>>;
  sessions: Session[];
  sendCommand(name: string, options?: Record<string, OptionValue>, ctx?: InteractionContext): Promise<InteractionResult>;
  sendAutocomplete(name: string, focused: { name: string; value: string }, ctx?: InteractionContext & { options?: Record<string, OptionValue> }): Promise<InteractionResult>;
  sendMessage(content: string, ctx?: MessageContext): Promise<string>;
  /**
   * A click on a button of a stored message (MESSAGE_COMPONENT, type 3), as `ctx.userId` (default the
   * member). The button must be on the message, and not a link button (those open a URL, no interaction).
   */
  clickButton(messageId: string, customId: string, ctx?: InteractionContext): Promise<InteractionResult>;
  /**
   * A component interaction on a stored message with whatever custom_id a modified client or a
   * replayed request might send (a button that is not on that message, a made-up id, a number):
   * Discord's documented interaction shape, with data.custom_id as given.
   */
  forgeButtonClick(messageId: string, customId: unknown, ctx?: InteractionContext): Promise<InteractionResult>;
  /** A message context-menu command (APPLICATION_COMMAND type 2, data.type 3) on a stored message; it must be registered. */
  sendMessageCommand(name: string, targetMessageId: string, ctx?: InteractionContext): Promise<InteractionResult>;
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  failNext(matcher: { method: string; pathPattern: RegExp }, failure: Failure): void;
  dropConnections(code?: number): void;
  /** With `holdReady`: sends the READY held back, and every later one at once. */
  releaseReady(): void;
  commands(): { global: StoredCommand[]; guild: StoredCommand[] };
  /**
   * Forgets the history a long run piles up (benchmarks call it between slices): recorded requests,
   * answered interactions, stored messages, the users synthesised for unknown ids, and the gateway
   * replay log of connected sessions. Kept: violations, identifies, sessions, registered commands,
   * the fixed fixtures, and interactions still awaiting their callback. Call it when nothing else
   * is in flight: a webhook edit or a button click on a forgotten interaction or message fails.
   */
  forgetHistory(): void;
  dispatch(t: string, d: unknown, guildId: string | null): Promise<void>;
  shardOf(guildId: string, shardCount: number): number;
  close(): Promise<void>;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const o: ResolvedOptions = {
    token: opts.token ?? 'test-token.abc.def',
    shards: opts.shards ?? 1,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41250,
    maxConcurrency: opts.maxConcurrency ?? 16,
    interactionDeadlineMs: opts.interactionDeadlineMs ?? 3000,
    responseTimeoutMs: opts.responseTimeoutMs ?? 10_000,
    echoBotMessages: opts.echoBotMessages ?? true,
    deniedIntents: opts.deniedIntents ?? 0,
  };
  const f = new Fixtures({ secondGuild: opts.secondGuild ?? false });
  const violations: string[] = [];
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}`;
  const gateway = new Gateway({
    token: o.token, heartbeatIntervalMs: o.heartbeatIntervalMs, deniedIntents: o.deniedIntents, fixtures: f, holdReady: opts.holdReady ?? false,
    url: gatewayUrl, violation: (v) => violations.push(v),
  });
  const state = new State(f, gateway, o);
  const routes = buildRoutes(state, gatewayUrl);
  const rest = new RestServer({
    token: o.token, routes: () => routes, violation: (v) => violations.push(v),
    onUpgrade: (req, socket, head) => gateway.handleUpgrade(req, socket, head),
    onRecord: (rec) => state.associate(rec),
  });
  port = await rest.listen();

  /** `special` builds a component click or a message command instead of a chat-input command. */
  async function interact(type: 2 | 3 | 4, fullName: string, values: Record<string, OptionValue>, ctx: InteractionContext, focused?: { name: string; value: string }, special?: Special): Promise<InteractionResult> {
    const inGuild = ctx.guild !== false;
    const guild = inGuild ? f.guildById(ctx.guildId ?? f.guildId) : undefined;
    if (inGuild && !guild) throw new Error(`fake-discord: the bot is in no guild ${ctx.guildId}`);
    const user = f.user(ctx.userId ?? f.memberUserId);
    const name = special ? fullName : fullName.trim().split(/\s+/)[0]!;
    const cmd = special?.kind === 'component' ? undefined : state.findCommand(name, guild?.id ?? null, special ? 3 : 1);
    if (special?.kind === 'message-command' && !cmd) throw new Error(`fake-discord: no message command "${name}" is registered`);
    const built = special ? { options: [] } : buildOptions(f, cmd, fullName, values, focused, ctx.forged);
    const id = snowflake();
    const p: PendingInteraction = {
      id, token: randomToken(72), type, name: fullName, user, guildId: guild?.id ?? null,
      channelId: guild ? guild.channelId : f.dmChannelId(user.id), ...(built.focusedType !== undefined ? { focusedType: built.focusedType } : {}),
      dispatchedAt: 0, callback: null, callbackRequest: null, originalMessageId: null, followupIds: [], requests: [],
      events: new EventEmitter(),
      ...(special?.kind === 'component' ? { messageId: special.message.id as string } : {}),
    };
    state.interactions.set(id, p);
    const payload = buildInteractionPayload(f, p, { id: cmd?.id ?? commandIdFor(name), name }, built, ctx);
    if (special) specialPayload(payload, special, cmd?.id ?? '', guild?.id ?? null);
    const timeoutMs = ctx.timeoutMs ?? o.responseTimeoutMs;
    const session = await gateway.waitForSession(p.guildId, timeoutMs);
    const result = waitForResult(p, timeoutMs, ctx.settleMs ?? 0);
    p.dispatchedAt = Date.now();
    gateway.dispatch(session, 'INTERACTION_CREATE', payload);
    return result;
  }
  const unregisteredIds = new Map<string, string>();
  const commandIdFor = (name: string) => {
    if (!unregisteredIds.has(name)) unregisteredIds.set(name, snowflake());
    return unregisteredIds.get(name)!;
  };

  async function sendMessage(content: string, ctx: MessageContext = {}): Promise<string> {
    const author = f.user(ctx.userId ?? f.memberUserId, ctx.bot ?? false);
    const dm = ctx.dm ?? false;
    let text = content;
    const botTag = `<@${f.botUserId}>`;
    if (ctx.mentionBot && !text.includes(botTag) && !text.includes(`<@!${f.botUserId}>`)) text = `${botTag} ${text}`;
    for (const r of ctx.mentionRoles ?? []) if (!text.includes(`<@&${r}>`)) text += ` <@&${r}>`;
    if (ctx.mentionEveryone && !/@(everyone|here)\b/.test(text)) text += ' @everyone';
    const guild = dm ? undefined : f.guildById(ctx.guildId ?? f.guildId);
    if (!dm && !guild) throw new Error(`fake-discord: the bot is in no guild ${ctx.guildId}`);
    const channelId = guild ? guild.channelId : f.dmChannelId(author.id);
    const mentions = state.mentionsIn(text);
    const referenced = ctx.replyTo ? state.messages.get(ctx.replyTo) : undefined;
    if (ctx.replyTo && !referenced) throw new Error(`fake-discord: sendMessage replyTo unknown message ${ctx.replyTo}`);
    if (referenced && ctx.mentionRepliedUser !== false && !mentions.some((u) => u.id === referenced.author.id)) mentions.push(referenced.author);
    const msg = buildMessage({
      channelId, author, content: text, mentions, mentionRoles: ctx.mentionRoles ?? [],
      mentionEveryone: ctx.mentionEveryone ?? false, type: referenced ? 19 : 0, nonce: snowflake(),
      ...(referenced ? {
        messageReference: { type: 0, message_id: referenced.id, channel_id: channelId, ...(guild ? { guild_id: guild.id } : {}) },
        referencedMessage: referenced,
      } : {}),
    });
    state.messages.set(msg.id, msg);
    const guildId = guild?.id ?? null;
    const session = await gateway.waitForSession(guildId, o.responseTimeoutMs);
    state.deliverMessage('MESSAGE_CREATE', msg, guildId, session);
    return msg.id as string;
  }

  function stored(messageId: string): Record<string, any> {
    const message = state.messages.get(messageId);
    if (!message) throw new Error(`fake-discord: unknown message ${messageId}`);
    return message;
  }
  function clickButton(messageId: string, customId: string, ctx: InteractionContext = {}): Promise<InteractionResult> {
    const message = stored(messageId);
    const buttons = ((message.components ?? []) as any[]).flatMap((row) => (row.components ?? []) as any[]);
    const button = buttons.find((b) => b.custom_id === customId);
    if (!button) throw new Error(`fake-discord: message ${messageId} has no button ${JSON.stringify(customId)} (has: ${buttons.map((b) => b.custom_id ?? b.url).join(', ') || 'none'})`);
    if (button.disabled) throw new Error(`fake-discord: button ${customId} is disabled`);
    return forgeButtonClick(messageId, customId, ctx);
  }
  function forgeButtonClick(messageId: string, customId: unknown, ctx: InteractionContext = {}): Promise<InteractionResult> {
    const message = stored(messageId);
    // Clicked where the message is: its guild's channel, or a DM.
    const guild = f.guildOfChannel(message.channel_id as string);
    const where = guild ? { guild: true, guildId: guild.id } : { guild: false };
    return interact(3, String(customId), {}, { ...ctx, ...where }, undefined, { kind: 'component', message, customId });
  }
  function sendMessageCommand(name: string, targetMessageId: string, ctx: InteractionContext = {}): Promise<InteractionResult> {
    return interact(2, name, {}, ctx, undefined, { kind: 'message-command', message: stored(targetMessageId) });
  }

  const fake: FakeDiscord = {
    restBase: `http://127.0.0.1:${port}/api`,
    token: o.token,
    applicationId: f.applicationId, botUserId: f.botUserId, guildId: f.guildId, channelId: f.channelId,
    adminUserId: f.adminUserId, memberUserId: f.memberUserId, roleId: f.roleId,
    ownerUserId: f.ownerUserId, botRoleId: f.botRoleId, gatewayUrl: gatewayUrl(),
    secondGuildId: f.guilds[1]?.id, secondAdminUserId: f.secondAdminUserId,
    requests: rest.requests,
    identifies: gateway.identifies,
    get resumes() {
      return gateway.resumes;
    },
    violations,
    fixtures: f,
    messages: state.messages,
    sessions: gateway.sessions,
    sendCommand: (name, options = {}, ctx = {}) => interact(2, name, options, ctx),
    sendAutocomplete: (name, focused, ctx = {}) => interact(4, name, ctx.options ?? {}, ctx, focused),
    sendMessage,
    clickButton,
    forgeButtonClick,
    sendMessageCommand,
    waitForRequest: (pred, timeoutMs) => rest.waitForRequest(pred, timeoutMs),
    failNext: (matcher, failure) => rest.failNext(matcher, failure),
    dropConnections: (code) => gateway.drop(code),
    releaseReady: () => gateway.releaseReady(),
    commands: () => ({ global: state.globalCommands, guild: state.commandList(f.guildId) }),
    forgetHistory: () => {
      rest.requests.length = 0;
      state.forgetHistory();
      f.forgetSynthesisedUsers();
      gateway.forgetLog();
    },
    dispatch: async (t, d, guildId) => {
      gateway.dispatch(await gateway.waitForSession(guildId, o.responseTimeoutMs), t, d);
    },
    shardOf,
    close: async () => {
      await gateway.close();
      await rest.close();
    },
  };
  return fake;
}
