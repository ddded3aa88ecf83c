/**
 * Building INTERACTION_CREATE payloads (application command / autocomplete) and waiting for the
 * bot's response to one.
 */
import { DM_APP_PERMISSIONS, type Fixtures } from './fixtures.js';
import type { RecordedRequest } from './server.js';
import type { PendingInteraction, StoredCommand } from './state.js';

export type OptionValue = string | number | boolean;

export interface InteractionContext {
  /** Invoking user (default: the plain member fixture). */
  userId?: string;
  /** In a guild channel (default) or in the user's DM with the bot. */
  guild?: boolean;
  /** Which guild (default the first); with `secondGuild`, `fixtures.guilds[1].id` is the other. */
  guildId?: string;
  /** member.permissions to report (default: computed from the user's roles). */
  memberPermissions?: string;
  /** User locale (default en-US). */
  locale?: string;
  /** How long to wait for the response (default: FakeDiscordOptions.responseTimeoutMs). */
  timeoutMs?: number;
  /** After the first visible response, wait until no further edit/followup came for this long and report the latest. */
  settleMs?: number;
  /**
   * A forged interaction (a raw API call or a modified client): option values are sent as given,
   * with the registered option's type, without the checks a Discord client makes (type, choices,
   * min_value/max_value).
   */
  forged?: boolean;
}

export interface InteractionResult {
  interactionId: string;
  token: string;
  /** The accepted callback body: { type, data? }. */
  callback: { type: number; data?: any };
  /**
   * What the user ends up seeing: for types 4/5 the message object (content, embeds, flags, ...) of
   * the first content-bearing reply / edit of @original / followup (latest one if settleMs is set);
   * for autocomplete (type 8) the callback data ({ choices }); null for modals.
   */
  final: any;
  /** Every REST request made for this interaction (live: later edits/followups keep being appended). */
  requests: RecordedRequest[];
  /** Id of the message `final` is (null for autocomplete / modal). */
  messageId: string | null;
}

interface ApiOption { name: string; type: number; value?: OptionValue; focused?: boolean; options?: ApiOption[] }

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

const VALUE_CHECK: Record<number, (v: OptionValue) => boolean> = {
  3: (v) => typeof v === 'string',
  4: (v) => typeof v === 'number' && Number.isInteger(v),
  5: (v) => typeof v === 'boolean',
  10: (v) => typeof v === 'number',
};

/**
 * Build data.options (and data.resolved) for "name" or "name sub" / "name group sub". When the
 * command is registered, option names, types and required options are checked like a Discord client would.
 */
export function buildOptions(f: Fixtures, cmd: StoredCommand | undefined, fullName: string, values: Record<string, OptionValue>, focused?: { name: string; value: string }, forged = false): { options: ApiOption[]; resolved?: Record<string, any>; focusedType?: number } {
  const path = fullName.trim().split(/\s+/).slice(1);
  let defs: any[] | undefined = cmd?.options;
  const wrap: Array<{ name: string; type: number }> = [];
  for (const part of path) {
    const def = defs?.find((o) => o.name === part && (o.type === 1 || o.type === 2));
    if (cmd && !def) throw new Error(`fake-discord: /${cmd.name} has no subcommand (group) "${part}"`);
    wrap.push({ name: part, type: def?.type ?? (part === path[path.length - 1] ? 1 : 2) });
    defs = def?.options;
  }
  const resolved: Record<string, Record<string, unknown>> = {};
  const leaf: ApiOption[] = [];
  let focusedType: number | undefined;
  const entries: Array<[string, OptionValue, boolean]> = Object.entries(values).map(([k, v]) => [k, v, false]);
  if (focused) entries.push([focused.name, focused.value, true]);
  for (const [name, value, isFocused] of entries) {
    const def = defs?.find((o) => o.name === name);
    if (cmd && !def) throw new Error(`fake-discord: /${fullName} has no option "${name}" (has: ${(defs ?? []).map((o) => o.name).join(', ') || 'none'})`);
    const type: number = def?.type ?? (isFocused ? 3 : inferType(value));
    if (isFocused) focusedType = type;
    else if (forged) { /* sent as given */ }
    else if (VALUE_CHECK[type] && !VALUE_CHECK[type]!(value)) throw new Error(`fake-discord: option "${name}" of /${fullName} has type ${type}; ${JSON.stringify(value)} does not fit`);
    else if (typeof value === 'number' && ((def?.min_value !== undefined && value < def.min_value) || (def?.max_value !== undefined && value > def.max_value))) {
      throw new Error(`fake-discord: option "${name}" of /${fullName} takes ${def.min_value ?? '…'} to ${def.max_value ?? '…'}; a Discord client does not send ${value}`);
    }
    if (def?.choices && !isFocused && !forged && !def.choices.some((c: { value: unknown }) => c.value === value)) {
      throw new Error(`fake-discord: option "${name}" of /${fullName} only accepts its choices (${def.choices.map((c: { value: unknown }) => JSON.stringify(c.value)).join(', ')})`);
    }
    if (!isFocused && (type === 6 || type === 9) && f.users.has(String(value))) {
      (resolved.users ??= {})[String(value)] = f.user(String(value));
      if (f.guildMembers.has(String(value))) (resolved.members ??= {})[String(value)] = { ...f.member(String(value), false), permissions: f.permissionsOf(String(value)).toString() };
    }
    if (!isFocused && type === 7 && value === f.channelId) (resolved.channels ??= {})[f.channelId] = { id: f.channelId, name: 'general', type: 0, permissions: f.permissionsOf(f.botUserId).toString(), flags: 0, last_message_id: null, nsfw: false, parent_id: null, rate_limit_per_user: 0, topic: null, guild_id: f.guildId, position: 0 };
    if (!isFocused && (type === 8 || type === 9)) {
      const role = f.roles().find((r) => r.id === value);
      if (role) (resolved.roles ??= {})[role.id] = role;
    }
    leaf.push({ name, type, value, ...(isFocused ? { focused: true } : {}) });
  }
  if (cmd && !focused) {
    const missing = (defs ?? []).filter((o) => o.required && !(o.name in values)).map((o) => o.name);
    if (missing.length) throw new Error(`fake-discord: /${fullName} is missing required option(s) ${missing.join(', ')}`);
  }
  let options = leaf;
  for (const w of [...wrap].reverse()) options = [{ name: w.name, type: w.type, options }];
  return { options, ...(Object.keys(resolved).length ? { resolved } : {}), ...(focusedType !== undefined ? { focusedType } : {}) };
}

