/**
 * Mutable state of the fake: stored messages, registered application commands, dispatched
 * interactions and their responses, and the gateway echo of message events (with the intent and
 * MESSAGE_CONTENT rules Discord applies).
 */
import { EventEmitter } from 'node:events';
import { type ApiUser, buildMessage, type Fixtures, Intents, snowflake } from './fixtures.js';
import type { Gateway, Session } from './gateway.js';
import type { RecordedRequest } from './server.js';

export interface ResolvedOptions {
  token: string;
  shards: number;
  heartbeatIntervalMs: number;
  maxConcurrency: number;
  interactionDeadlineMs: number;
  responseTimeoutMs: number;
  echoBotMessages: boolean;
  deniedIntents: number;
}

export interface PendingInteraction {
  id: string;
  token: string;
  /** 2 = APPLICATION_COMMAND, 3 = MESSAGE_COMPONENT, 4 = APPLICATION_COMMAND_AUTOCOMPLETE */
  type: 2 | 3 | 4;
  /** For a component interaction: the message whose component was used (UPDATE_MESSAGE edits it). */
  messageId?: string;
  name: string;
  user: ApiUser;
  guildId: string | null;
  channelId: string;
  /** Option type of the focused option (autocomplete), if the command is registered. */
  focusedType?: number;
  dispatchedAt: number;
  callback: { type: number; data?: any } | null;
  callbackRequest: RecordedRequest | null;
  originalMessageId: string | null;
  followupIds: string[];
  /** Every REST request made with this interaction's id or token (keeps growing after resolution). */
  requests: RecordedRequest[];
  /** 'callback' (callback), 'visible' ({ message, request }) for content-bearing messages/edits. */
  events: EventEmitter;
}

export type StoredCommand = Record<string, any> & { id: string; name: string; type: number };

