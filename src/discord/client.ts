import { ChannelManager, Client, GatewayIntentBits, Options, Partials, type CacheFactory, type ClientOptions } from 'discord.js';
import { DEFAULT_DM_CHANNEL_CACHE_SIZE, DmChannelCache } from './dm-channel-cache.js';

export interface ClientSettings {
  /** REST base (e.g. a REST proxy or the test bed); the gateway URL then comes from its GET /gateway/bot. */
  apiUrl?: string | undefined;
  /** DM channels kept cached at most, the least recently used dropped first (default 1,000). */
  dmChannelCacheSize?: number | undefined;
}

/**
 * The one place a discord.js Client is made, so every surface inherits the same safety defaults.
 *
 * - Intents: Guilds, GuildMessages, DirectMessages. Not the privileged MessageContent: Discord still
 *   delivers the content of messages that mention the bot and of DMs, which is all we read.
 * - Partials.Channel: DM channels are not cached, and without it DM messages are dropped.
 * - At most `dmChannelCacheSize` DM channels cached (dm-channel-cache.ts): discord.js would keep the
 *   DM channel of every person who ever wrote to the bot (about 0.7 KB each: 36 MB for 50,000).
 * - allowedMentions: nothing parsed and no reply ping, as the CLIENT DEFAULT, so no reply anywhere
 *   can ping @everyone, a role or a user, even if echoed text contains one.
 * - No message cache: the bot answers the message in hand and never looks one up later, and
 *   every reply it posts comes back over the gateway; caching them would only cost memory and time.
 * - No user or member cache beyond the bot's own: every interaction and message carries its
 *   author (and member, with the resolved permissions) and the bot reads them from there, never
 *   from client.users or guild.members. Cached, every asker would stay in memory for good, and a
 *   busy bot's heap (and GC time) would grow with its audience. The bot's own user and member are
 *   kept: discord.js uses them (client.user, guild.members.me).
 */
export function createBotClient(settings: ClientSettings = {}, extra: Partial<ClientOptions> = {}): Client {
  const limits = Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
  });
  const dmChannels = settings.dmChannelCacheSize ?? DEFAULT_DM_CHANNEL_CACHE_SIZE;
  // discord.js's typings leave ChannelManager out of the cache factory's types (a TODO there).
  const makeCache = ((managerType, holds, manager) =>
    (managerType as unknown) === ChannelManager ? new DmChannelCache(dmChannels) : limits(managerType, holds, manager)) as CacheFactory;
  return new Client({
    makeCache,
    ...extra,
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    // After `extra` on purpose: no caller can switch the no-ping default off.
    allowedMentions: { parse: [], repliedUser: false },
    rest: { ...extra.rest, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) },
  });
}
