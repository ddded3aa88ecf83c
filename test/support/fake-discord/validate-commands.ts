/**
 * Application command checks (PUT/POST /applications/{id}[/guilds/{gid}]/commands), hand-written
 * from the OpenAPI schemas ApplicationCommandUpdateRequest / ApplicationCommandCreateRequest /
 * ApplicationCommand*Option and the developer docs' naming rules.
 */
import { isPlainObject, SNOWFLAKE, type Issue } from './validate.js';

const NAME_RE = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
export const LOCALES = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR',
  'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);
const COMMAND_KEYS = new Set([
  'id', 'name', 'name_localizations', 'description', 'description_localizations', 'options',
  'default_member_permissions', 'dm_permission', 'contexts', 'integration_types', 'handler', 'type',
  'nsfw', // in the developer docs (Create Global Application Command), missing from the OpenAPI schema
]);
const OPTION_COMMON = ['type', 'name', 'name_localizations', 'description', 'description_localizations', 'required'];
const OPTION_EXTRA: Record<number, string[]> = {
  1: ['options'], 2: ['options'],
  3: ['autocomplete', 'choices', 'min_length', 'max_length'],
  4: ['autocomplete', 'choices', 'min_value', 'max_value'],
  10: ['autocomplete', 'choices', 'min_value', 'max_value'],
  7: ['channel_types'],
};
const CHANNEL_TYPES = new Set([0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 16]);
const INT53 = 2 ** 53;

type Out = Issue[];
const reject = (out: Out, path: (string | number)[], message: string): void => void out.push({ path, message, reject: true });
const soft = (out: Out, path: (string | number)[], message: string): void => void out.push({ path, message, reject: false });

function checkLocalizations(out: Out, v: unknown, path: (string | number)[], max: number): void {
  if (v == null) return;
  if (!isPlainObject(v)) return reject(out, path, 'must be an object of locale -> string');
  for (const [loc, s] of Object.entries(v)) {
    if (!LOCALES.has(loc)) reject(out, [...path, loc], `Invalid locale ${JSON.stringify(loc)}`);
    if (typeof s !== 'string' || s.length < 1 || s.length > max) reject(out, [...path, loc], `must be a string of 1-${max} characters`);
  }
}

function checkName(out: Out, name: unknown, path: (string | number)[], chatInput: boolean): void {
  if (typeof name !== 'string') return reject(out, path, 'name is required and must be a string');
  if (!chatInput) {
    if (name.length < 1 || name.length > 32) reject(out, path, 'name must be 1-32 characters');
    return;
  }
  if (!NAME_RE.test(name)) reject(out, path, `name ${JSON.stringify(name)} does not match ^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$`);
  if (name !== name.toLowerCase()) reject(out, path, `name ${JSON.stringify(name)} must be lowercase`);
}

