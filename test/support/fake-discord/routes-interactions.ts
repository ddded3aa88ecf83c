/**
 * Interaction response routes: POST /interactions/{id}/{token}/callback and the interaction
 * webhook (GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{@original|id}, POST followups).
 * These need no Authorization header (discord.js sends them with auth: false).
 */
import { err, type Route, type RouteContext, type RouteResult } from './server.js';
import type { PendingInteraction, State } from './state.js';
import { checkBooleanQuery, checkInteractionCallback, checkMessageBody, hasVisibleContent, isPlainObject } from './validate.js';

/**
 * What the user saw at this moment. A shallow copy is a faithful snapshot: the fake never mutates a
 * stored message's nested parts, edits replace whole fields (State.applyEdit), so a later edit
 * cannot reach into it. (structuredClone of every reply was a tenth of the fake's work.)
 */
const snapshot = (msg: Record<string, any>): Record<string, any> => ({ ...msg });

export function interactionRoutes(state: State): Route[] {
  const f = state.f;

  function visible(p: PendingInteraction, msg: Record<string, any>, ctx: RouteContext): void {
    if (hasVisibleContent(msg)) {
      const seen = snapshot(msg);
      ctx.after(() => p.events.emit('visible', { message: seen, request: ctx.req }));
    }
  }

  function callback(ctx: RouteContext): RouteResult {
    const { iid, itoken } = ctx.params as { iid: string; itoken: string };
    const p = state.interactions.get(iid);
    if (!p || p.token !== itoken) return err(404, 10062, 'Unknown interaction');
    if (p.callback) return err(400, 40060, 'Interaction has already been acknowledged.');
    const age = Date.now() - p.dispatchedAt;
    if (age > state.opts.interactionDeadlineMs) {
      return err(404, 10062, `Unknown interaction (the callback came ${age}ms after dispatch; Discord allows ${state.opts.interactionDeadlineMs}ms)`);
    }
    const bad = ctx.check([...checkBooleanQuery(ctx.req.query, ['with_response']), ...checkInteractionCallback(ctx.req.body, p.type, p.focusedType)]);
    if (bad) return bad;
    const body = ctx.req.body as { type: number; data?: any };
    p.callback = { type: body.type, ...(body.data !== undefined ? { data: body.data } : {}) };
    p.callbackRequest = ctx.req;
    let message: Record<string, any> | null = null;
    if (body.type === 4 || body.type === 5) {
      const data = isPlainObject(body.data) ? body.data : {};
      const flags = (typeof data.flags === 'number' ? data.flags : 0) | (body.type === 5 ? 128 : 0);
      message = state.botMessage(body.type === 4 ? data : {}, ctx.req.files, {
        channelId: p.channelId, guildId: p.guildId, type: 20, flags, webhook: true, interaction: p,
      });
      p.originalMessageId = message.id;
      const m = message;
      ctx.after(() => state.echo('MESSAGE_CREATE', m));
      if (body.type === 4) visible(p, message, ctx);
    }
    if (body.type === 7 && p.messageId && isPlainObject(body.data)) {
      const source = state.messages.get(p.messageId);
      if (source) {
        state.applyEdit(source, body.data, ctx.req.files);
        ctx.after(() => state.echo('MESSAGE_UPDATE', source));
      }
    }
    // The accepted callback is never changed afterwards, so listeners get it as is.
    const cb = p.callback;
    ctx.after(() => p.events.emit('callback', cb));
    if (ctx.req.query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: p.id, type: p.type, activity_instance_id: null,
          ...(message ? { response_message_id: message.id, response_message_loading: body.type === 5, response_message_ephemeral: (message.flags & 64) !== 0 } : {}),
          ...(p.guildId ? { guild_id: p.guildId } : {}), channel_id: p.channelId,
        },
        resource: { type: body.type, ...(message ? { message } : {}) },
      },
    };
  }

  /** Resolve the interaction behind a webhook token (and optionally one of its messages). */
  function target(ctx: RouteContext, needMessage: boolean): { p: PendingInteraction; msg?: Record<string, any> } | RouteResult {
    const { app, wtoken, msg } = ctx.params as { app: string; wtoken: string; msg?: string };
    const p = state.byToken(wtoken);
    if (app !== f.applicationId || !p) return err(404, 10015, 'Unknown Webhook');
    if (!p.callback) return err(404, 10015, 'Unknown Webhook (the interaction has not been responded to yet)');
    if (p.callback.type === 8 || p.callback.type === 9) return err(404, 10015, `Unknown Webhook (a type ${p.callback.type} response has no message)`);
    if (!needMessage) return { p };
    const id = msg === '@original' ? p.originalMessageId : msg;
    const stored = id && (id === p.originalMessageId || p.followupIds.includes(id)) ? state.messages.get(id) : undefined;
    if (!stored) return err(404, 10008, 'Unknown Message');
    return { p, msg: stored };
  }
  const isResult = (v: unknown): v is RouteResult => isPlainObject(v) && typeof v.status === 'number';

  function editMessage(ctx: RouteContext): RouteResult {
    const t = target(ctx, true);
    if (isResult(t)) return t;
    const body = ctx.req.body;
    const bad = ctx.check([...checkBooleanQuery(ctx.req.query, ['with_components']), ...checkMessageBody('webhook-edit', body, { requireVisible: false })]);
    if (bad) return bad;
    const msg = t.msg!;
    const after = { ...msg, ...body };
    if (!hasVisibleContent(after, ctx.req.files.length + (Array.isArray(after.attachments) ? after.attachments.length : 0))) {
      return ctx.check([{ path: [], message: 'Cannot send an empty message (the edit leaves the message empty)', reject: true, code: 50006 }])!;
    }
    state.applyEdit(msg, body, ctx.req.files);
    ctx.after(() => state.echo('MESSAGE_UPDATE', msg));
    visible(t.p, msg, ctx);
    return { status: 200, body: msg };
  }

  function getMessage(ctx: RouteContext): RouteResult {
    const t = target(ctx, true);
    return isResult(t) ? t : { status: 200, body: t.msg };
  }

  function deleteMessage(ctx: RouteContext): RouteResult {
    const t = target(ctx, true);
    if (isResult(t)) return t;
    const msg = t.msg!;
    state.messages.delete(msg.id);
    ctx.after(() => state.echo('MESSAGE_DELETE', msg));
    return { status: 204 };
  }

  function followup(ctx: RouteContext): RouteResult {
    const t = target(ctx, false);
    if (isResult(t)) return t;
    const bad = ctx.check([
      ...checkBooleanQuery(ctx.req.query, ['wait', 'with_components']),
      ...checkMessageBody('webhook-execute', ctx.req.body, { requireVisible: true, fileCount: ctx.req.files.length }),
    ]);
    if (bad) return bad;
    // Discord: the first followup after a deferral replaces the "thinking..." message (and keeps
    // the deferral's ephemeral flag); later followups are new messages.
    const loading = t.p.originalMessageId ? state.messages.get(t.p.originalMessageId) : undefined;
    let msg: Record<string, any>;
    if (loading && (loading.flags & 128) !== 0) {
      const { flags: _ignored, ...rest } = ctx.req.body as Record<string, unknown>;
      state.applyEdit(loading, rest, ctx.req.files);
      msg = loading;
      ctx.after(() => state.echo('MESSAGE_UPDATE', loading));
    } else {
      msg = state.botMessage(ctx.req.body, ctx.req.files, { channelId: t.p.channelId, guildId: t.p.guildId, webhook: true, interaction: t.p });
      ctx.after(() => state.echo('MESSAGE_CREATE', msg));
    }
    t.p.followupIds.push(msg.id);
    visible(t.p, msg, ctx);
    return ctx.req.query.wait === 'true' ? { status: 200, body: msg } : { status: 204 };
  }

  const wh = '^/webhooks/(?<app>\\d+)/(?<wtoken>[^/]+)';
  const whMsg = `${wh}/messages/(?<msg>@original|\\d+)$`;
  return [
    { method: 'POST', pattern: /^\/interactions\/(?<iid>\d+)\/(?<itoken>[^/]+)\/callback$/, auth: false, query: ['with_response'], handler: callback },
    { method: 'GET', pattern: new RegExp(whMsg), auth: false, query: ['thread_id'], handler: getMessage },
    { method: 'PATCH', pattern: new RegExp(whMsg), auth: false, query: ['thread_id', 'with_components'], handler: editMessage },
    { method: 'DELETE', pattern: new RegExp(whMsg), auth: false, query: ['thread_id'], handler: deleteMessage },
    { method: 'POST', pattern: new RegExp(`${wh}$`), auth: false, query: ['wait', 'thread_id', 'with_components'], handler: followup },
  ];
}
