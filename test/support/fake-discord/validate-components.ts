/**
 * Message components in request bodies, hand-written from Discord's OpenAPI description
 * (ActionRowComponentForMessageRequest, ButtonComponentForMessageRequest, ComponentEmojiForRequest,
 * ButtonStyleTypes) and the developer docs' rules the schema cannot say: a link button has a url and
 * no custom_id, other buttons the reverse; custom_ids are unique within a message; a message without
 * the IS_COMPONENTS_V2 flag has at most 5 action rows at the top level.
 */
import { z } from 'zod';
// validate.ts imports this file, so nothing of it may be used while this module is evaluated.
import { isDiscordUrl, isPlainObject, zodIssues, type Issue } from './validate.js';

const snowflake = z.string().regex(/^(0|[1-9][0-9]*)$/, 'Value "%s" is not snowflake.');
const int32Id = z.number().int().min(0).nullish();

const emoji = z.strictObject({ id: snowflake.nullish(), name: z.string().max(32), animated: z.boolean().nullish() });

export const buttonSchema = z.strictObject({
  type: z.literal(2),
  id: int32Id,
  custom_id: z.string().min(1).max(100).nullish(),
  style: z.union([1, 2, 3, 4, 5, 6].map((n) => z.literal(n)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
  label: z.string().max(80).nullish(),
  disabled: z.boolean().nullish(),
  url: z.string().max(512).refine(isDiscordUrl, 'Not a well formed URL.').nullish(),
  sku_id: snowflake.nullish(),
  emoji: emoji.nullish(),
});

/** Select menus are not used by this bot; their own keys are left to a looser check. */
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

export const actionRow = z.strictObject({
  type: z.literal(1),
  id: int32Id,
  components: z.array(z.looseObject({ type: z.number().int() })).min(1).max(5),
});

/*
 * Fast paths: plain checks that say "valid" only where the schemas above would (same keys, types
 * and bounds, written out), and otherwise leave the verdict, and its wording, to the schemas. Zod
 * was most of the cost of a reply with buttons (measured: 17 µs a reply with four buttons).
 */
const ROW_KEYS = new Set(['type', 'id', 'components']);
const BUTTON_KEYS = new Set(['type', 'id', 'custom_id', 'style', 'label', 'disabled', 'url', 'sku_id', 'emoji']);
const EMOJI_KEYS = new Set(['id', 'name', 'animated']);
const SNOWFLAKE = /^(0|[1-9][0-9]*)$/;

const onlyKeys = (o: Record<string, unknown>, allowed: ReadonlySet<string>) => Object.keys(o).every((k) => allowed.has(k));
const optional = (v: unknown, ok: (v: unknown) => boolean) => v == null || ok(v);
const int32IdOk = (v: unknown) => optional(v, (x) => Number.isSafeInteger(x) && (x as number) >= 0);
const stringOk = (min: number, max: number) => (v: unknown) => typeof v === 'string' && v.length >= min && v.length <= max;
const snowflakeOk = (v: unknown) => typeof v === 'string' && SNOWFLAKE.test(v);

export function plainRowOk(row: Record<string, unknown>): row is { type: 1; components: Array<{ type: number }> } {
  const c = row.components;
  return (
    onlyKeys(row, ROW_KEYS) && row.type === 1 && int32IdOk(row.id) && Array.isArray(c) && c.length >= 1 && c.length <= 5 &&
    c.every((x) => isPlainObject(x) && Number.isSafeInteger(x.type))
  );
}

export function plainButtonOk(b: Record<string, unknown>): boolean {
  return (
    onlyKeys(b, BUTTON_KEYS) && b.type === 2 && int32IdOk(b.id) && optional(b.custom_id, stringOk(1, 100)) &&
    typeof b.style === 'number' && Number.isInteger(b.style) && b.style >= 1 && b.style <= 6 &&
    optional(b.label, stringOk(0, 80)) && optional(b.disabled, (x) => typeof x === 'boolean') &&
    optional(b.url, (x) => stringOk(0, 512)(x) && isDiscordUrl(x as string)) && optional(b.sku_id, snowflakeOk) &&
    optional(b.emoji, (e) =>
      isPlainObject(e) && onlyKeys(e, EMOJI_KEYS) && optional(e.id, snowflakeOk) && stringOk(0, 32)(e.name) &&
      optional(e.animated, (x) => typeof x === 'boolean'))
  );
}

type Button = z.infer<typeof buttonSchema>;

/** Top-level components of a message body (`path` is where they sit, e.g. ['data', 'components']). */
export function checkComponents(components: unknown, flags: unknown, path: (string | number)[]): Issue[] {
  if (components == null) return [];
  if (!Array.isArray(components)) return [{ path, message: 'components must be an array', reject: true }];
  const issues: Issue[] = [];
  const v2 = typeof flags === 'number' && (flags & 32768) !== 0;
  if (!v2 && components.length > 5) issues.push({ path, message: `Must be 5 or fewer in length (${components.length} action rows)`, reject: true });
  const customIds = new Set<string>();
  components.forEach((row, r) => {
    if (!isPlainObject(row)) return void issues.push({ path: [...path, r], message: 'component must be an object', reject: true });
    if (row.type !== 1) {
      if (!v2) issues.push({ path: [...path, r, 'type'], message: `component type ${String(row.type)} at the top level needs the IS_COMPONENTS_V2 flag`, reject: true });
      return;
    }
    let children: Array<{ type: number }>;
    if (plainRowOk(row)) children = row.components;
    else {
      const parsedRow = actionRow.safeParse(row);
      if (!parsedRow.success) return void issues.push(...zodIssues(parsedRow.error, [...path, r]));
      children = parsedRow.data.components;
    }
    children.forEach((child, c) => {
      const at = [...path, r, 'components', c];
      if (SELECT_TYPES.has(child.type)) return;
      let b: Button;
      if (plainButtonOk(child as Record<string, unknown>)) b = child as Button;
      else {
        const parsed = buttonSchema.safeParse(child);
        if (!parsed.success) return void issues.push(...zodIssues(parsed.error, at));
        b = parsed.data;
      }
      if (b.style === 5) {
        if (!b.url) issues.push({ path: [...at, 'url'], message: 'a link button (style 5) needs a url', reject: true });
        if (b.custom_id != null) issues.push({ path: [...at, 'custom_id'], message: 'a link button cannot have a custom_id', reject: true });
      } else if (b.style === 6) {
        if (!b.sku_id) issues.push({ path: [...at, 'sku_id'], message: 'a premium button (style 6) needs a sku_id', reject: true });
      } else {
        if (!b.custom_id) issues.push({ path: [...at, 'custom_id'], message: `a style ${b.style} button needs a custom_id`, reject: true });
        if (b.url != null) issues.push({ path: [...at, 'url'], message: 'only link buttons (style 5) have a url', reject: true });
      }
      if (b.style !== 6 && !b.label && !b.emoji) issues.push({ path: at, message: 'a button needs a label or an emoji', reject: true });
      if (b.custom_id) {
        if (customIds.has(b.custom_id)) issues.push({ path: [...at, 'custom_id'], message: `custom_id ${JSON.stringify(b.custom_id)} is used twice in one message`, reject: true });
        customIds.add(b.custom_id);
      }
    });
  });
  return issues;
}