function checkDescription(out: Out, d: unknown, path: (string | number)[]): void {
  if (typeof d !== 'string' || d.length < 1 || d.length > 100) reject(out, path, 'description must be a string of 1-100 characters');
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function checkChoiceValue(out: Out, type: number, v: unknown, path: (string | number)[]): void {
  if (type === 3 && (typeof v !== 'string' || v.length > 100)) reject(out, path, 'string choice value must be a string of at most 100 characters');
  if (type === 4 && (!isInt(v) || Math.abs(v) > INT53)) reject(out, path, 'integer choice value must be an integer within +-2^53');
  if (type === 10 && typeof v !== 'number') reject(out, path, 'number choice value must be a number');
}

function checkOption(out: Out, o: unknown, path: (string | number)[], level: 'top' | 'group' | 'sub'): void {
  if (!isPlainObject(o)) return reject(out, path, 'option must be an object');
  const type = o.type;
  if (!isInt(type) || type < 1 || type > 11) return reject(out, [...path, 'type'], `invalid option type ${JSON.stringify(type)}`);
  const allowed = new Set([...OPTION_COMMON, ...(OPTION_EXTRA[type] ?? [])]);
  const unknown = Object.keys(o).filter((k) => !allowed.has(k) && o[k] !== undefined);
  if (unknown.length) soft(out, path, `unknown key(s) ${unknown.join(', ')} for option type ${type} (not in the API schema)`);
  checkName(out, o.name, [...path, 'name'], true);
  checkDescription(out, o.description, [...path, 'description']);
  checkLocalizations(out, o.name_localizations, [...path, 'name_localizations'], 32);
  checkLocalizations(out, o.description_localizations, [...path, 'description_localizations'], 100);
  if (o.required != null && typeof o.required !== 'boolean') reject(out, [...path, 'required'], 'required must be a boolean');
  if ((type === 1 || type === 2) && o.required === true) soft(out, [...path, 'required'], 'subcommands cannot be required');
  if (type === 2 && level !== 'top') reject(out, [...path, 'type'], 'a subcommand group can only appear at the top level');
  if (type === 1 && level === 'sub') reject(out, [...path, 'type'], 'a subcommand cannot contain subcommands');
  if (type === 1 || type === 2) {
    checkOptionList(out, o.options, [...path, 'options'], type === 2 ? 'group' : 'sub');
  }
  if (o.autocomplete != null) {
    if (typeof o.autocomplete !== 'boolean') reject(out, [...path, 'autocomplete'], 'autocomplete must be a boolean');
    if (o.autocomplete === true && ![3, 4, 10].includes(type)) reject(out, [...path, 'autocomplete'], 'autocomplete is only valid for string, integer and number options');
  }
  if (o.choices != null) {
    if (![3, 4, 10].includes(type)) reject(out, [...path, 'choices'], 'choices are only valid for string, integer and number options');
    else if (!Array.isArray(o.choices)) reject(out, [...path, 'choices'], 'choices must be an array');
    else {
      if (o.choices.length > 25) reject(out, [...path, 'choices'], `at most 25 choices (got ${o.choices.length})`);
      if (o.autocomplete === true && o.choices.length > 0) reject(out, [...path, 'autocomplete'], 'autocomplete cannot be set together with choices');
      o.choices.forEach((c: unknown, i: number) => {
        const cp = [...path, 'choices', i];
        if (!isPlainObject(c)) return reject(out, cp, 'choice must be an object');
        const extra = Object.keys(c).filter((k) => !['name', 'name_localizations', 'value'].includes(k) && c[k] !== undefined);
        if (extra.length) soft(out, cp, `unknown key(s) ${extra.join(', ')} in choice`);
        if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100) reject(out, [...cp, 'name'], 'choice name must be 1-100 characters');
        checkLocalizations(out, c.name_localizations, [...cp, 'name_localizations'], 100);
        checkChoiceValue(out, type, c.value, [...cp, 'value']);
      });
    }
  }
  for (const k of ['min_length', 'max_length'] as const) {
    const v = o[k];
    if (v == null) continue;
    if (!isInt(v) || v < (k === 'min_length' ? 0 : 1) || v > 6000) reject(out, [...path, k], `${k} must be an integer in ${k === 'min_length' ? 0 : 1}..6000`);
  }
  if (isInt(o.min_length) && isInt(o.max_length) && o.min_length > o.max_length) reject(out, path, 'min_length > max_length');
  for (const k of ['min_value', 'max_value'] as const) {
    const v = o[k];
    if (v == null) continue;
    if (type === 4 ? !isInt(v) || Math.abs(v) > INT53 : typeof v !== 'number') reject(out, [...path, k], `${k} must be ${type === 4 ? 'an integer' : 'a number'}`);
  }
  if (typeof o.min_value === 'number' && typeof o.max_value === 'number' && o.min_value > o.max_value) reject(out, path, 'min_value > max_value');
  if (o.channel_types != null) {
    if (!Array.isArray(o.channel_types) || o.channel_types.some((t: unknown) => !CHANNEL_TYPES.has(t as number))) reject(out, [...path, 'channel_types'], 'channel_types must be an array of channel types');
  }
}

function checkOptionList(out: Out, options: unknown, path: (string | number)[], level: 'top' | 'group' | 'sub'): void {
  if (options == null) return;
  if (!Array.isArray(options)) return reject(out, path, 'options must be an array');
  if (options.length > 25) reject(out, path, `at most 25 options (got ${options.length})`);
  const names = new Set<string>();
  let seenOptional = false;
  const isSub = (o: unknown) => isPlainObject(o) && (o.type === 1 || o.type === 2);
  const subs = options.filter(isSub).length;
  if (subs > 0 && subs < options.length) reject(out, path, 'subcommands/groups cannot be mixed with other options');
  if (level === 'group' && subs < options.length) reject(out, path, 'a subcommand group may only contain subcommands');
  options.forEach((o: unknown, i: number) => {
    checkOption(out, o, [...path, i], level);
    if (!isPlainObject(o)) return;
    if (typeof o.name === 'string') {
      if (names.has(o.name)) reject(out, [...path, i, 'name'], `duplicate option name ${JSON.stringify(o.name)}`);
      names.add(o.name);
    }
    if (!isSub(o)) {
      if (o.required === true && seenOptional) reject(out, [...path, i, 'required'], 'Required options must be placed before non-required options');
      if (o.required !== true) seenOptional = true;
    }
  });
}

