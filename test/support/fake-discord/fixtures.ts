/**
 * Fixture data for the fake Discord: snowflakes, users, the guild (roles, members, channel), DM
 * channels, and builders for the message / interaction objects the gateway dispatches.
 * Shapes follow Discord API v10 as discord.js 14 parses them.
 */
import { randomBytes } from 'node:crypto';

export const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A snowflake for the given time (default now); 18-19 digits, like real ids. */
export function snowflake(ms: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Which shard a guild lives on: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export function randomToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const Perm = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

const EVERYONE_PERMS =
  Perm.CreateInstantInvite | Perm.AddReactions | Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks |
  Perm.AttachFiles | Perm.ReadMessageHistory | Perm.UseExternalEmojis | Perm.ChangeNickname |
  Perm.UseApplicationCommands | Perm.CreatePublicThreads | Perm.SendMessagesInThreads;
const MOD_PERMS = Perm.ManageGuild | Perm.ManageMessages;
const BOT_PERMS =
  Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles | Perm.ReadMessageHistory |
  Perm.AddReactions | Perm.UseExternalEmojis | Perm.SendMessagesInThreads;
/** What Discord reports as app_permissions in a DM with the bot. */
export const DM_APP_PERMISSIONS =
  Perm.AddReactions | Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles |
  Perm.ReadMessageHistory | Perm.MentionEveryone | Perm.UseExternalEmojis | Perm.UseApplicationCommands;

export function makeUser(id: string, username: string, opts: { bot?: boolean; globalName?: string | null } = {}) {
  return {
    id,
    username,
    global_name: opts.bot ? null : (opts.globalName ?? username),
    discriminator: opts.bot ? '4821' : '0', // bots keep a 4-digit tag; users have migrated to '0'
    avatar: null,
    bot: opts.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    primary_guild: null,
  };
}
export type ApiUser = ReturnType<typeof makeUser>;

function role(id: string, name: string, position: number, permissions: bigint, extra: Record<string, unknown> = {}) {
  return {
    id, name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, position, permissions: permissions.toString(),
    managed: false, mentionable: false, flags: 0, ...extra,
  };
}

/** One server the bot is in: its text channel, its roles (a moderators role with Manage Server, the bot's role) and members. */
export interface GuildFixture {
  id: string;
  name: string;
  channelId: string;
  ownerId: string;
  modRoleId: string;
  botRoleId: string;
  members: Map<string, { roles: string[]; joined_at: string }>;
}

/**
 * Everything the fake knows about its guilds and its users. Ids are fixed per instance. The first
 * guild is always there; a second one (`secondGuild`) has its own channel, roles and an admin of its
 * own (`secondAdminUserId`, who is not in the first), so tests can tell servers apart.
 */
export class Fixtures {
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly adminUserId: string;
  readonly memberUserId: string;
  readonly ownerUserId: string;
  readonly roleId: string;
  readonly botRoleId: string;
  readonly createdAt = new Date(Date.UTC(2024, 0, 15)).toISOString();
  readonly users = new Map<string, ApiUser>();
  readonly dmChannels = new Map<string, string>(); // userId -> DM channel id
  readonly guildMembers = new Map<string, { roles: string[]; joined_at: string }>();
  /** Every guild the bot is in: the first, and the second when asked for. */
  readonly guilds: GuildFixture[];
  readonly secondAdminUserId: string;

  constructor(options: { secondGuild?: boolean } = {}) {
    // Fixed, realistic ids. (guild_id >> 22) is odd, so with 2 shards the guild lives on shard 1.
    const base = Date.UTC(2023, 2, 1);
    this.applicationId = snowflake(base + 1000);
    this.botUserId = snowflake(base + 2000);
    this.guildId = snowflake(base + 3001);
    this.channelId = snowflake(base + 4000);
    this.roleId = snowflake(base + 5000);
    this.botRoleId = snowflake(base + 5500);
    this.ownerUserId = snowflake(base + 6000);
    this.adminUserId = snowflake(base + 7000);
    this.memberUserId = snowflake(base + 8000);
    this.users.set(this.botUserId, makeUser(this.botUserId, 'NewsBot', { bot: true }));
    this.users.set(this.ownerUserId, makeUser(this.ownerUserId, 'owner'));
    this.users.set(this.adminUserId, makeUser(this.adminUserId, 'admin', { globalName: 'Admin' }));
    this.users.set(this.memberUserId, makeUser(this.memberUserId, 'member', { globalName: 'Member' }));
    const joined = this.createdAt;
    this.guildMembers.set(this.ownerUserId, { roles: [], joined_at: joined });
    this.guildMembers.set(this.botUserId, { roles: [this.botRoleId], joined_at: joined });
    this.guildMembers.set(this.adminUserId, { roles: [this.roleId], joined_at: joined });
    this.guildMembers.set(this.memberUserId, { roles: [], joined_at: joined });
    this.guilds = [{
      id: this.guildId, name: 'China LLM Watch', channelId: this.channelId, ownerId: this.ownerUserId,
      modRoleId: this.roleId, botRoleId: this.botRoleId, members: this.guildMembers,
    }];
    this.secondAdminUserId = snowflake(base + 7002);
    if (options.secondGuild) {
      this.users.set(this.secondAdminUserId, makeUser(this.secondAdminUserId, 'admin-b', { globalName: 'Admin B' }));
      const second: GuildFixture = {
        // (guild_id >> 22) is even: with 2 shards this one lives on shard 0.
        id: snowflake(base + 3002), name: 'Model Makers Club', channelId: snowflake(base + 4002), ownerId: this.secondAdminUserId,
        modRoleId: snowflake(base + 5002), botRoleId: snowflake(base + 5502), members: new Map(),
      };
      second.members.set(this.botUserId, { roles: [second.botRoleId], joined_at: joined });
      second.members.set(this.secondAdminUserId, { roles: [second.modRoleId], joined_at: joined });
      second.members.set(this.memberUserId, { roles: [], joined_at: joined });
      this.guilds.push(second);
    }
  }

  /** A guild the bot is in, by id. */
  guildById(id: string | null | undefined): GuildFixture | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** The guild a channel belongs to (undefined for a DM channel or an unknown id). */
  guildOfChannel(channelId: string): GuildFixture | undefined {
    return this.guilds.find((g) => g.channelId === channelId);
  }

  private g(guildId: string): GuildFixture {
    const found = this.guildById(guildId);
    if (!found) throw new Error(`fake-discord: the bot is in no guild ${guildId}`);
    return found;
  }

  /** Forgets the users (and their members and DM channels) synthesised for unknown ids; the fixed ones stay. */
  forgetSynthesisedUsers(): void {
    const fixed = new Set([this.botUserId, this.ownerUserId, this.adminUserId, this.memberUserId, this.secondAdminUserId]);
    for (const id of this.users.keys()) if (!fixed.has(id)) this.users.delete(id);
    for (const g of this.guilds) for (const id of g.members.keys()) if (!fixed.has(id)) g.members.delete(id);
    for (const id of this.dmChannels.keys()) if (!fixed.has(id)) this.dmChannels.delete(id);
  }

  get botUser(): ApiUser {
    return this.users.get(this.botUserId)!;
  }

  /** A known user, or a synthesised one for an unknown id (or a new id when none is given). */
  user(id?: string, bot = false): ApiUser {
    const uid = id ?? snowflake();
    let u = this.users.get(uid);
    if (!u) {
      u = makeUser(uid, `${bot ? 'somebot' : 'user'}${uid.slice(-5)}`, { bot });
      this.users.set(uid, u);
    }
    return u;
  }

  roles(guildId = this.guildId) {
    const g = this.g(guildId);
    return [
      role(g.id, '@everyone', 0, EVERYONE_PERMS),
      role(g.modRoleId, 'Moderators', 2, MOD_PERMS, { mentionable: true }),
      role(g.botRoleId, 'NewsBot', 1, BOT_PERMS, { managed: true, tags: { bot_id: this.botUserId } }),
    ];
  }

  channel(includeGuildId = true, guildId = this.guildId) {
    const g = this.g(guildId);
    return {
      id: g.channelId, type: 0, ...(includeGuildId ? { guild_id: g.id } : {}), name: 'general',
      position: 0, permission_overwrites: [], topic: null, nsfw: false, last_message_id: null,
      rate_limit_per_user: 0, parent_id: null, last_pin_timestamp: null, flags: 0,
    };
  }

  dmChannelId(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  dmChannel(userId: string) {
    return { id: this.dmChannelId(userId), type: 1, last_message_id: null, flags: 0, recipients: [this.user(userId)] };
  }

  /** Guild member object; unknown users become plain members on first use. */
  member(userId: string, withUser = true, guildId = this.guildId) {
    const members = this.g(guildId).members;
    let m = members.get(userId);
    if (!m) {
      m = { roles: [], joined_at: new Date().toISOString() };
      members.set(userId, m);
    }
    return {
      ...(withUser ? { user: this.user(userId) } : {}),
      nick: null, avatar: null, banner: null, roles: [...m.roles], joined_at: m.joined_at, premium_since: null,
      deaf: false, mute: false, pending: false, flags: 0, communication_disabled_until: null,
    };
  }

  /** Guild-level permissions of a member (no channel overwrites exist in the fixture). */
  permissionsOf(userId: string, guildId = this.guildId): bigint {
    const g = this.g(guildId);
    if (userId === g.ownerId) return ALL_PERMISSIONS;
    const roles = this.roles(guildId);
    const memberRoles = g.members.get(userId)?.roles ?? [];
    let perms = BigInt(roles[0]!.permissions);
    for (const r of roles) if (memberRoles.includes(r.id)) perms |= BigInt(r.permissions);
    return perms & Perm.Administrator ? ALL_PERMISSIONS : perms;
  }

  guild(guildId = this.guildId) {
    const g = this.g(guildId);
    return {
      id: g.id, name: g.name, icon: null, icon_hash: null, splash: null, discovery_splash: null,
      owner_id: g.ownerId, afk_channel_id: null, afk_timeout: 300, widget_enabled: false,
      widget_channel_id: null, verification_level: 1, default_message_notifications: 1,
      explicit_content_filter: 2, roles: this.roles(guildId), emojis: [], features: [], mfa_level: 0,
      application_id: null, system_channel_id: g.channelId, system_channel_flags: 0, rules_channel_id: null,
      max_presences: null, max_members: 500000, vanity_url_code: null, description: null, banner: null,
      premium_tier: 0, premium_subscription_count: 0, preferred_locale: 'en-US', public_updates_channel_id: null,
      max_video_channel_users: 25, max_stage_video_channel_users: 50, nsfw_level: 0, stickers: [],
      premium_progress_bar_enabled: false, safety_alerts_channel_id: null, incidents_data: null,
    };
  }

  /** The GUILD_CREATE dispatch payload (guild + gateway-only fields). */
  guildCreate(guildId = this.guildId) {
    const members = [...this.g(guildId).members.keys()].map((id) => this.member(id, true, guildId));
    return {
      ...this.guild(guildId), joined_at: this.createdAt, large: false, unavailable: false, member_count: members.length,
      voice_states: [], members, channels: [this.channel(false, guildId)], threads: [], presences: [],
      stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], lazy: true,
      application_command_counts: {}, embedded_activities: [], activity_instances: [],
    };
  }
}

export interface MessageInit {
  id?: string;
  channelId: string;
  guildId?: string;
  author: ApiUser;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: unknown[];
  mentions?: ApiUser[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  flags?: number;
  type?: number;
  tts?: boolean;
  nonce?: string | number;
  messageReference?: Record<string, unknown>;
  referencedMessage?: unknown;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: unknown;
  poll?: unknown;
}

/** A message object as the REST API returns it (and, plus member/guild_id, as MESSAGE_CREATE carries it). */
export function buildMessage(m: MessageInit): Record<string, any> {
  return {
    id: m.id ?? snowflake(),
    channel_id: m.channelId,
    ...(m.guildId ? { guild_id: m.guildId } : {}),
    author: m.author,
    content: m.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: m.tts ?? false,
    mention_everyone: m.mentionEveryone ?? false,
    mentions: m.mentions ?? [],
    mention_roles: m.mentionRoles ?? [],
    attachments: m.attachments ?? [],
    embeds: (m.embeds ?? []).map((e) => ({ type: 'rich', ...(e as object) })),
    components: m.components ?? [],
    pinned: false,
    type: m.type ?? 0,
    flags: m.flags ?? 0,
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...(m.messageReference ? { message_reference: m.messageReference } : {}),
    ...(m.referencedMessage !== undefined ? { referenced_message: m.referencedMessage } : {}),
    ...(m.webhookId ? { webhook_id: m.webhookId } : {}),
    ...(m.applicationId ? { application_id: m.applicationId } : {}),
    ...(m.interactionMetadata ? { interaction_metadata: m.interactionMetadata } : {}),
    ...(m.poll ? { poll: m.poll } : {}),
  };
}
