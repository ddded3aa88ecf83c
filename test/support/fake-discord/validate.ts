/**
 * Request-shape checks for message-bearing bodies and interaction callbacks, hand-written from
 * Discord's OpenAPI description (schemas IncomingWebhookInteractionRequest,
 * IncomingWebhookUpdateRequestPartial, IncomingWebhookRequestPartial, MessageCreateRequest,
 * MessageEditRequestPartial, RichEmbed*, MessageAllowedMentionsRequest, MessageReferenceRequest,
 * CreateMessageInteractionCallbackRequest, ApplicationCommandAutocompleteCallbackRequest) and the
 * developer docs where those are stricter (bots: content <= 2000; choice string value <= 100).
 *
 * An Issue with reject=true is something Discord answers with 400 (the fake does the same);
 * reject=false is recorded as a violation but served (e.g. unknown keys, which Discord ignores).
 */
import { z } from 'zod';
import { checkComponents } from './validate-components.js';

export interface Issue {
  path: (string | number)[];
  message: string;
  reject: boolean;
  /** Discord JSON error code to answer with when rejecting (default 50035 Invalid Form Body). */
  code?: number;
}

export const SNOWFLAKE = /^(0|[1-9][0-9]*)$/;
const snowflake = z.string().regex(SNOWFLAKE, 'Value "%s" is not snowflake.');

export function isDiscordUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return ['http:', 'https:', 'attachment:'].includes(u.protocol);
  } catch {
    return false;
  }
}
const url = z.string().max(2048).refine(isDiscordUrl, 'Not a well formed URL.');

const media = z.strictObject({
  url: url.nullish(), width: z.number().int().nullish(), height: z.number().int().nullish(),
  placeholder: z.string().max(64).nullish(), placeholder_version: z.number().int().nullish(),
  is_animated: z.boolean().nullish(), description: z.string().max(4096).nullish(),
});

export const embedSchema = z.strictObject({
  type: z.string().nullish(),
  url: url.nullish(),
  title: z.string().max(256).nullish(),
  color: z.number().int().min(0).max(0xffffff).nullish(),
  timestamp: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'Could not interpret as ISO8601 timestamp.').nullish(),
  description: z.string().max(4096).nullish(),
  author: z.strictObject({ name: z.string().min(1).max(256), url: url.nullish(), icon_url: url.nullish() }).nullish(),
  image: media.nullish(),
  thumbnail: media.nullish(),
  footer: z.strictObject({ text: z.string().min(1).max(2048), icon_url: url.nullish() }).nullish(),
  fields: z.array(z.strictObject({
    name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().nullish(),
  })).max(25).nullish(),
  provider: z.strictObject({ name: z.string().max(256).nullish(), url: url.nullish() }).nullish(),
  video: media.nullish(),
});

const allowedMentions = z.strictObject({
  parse: z.array(z.enum(['users', 'roles', 'everyone'])).nullish(),
  users: z.array(snowflake).max(100).nullish(),
  roles: z.array(snowflake).max(100).nullish(),
  replied_user: z.boolean().nullish(),
}).superRefine((am, ctx) => {
  const parse = am.parse ?? [];
  if (new Set(parse).size !== parse.length) ctx.addIssue({ code: 'custom', message: 'parse entries must be unique', path: ['parse'] });
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && (am[kind]?.length ?? 0) > 0) {
      ctx.addIssue({ code: 'custom', message: `parse:["${kind}"] and ${kind}:[ids] are mutually exclusive`, path: [kind] });
    }
  }
});

const messageReference = z.strictObject({
  message_id: snowflake,
  channel_id: snowflake.nullish(),
  guild_id: snowflake.nullish(),
  fail_if_not_exists: z.boolean().nullish(),
  type: z.union([z.literal(0), z.literal(1)]).nullish(),
});

const component = z.looseObject({ type: z.number().int().min(1) });
const attachment = z.looseObject({ id: z.union([snowflake, z.number().int()]) });

const base = {
  content: z.string().max(2000, 'Must be 2000 or fewer in length.').nullish(),
  embeds: z.array(embedSchema).max(10).nullish(),
  allowed_mentions: allowedMentions.nullish(),
  components: z.array(component).max(40).nullish(),
  attachments: z.array(attachment).max(10).nullish(),
  poll: z.looseObject({}).nullish(),
  flags: z.number().int().min(0).nullish(),
};

export type MessageKind = 'interaction' | 'webhook-execute' | 'webhook-edit' | 'channel-create' | 'channel-edit';