/** Check one command create/update body. */
export function checkCommand(cmd: unknown, path: (string | number)[] = []): Issue[] {
  const out: Out = [];
  if (!isPlainObject(cmd)) return [{ path, message: 'command must be an object', reject: true }];
  const unknown = Object.keys(cmd).filter((k) => !COMMAND_KEYS.has(k) && cmd[k] !== undefined);
  if (unknown.length) soft(out, path, `unknown key(s) ${unknown.join(', ')} (not in the API schema${unknown.includes('default_permission') ? '; default_permission is deprecated, use default_member_permissions' : ''})`);
  const type = cmd.type ?? 1;
  if (!isInt(type) || type < 1 || type > 4) reject(out, [...path, 'type'], `invalid command type ${JSON.stringify(type)}`);
  const chat = type === 1;
  checkName(out, cmd.name, [...path, 'name'], chat);
  if (chat) checkDescription(out, cmd.description, [...path, 'description']);
  else if (cmd.description != null && cmd.description !== '') reject(out, [...path, 'description'], 'user/message commands must have an empty description');
  checkLocalizations(out, cmd.name_localizations, [...path, 'name_localizations'], 32);
  checkLocalizations(out, cmd.description_localizations, [...path, 'description_localizations'], 100);
  if (cmd.options != null && !chat) reject(out, [...path, 'options'], 'only chat input commands can have options');
  checkOptionList(out, cmd.options, [...path, 'options'], 'top');
  const dmp = cmd.default_member_permissions;
  if (dmp != null && !(typeof dmp === 'string' && SNOWFLAKE.test(dmp)) && !(isInt(dmp) && dmp >= 0)) {
    reject(out, [...path, 'default_member_permissions'], 'default_member_permissions must be a permission bit set (string of digits) or null');
  }
  if (cmd.dm_permission != null && typeof cmd.dm_permission !== 'boolean') reject(out, [...path, 'dm_permission'], 'dm_permission must be a boolean');
  if (cmd.nsfw != null && typeof cmd.nsfw !== 'boolean') reject(out, [...path, 'nsfw'], 'nsfw must be a boolean');
  for (const [k, values] of [['contexts', [0, 1, 2]], ['integration_types', [0, 1]]] as const) {
    const v = cmd[k];
    if (v == null) continue;
    if (!Array.isArray(v) || v.length < 1 || v.some((x) => !(values as readonly unknown[]).includes(x)) || new Set(v).size !== v.length) {
      reject(out, [...path, k], `${k} must be a non-empty array of unique values from [${values.join(', ')}]`);
    }
  }
  if (cmd.handler != null && (type !== 4 || ![1, 2].includes(cmd.handler as number))) reject(out, [...path, 'handler'], 'handler is only valid (1 or 2) for PRIMARY_ENTRY_POINT commands');
  if (cmd.id != null && !(typeof cmd.id === 'string' && SNOWFLAKE.test(cmd.id))) reject(out, [...path, 'id'], 'id must be a snowflake');
  return out;
}

/** Check a bulk-overwrite body (array of commands). */
export function checkCommandList(body: unknown): Issue[] {
  if (!Array.isArray(body)) return [{ path: [], message: 'body must be an array of commands', reject: true }];
  const out: Out = [];
  if (body.length > 130) reject(out, [], `at most 130 commands (got ${body.length})`);
  const seen = new Set<string>();
  let chat = 0;
  body.forEach((c, i) => {
    out.push(...checkCommand(c, [i]));
    if (!isPlainObject(c)) return;
    const type = c.type ?? 1;
    if (type === 1) chat++;
    const key = `${type}:${String(c.name)}`;
    if (seen.has(key)) reject(out, [i, 'name'], `Application command names must be unique (${JSON.stringify(c.name)})`);
    seen.add(key);
  });
  if (chat > 100) reject(out, [], `at most 100 chat input commands (got ${chat})`);
  return out;
}
