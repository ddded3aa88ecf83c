/**
 * A deliberately small front-matter format: `key: value` lines between `---` fences, where a value
 * is a JSON literal (a "quoted string", null, true, false, a number) or a bare word. It is valid
 * YAML for these values, so editors highlight it, yet it needs no YAML library.
 */

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

export class FrontMatterError extends Error {}

const FENCE = '---';

export function parseFrontMatter(text: string): FrontMatter {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trim() !== FENCE) throw new FrontMatterError('expected front matter starting with "---" on the first line');
  const end = lines.indexOf(FENCE, 1);
  if (end < 0) throw new FrontMatterError('front matter is not closed by a "---" line');
  const data: Record<string, unknown> = {};
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!m) throw new FrontMatterError(`line ${i + 1}: expected "key: value"`);
    const [, key, raw] = m as unknown as [string, string, string];
    if (key in data) throw new FrontMatterError(`${key}: given twice (line ${i + 1})`);
    data[key] = parseValue(raw.trim(), key);
  }
  return { data, body: lines.slice(end + 1).join('\n') };
}

function parseValue(raw: string, key: string): unknown {
  if (raw === '' || raw === '~') return null;
  if (/^(null|true|false|-?\d+(\.\d+)?)$/.test(raw) || raw.startsWith('"')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new FrontMatterError(`${key}: not a valid quoted string (use JSON escapes inside "…")`);
    }
  }
  return raw;
}

/** Writes front matter that `parseFrontMatter` reads back unchanged. */
export function formatFrontMatter(data: Record<string, unknown>, body: string): string {
  const lines = Object.entries(data).map(([k, v]) => `${k}: ${JSON.stringify(v ?? null)}`);
  return [FENCE, ...lines, FENCE, '', body.trim(), ''].join('\n');
}