const shapes = {
  interaction: { ...base, tts: z.boolean().nullish() },
  'webhook-edit': base,
  'webhook-execute': {
    ...base, tts: z.boolean().nullish(), username: z.string().min(1).max(80).nullish(), avatar_url: url.nullish(),
    thread_name: z.string().max(100).nullish(), applied_tags: z.array(snowflake).max(5).nullish(),
  },
  'channel-create': {
    ...base, sticker_ids: z.array(snowflake).max(3).nullish(), shared_client_theme: z.looseObject({}).nullish(),
    message_reference: messageReference.nullish(),
    nonce: z.union([z.number().int(), z.string().max(25)]).nullish(), enforce_nonce: z.boolean().nullish(),
    tts: z.boolean().nullish(),
  },
  'channel-edit': { ...base, sticker_ids: z.array(snowflake).max(3).nullish() },
} satisfies Record<MessageKind, z.ZodRawShape>;

/**
 * One compiled schema per kind. zod compiles an object schema's fast path on its first parse, so
 * building `z.strictObject(shape)` per request recompiled it every time (most of the fake's work).
 */
const schemas = Object.fromEntries(Object.entries(shapes).map(([kind, shape]) => [kind, z.strictObject(shape)])) as {
  [K in MessageKind]: z.ZodObject<(typeof shapes)[K], z.core.$strict>;
};

const FLAG_NAMES: Record<number, string> = { 4: 'SUPPRESS_EMBEDS', 64: 'EPHEMERAL', 4096: 'SUPPRESS_NOTIFICATIONS', 8192: 'IS_VOICE_MESSAGE', 32768: 'IS_COMPONENTS_V2' };
const ALLOWED_FLAGS: Record<MessageKind, number> = {
  interaction: 4 | 64 | 4096 | 8192 | 32768,
  'webhook-execute': 4 | 64 | 4096 | 8192 | 32768,
  'webhook-edit': 4 | 32768,
  'channel-create': 4 | 4096 | 8192 | 32768,
  'channel-edit': 4 | 32768,
};

/** Keys discord.js always serialises (with these neutral values) even where the schema lacks them. */
const LIBRARY_DEFAULTS: Record<string, unknown> = { tts: false, enforce_nonce: false };

export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => {
    const path = [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (i.code === 'unrecognized_keys') {
      return { path, message: `unknown key(s) ${i.keys.map((k) => JSON.stringify(k)).join(', ')} (not in the API schema)`, reject: false };
    }
    return { path, message: i.message, reject: true };
  });
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True if the body carries something a user would see (the "not an empty message" rule). */
export function hasVisibleContent(body: Record<string, any>, fileCount = 0): boolean {
  return (typeof body.content === 'string' && body.content.trim().length > 0) ||
    (Array.isArray(body.embeds) && body.embeds.length > 0) ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
    fileCount > 0 || (isPlainObject(body.poll));
}

/** Check a message-bearing body. requireVisible: creation endpoints reject empty messages (50006). */
export function checkMessageBody(kind: MessageKind, body: unknown, opts: { requireVisible: boolean; fileCount?: number; prefix?: (string | number)[] }): Issue[] {
  const prefix = opts.prefix ?? [];
  if (!isPlainObject(body)) return [{ path: prefix, message: 'body must be a JSON object', reject: true }];
  const shape: z.ZodRawShape = shapes[kind];
  const cleaned: Record<string, unknown> = { ...body };
  for (const [k, v] of Object.entries(LIBRARY_DEFAULTS)) if (!(k in shape) && cleaned[k] === v) delete cleaned[k];
  const issues: Issue[] = [];
  const parsed = schemas[kind].safeParse(cleaned);
  if (!parsed.success) issues.push(...zodIssues(parsed.error, prefix));

  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  let total = 0;
  for (const e of embeds) {
    if (!isPlainObject(e)) continue;
    const s = (v: unknown) => (typeof v === 'string' ? v.length : 0);
    total += s(e.title) + s(e.description) + s(isPlainObject(e.footer) ? e.footer.text : undefined) +
      s(isPlainObject(e.author) ? e.author.name : undefined);
    if (Array.isArray(e.fields)) for (const f of e.fields) if (isPlainObject(f)) total += s(f.name) + s(f.value);
  }
  if (total > 6000) issues.push({ path: [...prefix, 'embeds'], message: `Embed size exceeds maximum size of 6000 (is ${total})`, reject: true });

  if (typeof body.flags === 'number' && Number.isInteger(body.flags)) {
    const extra = body.flags & ~ALLOWED_FLAGS[kind];
    if (extra) {
      const names = Object.entries(FLAG_NAMES).filter(([bit]) => extra & Number(bit)).map(([, n]) => n);
      issues.push({ path: [...prefix, 'flags'], message: `flags ${extra} (${names.join(', ') || 'unknown bits'}) cannot be set on ${kind} messages`, reject: false });
    }
  }
  issues.push(...checkComponents(body.components, body.flags, [...prefix, 'components']));
  if (opts.requireVisible && !hasVisibleContent(body, opts.fileCount)) {
    issues.push({ path: prefix, message: 'Cannot send an empty message', reject: true, code: 50006 });
  }
  return issues;
}

