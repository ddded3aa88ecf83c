/**
 * Bot-authenticated REST routes: gateway info, users, application, channels and messages, DMs,
 * guild reads, application commands. (Interaction routes live in routes-interactions.ts.)
 */
import { interactionRoutes } from './routes-interactions.js';
import { err, type Route, type RouteContext, type RouteResult } from './server.js';
import type { StoredCommand, State } from './state.js';
import { checkCommand, checkCommandList } from './validate-commands.js';
import { checkBooleanQuery, checkMessageBody, hasVisibleContent, isPlainObject, SNOWFLAKE } from './validate.js';

export function buildRoutes(state: State, gatewayUrl: () => string): Route[] {
  const f = state.f;
  const ok = (body: unknown): RouteResult => ({ status: 200, body });
  const route = (method: string, path: string, handler: Route['handler'], query: string[] = []): Route => ({
    method, auth: true, query, handler,
    pattern: new RegExp(`^${path.replace(/:(\w+)/g, (_, n: string) => `(?<${n}>\\d+)`)}$`),
  });
  const application = () => ({
    id: f.applicationId, name: 'NewsBot', icon: null, description: 'Answers questions about Chinese LLM news.',
    summary: '', type: null, hook: true, bot_public: true, bot_require_code_grant: false,
    verify_key: '0'.repeat(64), flags: (1 << 19) | (1 << 23), redirect_uris: [], interactions_endpoint_url: null,
    role_connections_verification_url: null, owner: f.user(f.ownerUserId), team: null, bot: f.botUser,
    approximate_guild_count: 1, approximate_user_install_count: 0, is_monetized: false, is_verified: false,
    is_discoverable: false, integration_types_config: { 0: {} }, tags: [],
  });

  function channelTarget(cid: string): { guildId: string | null } | RouteResult {
    const kind = state.channelKind(cid);
    if (!kind) return err(404, 10003, 'Unknown Channel');
    return { guildId: kind.kind === 'guild' ? kind.guildId : null };
  }
  const isResult = (v: unknown): v is RouteResult => isPlainObject(v) && typeof v.status === 'number';

  function ownMessage(ctx: RouteContext): Record<string, any> | RouteResult {
    const t = channelTarget(ctx.params.cid!);
    if (isResult(t)) return t;
    const msg = state.messages.get(ctx.params.mid!);
    return msg && msg.channel_id === ctx.params.cid ? msg : err(404, 10008, 'Unknown Message');
  }

  function createMessage(ctx: RouteContext): RouteResult {
    const cid = ctx.params.cid!;
    const t = channelTarget(cid);
    if (isResult(t)) return t;
    const kind = state.channelKind(cid);
    if (kind?.kind === 'dm' && f.users.get(kind.userId)?.bot) return err(403, 50007, 'Cannot send messages to this user');
    const body = ctx.req.body;
    const bad = ctx.check(checkMessageBody('channel-create', body, { requireVisible: true, fileCount: ctx.req.files.length }));
    if (bad) return bad;
    const ref = body.message_reference as { message_id: string; channel_id?: string; fail_if_not_exists?: boolean; type?: number } | undefined;
    const referenced = ref ? state.messages.get(ref.message_id) : undefined;
    const refOk = referenced && referenced.channel_id === cid && (!ref!.channel_id || ref!.channel_id === cid);
    if (ref && ref.type !== 1 && !refOk && ref.fail_if_not_exists !== false) {
      return ctx.check([{ path: ['message_reference'], message: `Unknown message ${ref.message_id} in channel ${cid}`, reject: true }])!;
    }
    const reply = ref && ref.type !== 1 && refOk;
    const msg = state.botMessage(body, ctx.req.files, { channelId: cid, guildId: t.guildId, type: reply ? 19 : 0 });
    if (reply) {
      msg.message_reference = { type: 0, message_id: referenced!.id, channel_id: cid, ...(t.guildId ? { guild_id: t.guildId } : {}) };
      msg.referenced_message = referenced;
      const am = body.allowed_mentions;
      if ((am ? am.replied_user === true : true) && !msg.mentions.some((u: { id: string }) => u.id === referenced!.author.id)) msg.mentions.push(referenced!.author);
    }
    ctx.after(() => state.echo('MESSAGE_CREATE', msg));
    return ok(msg);
  }

  function editMessage(ctx: RouteContext): RouteResult {
    const msg = ownMessage(ctx);
    if (isResult(msg)) return msg;
    if (msg.author.id !== f.botUserId) return err(403, 50005, 'Cannot edit a message authored by another user');
    const bad = ctx.check(checkMessageBody('channel-edit', ctx.req.body, { requireVisible: false }));
    if (bad) return bad;
    if (!hasVisibleContent({ ...msg, ...ctx.req.body }, ctx.req.files.length + msg.attachments.length)) {
      return ctx.check([{ path: [], message: 'Cannot send an empty message (the edit leaves the message empty)', reject: true, code: 50006 }])!;
    }
    state.applyEdit(msg, ctx.req.body, ctx.req.files);
    ctx.after(() => state.echo('MESSAGE_UPDATE', msg));
    return ok(msg);
  }

  function deleteMessage(ctx: RouteContext): RouteResult {
    const msg = ownMessage(ctx);
    if (isResult(msg)) return msg;
    if (msg.author.id !== f.botUserId) {
      return state.channelKind(msg.channel_id)?.kind === 'dm'
        ? err(403, 50003, 'Cannot execute action on a DM channel')
        : err(403, 50013, 'Missing Permissions');
    }
    state.messages.delete(msg.id);
    ctx.after(() => state.echo('MESSAGE_DELETE', msg));
    return { status: 204 };
  }

  function createDm(ctx: RouteContext): RouteResult {
    const body = ctx.req.body;
    const issues = [];
    if (!isPlainObject(body) || typeof body.recipient_id !== 'string' || !SNOWFLAKE.test(body.recipient_id)) {
      issues.push({ path: ['recipient_id'], message: 'recipient_id must be a snowflake string', reject: true });
    } else {
      const extra = Object.keys(body).filter((k) => !['recipient_id', 'access_tokens', 'nicks'].includes(k));
      if (extra.length) issues.push({ path: [], message: `unknown key(s) ${extra.join(', ')} (not in the API schema)`, reject: false });
    }
    const bad = ctx.check(issues);
    if (bad) return bad;
    if (!f.users.has(body.recipient_id)) return err(404, 10013, 'Unknown User');
    return ok(f.dmChannel(body.recipient_id));
  }

  // --- application commands ---
  function scope(ctx: RouteContext): StoredCommand[] | RouteResult {
    if (ctx.params.app !== f.applicationId) return err(403, 50001, 'Missing Access');
    if (ctx.params.gid && !f.guildById(ctx.params.gid)) return err(403, 50001, 'Missing Access');
    return state.commandList(ctx.params.gid ?? null);
  }
  const cmdHandlers = {
    list: (ctx: RouteContext) => {
      const list = scope(ctx);
      return isResult(list) ? list : (ctx.check(checkBooleanQuery(ctx.req.query, ['with_localizations'])) ?? ok(list));
    },
    bulk: (ctx: RouteContext) => {
      const list = scope(ctx);
      if (isResult(list)) return list;
      const bad = ctx.check(checkCommandList(ctx.req.body));
      if (bad) return bad;
      const next = (ctx.req.body as Record<string, any>[]).map((c) => state.toStored(c, ctx.params.gid ?? null, list));
      list.splice(0, list.length, ...next);
      return ok(next);
    },
    create: (ctx: RouteContext) => {
      const list = scope(ctx);
      if (isResult(list)) return list;
      const bad = ctx.check(checkCommand(ctx.req.body));
      if (bad) return bad;
      const stored = state.toStored(ctx.req.body, ctx.params.gid ?? null, list);
      const i = list.findIndex((c) => c.id === stored.id);
      if (i >= 0) list[i] = stored;
      else list.push(stored);
      return { status: i >= 0 ? 200 : 201, body: stored };
    },
    one: (ctx: RouteContext) => {
      const list = scope(ctx);
      if (isResult(list)) return list;
      const i = list.findIndex((c) => c.id === ctx.params.cmd);
      if (i < 0) return err(404, 10063, 'Unknown application command');
      if (ctx.req.method === 'GET') return ok(list[i]);
      if (ctx.req.method === 'DELETE') return (list.splice(i, 1), { status: 204 });
      const merged = { ...list[i], ...(isPlainObject(ctx.req.body) ? ctx.req.body : {}) };
      for (const k of ['id', 'application_id', 'version', 'guild_id']) delete merged[k];
      const bad = ctx.check(checkCommand(ctx.req.body).filter((x) => x.reject === false).concat(checkCommand(merged).filter((x) => x.reject)));
      if (bad) return bad;
      list[i] = state.toStored(merged, ctx.params.gid ?? null, list);
      return ok(list[i]);
    },
  };
  const cmdRoutes = (prefix: string): Route[] => [
    route('GET', `${prefix}/commands`, cmdHandlers.list, ['with_localizations']),
    route('PUT', `${prefix}/commands`, cmdHandlers.bulk),
    route('POST', `${prefix}/commands`, cmdHandlers.create),
    route('GET', `${prefix}/commands/:cmd`, cmdHandlers.one),
    route('PATCH', `${prefix}/commands/:cmd`, cmdHandlers.one),
    route('DELETE', `${prefix}/commands/:cmd`, cmdHandlers.one),
  ];

  const guildOnly = (ctx: RouteContext) => (f.guildById(ctx.params.gid) ? null : err(404, 10004, 'Unknown Guild'));
  return [
    { ...route('GET', '/gateway', () => ok({ url: gatewayUrl() })), auth: false },
    route('GET', '/gateway/bot', () => ok({
      url: gatewayUrl(), shards: state.opts.shards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: state.opts.maxConcurrency },
    })),
    route('GET', '/users/@me', () => ok({ ...f.botUser, verified: true, mfa_enabled: false, email: null, locale: 'en-US' })),
    route('GET', '/users/:uid', (ctx) => (f.users.has(ctx.params.uid!) ? ok(f.users.get(ctx.params.uid!)) : err(404, 10013, 'Unknown User'))),
    route('POST', '/users/@me/channels', createDm),
    route('GET', '/applications/@me', () => ok(application())),
    route('GET', '/oauth2/applications/@me', () => ok(application())),
    route('GET', '/channels/:cid', (ctx) => {
      const kind = state.channelKind(ctx.params.cid!);
      if (!kind) return err(404, 10003, 'Unknown Channel');
      return ok(kind.kind === 'guild' ? f.channel(true, kind.guildId) : f.dmChannel(kind.userId));
    }),
    route('POST', '/channels/:cid/messages', createMessage),
    route('GET', '/channels/:cid/messages/:mid', (ctx) => {
      const msg = ownMessage(ctx);
      return isResult(msg) ? msg : ok(msg);
    }),
    route('PATCH', '/channels/:cid/messages/:mid', editMessage),
    route('DELETE', '/channels/:cid/messages/:mid', deleteMessage),
    route('POST', '/channels/:cid/typing', (ctx) => {
      const t = channelTarget(ctx.params.cid!);
      return isResult(t) ? t : { status: 204 };
    }),
    ...['PUT', 'DELETE'].map((method): Route => ({
      method, auth: true, pattern: /^\/channels\/(?<cid>\d+)\/messages\/(?<mid>\d+)\/reactions\/[^/]+\/@me$/,
      handler: (ctx) => {
        const msg = ownMessage(ctx);
        return isResult(msg) ? msg : { status: 204 };
      },
    })),
    route('GET', '/guilds/:gid', (ctx) => guildOnly(ctx) ?? ok({ ...f.guild(ctx.params.gid), approximate_member_count: f.guildById(ctx.params.gid)!.members.size, approximate_presence_count: 1 }), ['with_counts']),
    route('GET', '/guilds/:gid/channels', (ctx) => guildOnly(ctx) ?? ok([f.channel(true, ctx.params.gid)])),
    route('GET', '/guilds/:gid/roles', (ctx) => guildOnly(ctx) ?? ok(f.roles(ctx.params.gid))),
    route('GET', '/guilds/:gid/members/:uid', (ctx) => guildOnly(ctx) ??
      (f.guildById(ctx.params.gid)!.members.has(ctx.params.uid!) ? ok(f.member(ctx.params.uid!, true, ctx.params.gid)) : err(404, 10007, 'Unknown Member'))),
    ...cmdRoutes('/applications/:app'),
    ...cmdRoutes('/applications/:app/guilds/:gid'),
    ...interactionRoutes(state),
  ];
}