function stripUndefined<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export class State {
  readonly messages = new Map<string, Record<string, any>>();
  readonly globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();
  readonly interactions = new Map<string, PendingInteraction>();

  constructor(readonly f: Fixtures, readonly gateway: Gateway, readonly opts: ResolvedOptions) {}

  /**
   * Forgets the interactions that have been answered (their callback came) and every stored
   * message; interactions still waiting for their callback are kept, so they can still be answered.
   */
  forgetHistory(): void {
    for (const [id, p] of this.interactions) if (p.callback) this.interactions.delete(id);
    this.messages.clear();
  }

  /** Attach a recorded request to the interaction its path names (callback by id+token, webhook by token). */
  associate(rec: RecordedRequest): void {
    const m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(rec.path) ?? /^\/webhooks\/\d+\/([^/]+)(?:\/|$)/.exec(rec.path);
    if (!m) return;
    const p = m.length === 3 ? this.interactions.get(m[1]!) : this.byToken(m[1]!);
    if (p && (m.length !== 3 || p.token === m[2]) && !p.requests.includes(rec)) p.requests.push(rec);
  }

  byToken(token: string): PendingInteraction | undefined {
    for (const p of this.interactions.values()) if (p.token === token) return p;
    return undefined;
  }

  /** A registered command by name and type (1 chat input, 2 user, 3 message): that guild's commands first, then global ones. */
  findCommand(name: string, guildId: string | null, type = 1): StoredCommand | undefined {
    const guild = guildId ? (this.guildCommands.get(guildId) ?? []) : [];
    return [...guild, ...this.globalCommands].find((c) => c.name === name && (c.type ?? 1) === type);
  }

  commandList(guildId: string | null): StoredCommand[] {
    if (!guildId) return this.globalCommands;
    let list = this.guildCommands.get(guildId);
    if (!list) this.guildCommands.set(guildId, (list = []));
    return list;
  }

  /** Store a validated command body (ids are kept stable by name + type, as Discord does). */
  toStored(body: Record<string, any>, guildId: string | null, previous: StoredCommand[]): StoredCommand {
    const type = body.type ?? 1;
    const old = previous.find((c) => c.name === body.name && c.type === type);
    const dmp = body.default_member_permissions;
    return stripUndefined({
      id: old?.id ?? snowflake(),
      application_id: this.f.applicationId,
      version: snowflake(),
      default_member_permissions: dmp == null ? null : String(dmp),
      type,
      name: body.name,
      name_localizations: body.name_localizations ?? undefined,
      description: body.description ?? '',
      description_localizations: body.description_localizations ?? undefined,
      ...(guildId ? { guild_id: guildId } : { dm_permission: body.dm_permission ?? true }),
      contexts: body.contexts ?? (guildId ? null : [0, 1, 2]),
      integration_types: body.integration_types ?? [0],
      options: body.options ?? undefined,
      nsfw: body.nsfw ?? false,
    });
  }

  /** Users mentioned in content as <@id> / <@!id> (known users only). */
  mentionsIn(content: string): ApiUser[] {
    const out: ApiUser[] = [];
    for (const m of content.matchAll(/<@!?(\d{17,20})>/g)) {
      const u = this.f.users.get(m[1]!);
      if (u && !out.some((x) => x.id === u.id)) out.push(u);
    }
    return out;
  }

  /** Build and store a bot-authored message from a (validated) request body. */
  botMessage(body: Record<string, any>, files: string[], init: { channelId: string; guildId: string | null; type?: number; flags?: number; webhook?: boolean; interaction?: PendingInteraction; id?: string }): Record<string, any> {
    const content = typeof body.content === 'string' ? body.content : '';
    const p = init.interaction;
    const msg = buildMessage({
      id: init.id,
      channelId: init.channelId,
      author: this.f.botUser,
      content,
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments: files.map((name, i) => ({ id: snowflake(), filename: `${name.replace(/\W/g, '')}-${i}.bin`, size: 1, url: 'https://cdn.discordapp.com/attachments/0/0/file.bin', proxy_url: 'https://media.discordapp.net/attachments/0/0/file.bin' })),
      mentions: this.mentionsIn(content),
      mentionRoles: [...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!),
      mentionEveryone: /@(everyone|here)\b/.test(content) && (body.allowed_mentions?.parse ?? ['everyone']).includes('everyone'),
      flags: init.flags ?? body.flags ?? 0,
      type: init.type ?? 0,
      tts: body.tts === true,
      nonce: body.nonce ?? undefined,
      poll: body.poll ?? undefined,
      ...(init.webhook ? { webhookId: this.f.applicationId, applicationId: this.f.applicationId } : {}),
      ...(p ? {
        interactionMetadata: {
          id: p.id, type: p.type, user: p.user, name: p.name, command_type: 1,
          authorizing_integration_owners: p.guildId ? { 0: p.guildId } : { 1: p.user.id },
        },
      } : {}),
    });
    this.messages.set(msg.id, msg);
    return msg;
  }

  /**
   * Apply an edit body to a stored message (only the fields present are changed). Fields are
   * replaced, never mutated in place: the "visible" snapshots of earlier states are shallow copies.
   */
  applyEdit(msg: Record<string, any>, body: Record<string, any>, files: string[]): void {
    if ('content' in body) {
      msg.content = body.content ?? '';
      msg.mentions = this.mentionsIn(msg.content);
    }
    if ('embeds' in body) msg.embeds = (body.embeds ?? []).map((e: object) => ({ type: 'rich', ...e }));
    if ('components' in body) msg.components = body.components ?? [];
    if ('attachments' in body || files.length) msg.attachments = [...(body.attachments ?? []), ...files.map(() => ({ id: snowflake(), filename: 'file.bin', size: 1, url: 'https://cdn.discordapp.com/attachments/0/0/file.bin', proxy_url: 'https://media.discordapp.net/attachments/0/0/file.bin' }))];
    if (typeof body.flags === 'number') msg.flags = (msg.flags & 64) | body.flags;
    msg.flags &= ~128; // an edit ends the "thinking..." (LOADING) state
    msg.edited_timestamp = new Date().toISOString();
  }

  /**
   * Dispatch MESSAGE_CREATE / MESSAGE_UPDATE for a message on the shard owning its guild (shard 0
   * for DMs), honouring GUILD_MESSAGES / DIRECT_MESSAGES and MESSAGE_CONTENT like Discord: without
   * MESSAGE_CONTENT, content/embeds/attachments/components are empty unless the message is a DM,
   * mentions the bot, or was written by the bot. Returns false if nothing was dispatched.
   */
  deliverMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', msg: Record<string, any>, guildId: string | null, session?: Session): boolean {
    const s = session ?? this.gateway.sessionFor(guildId);
    if (!s) return false;
    const dm = guildId === null;
    if (!(s.intents & (dm ? Intents.DirectMessages : Intents.GuildMessages))) return false;
    const botId = this.f.botUserId;
    const visible = dm || (s.intents & Intents.MessageContent) !== 0 || msg.author.id === botId ||
      (msg.mentions as ApiUser[]).some((u) => u.id === botId);
    const d: Record<string, any> = {
      ...msg,
      ...(guildId ? { guild_id: guildId, ...(msg.webhook_id ? {} : { member: this.f.member(msg.author.id, false, guildId) }) } : {}),
      channel_type: dm ? 1 : 0,
    };
    if (!visible) Object.assign(d, { content: '', embeds: [], attachments: [], components: [] });
    this.gateway.dispatch(s, t, d);
    return true;
  }

  /** Gateway echo of something the bot did (skipped for ephemeral messages or when disabled). */
  echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE', msg: Record<string, any>): void {
    if (!this.opts.echoBotMessages || (msg.flags & 64) !== 0) return;
    const guildId = this.f.guildOfChannel(msg.channel_id)?.id ?? null;
    if (t !== 'MESSAGE_DELETE') {
      this.deliverMessage(t, msg, guildId);
      return;
    }
    const s = this.gateway.sessionFor(guildId);
    if (s && s.intents & (guildId ? Intents.GuildMessages : Intents.DirectMessages)) {
      this.gateway.dispatch(s, t, { id: msg.id, channel_id: msg.channel_id, ...(guildId ? { guild_id: guildId } : {}) });
    }
  }

  /** Which known channel an id is: a guild's text channel (with its guild), a DM channel (with its user), or none. */
  channelKind(id: string): { kind: 'guild'; guildId: string } | { kind: 'dm'; userId: string } | null {
    const guild = this.f.guildOfChannel(id);
    if (guild) return { kind: 'guild', guildId: guild.id };
    for (const [userId, ch] of this.f.dmChannels) if (ch === id) return { kind: 'dm', userId };
    return null;
  }
}