/**
 * Allowed callback types per interaction type (2 = APPLICATION_COMMAND, 3 = MESSAGE_COMPONENT,
 * 4 = AUTOCOMPLETE); 6 DEFERRED_UPDATE_MESSAGE and 7 UPDATE_MESSAGE only answer a component.
 */
const CALLBACK_TYPES: Record<number, number[]> = { 2: [4, 5, 9, 12], 3: [4, 5, 6, 7, 9], 4: [8] };

/**
 * Check POST /interactions/{id}/{token}/callback. focusedType: option type of the focused option
 * (3 string, 4 integer, 10 number) for autocomplete results, when the command is known.
 */
export function checkInteractionCallback(body: unknown, interactionType: number, focusedType?: number): Issue[] {
  if (!isPlainObject(body)) return [{ path: [], message: 'body must be a JSON object', reject: true }];
  const issues: Issue[] = [];
  const keys = Object.keys(body).filter((k) => k !== 'type' && k !== 'data');
  if (keys.length) issues.push({ path: [], message: `unknown key(s) ${keys.join(', ')} (not in the API schema)`, reject: false });
  const type = body.type;
  if (typeof type !== 'number' || !Number.isInteger(type)) return [...issues, { path: ['type'], message: 'type must be an integer', reject: true }];
  const allowed = CALLBACK_TYPES[interactionType] ?? [];
  if (!allowed.includes(type)) {
    issues.push({ path: ['type'], message: `callback type ${type} is not valid for interaction type ${interactionType} (allowed: ${allowed.join(', ')})`, reject: true });
    return issues;
  }
  const data = body.data;
  if (type === 4) {
    if (!isPlainObject(data)) issues.push({ path: ['data'], message: 'type 4 needs a data object', reject: true, code: 50006 });
    else issues.push(...checkMessageBody('interaction', data, { requireVisible: true, prefix: ['data'] }));
  } else if (type === 5) {
    if (data != null) {
      issues.push(...checkMessageBody('interaction', data, { requireVisible: false, prefix: ['data'] }));
      if (isPlainObject(data)) {
        const ignored = Object.keys(data).filter((k) => !['flags', 'tts', 'enforce_nonce', 'allowed_mentions'].includes(k) && data[k] != null);
        if (ignored.length) issues.push({ path: ['data'], message: `a deferral only honours flags; ${ignored.join(', ')} would be ignored`, reject: false });
      }
    }
  } else if (type === 6) {
    if (data != null) issues.push({ path: ['data'], message: 'a deferred update (type 6) takes no data', reject: false });
  } else if (type === 7) {
    // UpdateMessageInteractionCallbackRequest: data is IncomingWebhookUpdateForInteractionCallbackRequestPartial.
    if (data != null) issues.push(...checkMessageBody('webhook-edit', data, { requireVisible: false, prefix: ['data'] }));
  } else if (type === 8) {
    issues.push(...checkAutocompleteData(data, focusedType));
  } else if (type === 9 && !isPlainObject(data)) {
    issues.push({ path: ['data'], message: 'a modal needs data', reject: true });
  }
  return issues;
}

const choiceName = z.string().min(1).max(100);
const localizations = (max: number) => z.record(z.string(), z.string().min(1).max(max)).nullish();

function autocompleteSchema(value: z.ZodType) {
  return z.strictObject({
    choices: z.array(z.strictObject({ name: choiceName, name_localizations: localizations(100), value })).max(25),
  });
}
/** Choice value schema by focused option type (3 string, 4 integer, 10 number; else either), built once. */
const AUTOCOMPLETE_SCHEMAS = new Map<number | undefined, ReturnType<typeof autocompleteSchema>>([
  [4, autocompleteSchema(z.number().int().min(-(2 ** 53)).max(2 ** 53))],
  [10, autocompleteSchema(z.number())],
  [3, autocompleteSchema(z.string().max(100))],
  [undefined, autocompleteSchema(z.union([z.string().max(100), z.number()]))],
]);

export function checkAutocompleteData(data: unknown, focusedType?: number): Issue[] {
  const schema = AUTOCOMPLETE_SCHEMAS.get(focusedType) ?? AUTOCOMPLETE_SCHEMAS.get(undefined)!;
  const r = schema.safeParse(data);
  return r.success ? [] : zodIssues(r.error, ['data']);
}

/** Boolean query parameters must be "true" or "false" (unknown parameters are flagged by the server). */
export function checkBooleanQuery(query: Record<string, string>, keys: string[]): Issue[] {
  return keys.filter((k) => k in query && query[k] !== 'true' && query[k] !== 'false')
    .map((k) => ({ path: ['?' + k], message: `${k} must be a boolean, got ${JSON.stringify(query[k])}`, reject: true }));
}