export function buildInteractionPayload(f: Fixtures, p: PendingInteraction, cmd: { id: string; name: string }, built: { options: ApiOption[]; resolved?: Record<string, any> }, ctx: InteractionContext): Record<string, unknown> {
  const inGuild = p.guildId !== null;
  const guildId = p.guildId ?? f.guildId;
  const memberPermissions = inGuild ? (ctx.memberPermissions ?? f.permissionsOf(p.user.id, guildId).toString()) : '';
  return {
    id: p.id,
    application_id: f.applicationId,
    type: p.type,
    data: {
      id: cmd.id, name: cmd.name, type: 1,
      ...(built.options.length ? { options: built.options } : {}),
      ...(built.resolved ? { resolved: built.resolved } : {}),
      ...(inGuild ? { guild_id: guildId } : {}),
    },
    ...(inGuild
      ? {
        guild: { id: guildId, locale: 'en-US', features: [] },
        guild_id: guildId,
        guild_locale: 'en-US',
        channel: { ...f.channel(true, guildId), permissions: memberPermissions },
        member: { ...f.member(p.user.id, true, guildId), permissions: memberPermissions },
      }
      : { channel: f.dmChannel(p.user.id), user: p.user }),
    channel_id: p.channelId,
    token: p.token,
    version: 1,
    app_permissions: (inGuild ? f.permissionsOf(f.botUserId, guildId) : DM_APP_PERMISSIONS).toString(),
    locale: ctx.locale ?? 'en-US',
    entitlements: [],
    entitlement_sku_ids: [],
    authorizing_integration_owners: { 0: inGuild ? guildId : '0' },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function describe(p: PendingInteraction, timeoutMs: number): string {
  const reqs = p.requests.map((r) => `${r.method} ${r.path} -> ${r.status}${r.violations.length ? ` [${r.violations.join('; ')}]` : ''}`);
  return `fake-discord: no ${p.type === 4 ? 'autocomplete result' : 'visible response'} to /${p.name} (interaction ${p.id}) within ${timeoutMs}ms; ` +
    `callback: ${p.callback ? JSON.stringify(p.callback) : 'none'}; requests for it:${reqs.length ? '\n  ' + reqs.join('\n  ') : ' none'}`;
}

export function waitForResult(p: PendingInteraction, timeoutMs: number, settleMs: number): Promise<InteractionResult> {
  return new Promise((resolve, reject) => {
    let settleTimer: NodeJS.Timeout | undefined;
    let latest: Record<string, any> | null = null;
    const cleanup = () => {
      clearTimeout(timer);
      clearTimeout(settleTimer);
      p.events.off('callback', onCallback);
      p.events.off('visible', onVisible);
    };
    const finish = (final: any, messageId: string | null) => {
      cleanup();
      resolve({ interactionId: p.id, token: p.token, callback: p.callback!, final, requests: p.requests, messageId });
    };
    const onCallback = (cb: { type: number; data?: any }) => {
      if (cb.type === 8) finish(cb.data ?? null, null);
      else if (cb.type !== 4 && cb.type !== 5) finish(null, null);
    };
    const onVisible = ({ message }: { message: Record<string, any> }) => {
      latest = message;
      if (settleMs <= 0) return finish(message, message.id as string);
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => finish(latest, latest!.id as string), settleMs);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(describe(p, timeoutMs)));
    }, timeoutMs);
    timer.unref();
    p.events.on('callback', onCallback);
    p.events.on('visible', onVisible);
  });
}
