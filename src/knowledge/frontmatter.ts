import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * Front matter: a YAML mapping between `---` fences at the top of a knowledge file, read and
 * written with the `yaml` package. These files are written by a program (knowledge:add, feeds) and
 * edited by people, so what a person may write is whatever YAML says (quoted or bare strings,
 * comments, `~`), not a hand-written subset. Files written before keep loading unchanged: their
 * `key: "JSON string"` lines are YAML double-quoted strings.
 */

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

export class FrontMatterError extends Error {}

const FENCE = '---';

let yamlModule: typeof Yaml | undefined;
/**
 * The `yaml` package, loaded on first use: importing it costs about 50 ms, which `ask` spends for
 * nothing when it takes the knowledge already parsed from DATA_DIR (src/runtime/persisted-knowledge.ts).
 * `require`, not `import()`, keeps parsing synchronous; under Node the package is CommonJS either
 * way (its "node" export), so this is the very module a static import would give.
 */
function yaml(): typeof Yaml {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

export function parseFrontMatter(text: string): FrontMatter {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trim() !== FENCE) throw new FrontMatterError('expected front matter starting with "---" on the first line');
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === FENCE);
  if (end < 0) throw new FrontMatterError('front matter is not closed by a "---" line');
  // The YAML 1.2 core schema: 2023-05 stays a string (YAML 1.1 would make dates of such values).
  const doc = yaml().parseDocument(lines.slice(1, end).join('\n'), { schema: 'core', uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    // Line numbers in the file, counting the opening fence.
    throw new FrontMatterError(`${line !== undefined ? `line ${line + 1}: ` : ''}${firstLine(error.message)}`);
  }
  if (doc.contents !== null && !yaml().isMap(doc.contents)) throw new FrontMatterError('expected "key: value" lines between the "---" fences');
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  return { data, body: lines.slice(end + 1).join('\n') };
}

function firstLine(message: string): string {
  // yaml's messages end with the offending text and a caret on further lines.
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (/Nested mappings are not allowed/.test(first)) return `${first}: put a value holding ": " in double quotes`;
  return first;
}

/**
 * Writes front matter that `parseFrontMatter` reads back unchanged: one `key: value` line per
 * field, strings double-quoted (so "2024" or "null" stay strings and any character round-trips),
 * in the order given.
 */
export function formatFrontMatter(data: Record<string, unknown>, body: string): string {
  const lines = Object.entries(data).map(([key, value]) =>
    yaml().stringify({ [key]: value ?? null }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, nullStr: 'null' }).trimEnd(),
  );
  return [FENCE, ...lines, FENCE, '', body.trim(), ''].join('\n');
}
