import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KnowledgeError,
  parseKnowledgeFiles,
  readKnowledgeFiles,
  type Knowledge,
  type KnowledgeFiles,
  type LoadedKnowledge,
} from '../knowledge/load.js';
import type { ReadLimits } from '../knowledge/read-text.js';
import { packageVersion } from './persisted-index.js';

/**
 * The parsed knowledge, kept in `DATA_DIR/knowledge-<key>.json` beside the persisted index, for a
 * process that starts often and briefly (`ask`): parsing the front matter loads the `yaml` package
 * and runs it and the schemas over every file, about a fifth of such a process's time, to get
 * what the same files gave last time. The files are still read and checked as text on every start;
 * only when they are byte for byte those of the stored result (and so is the code that parses
 * them) is that result used instead of parsing again. A stale, truncated or corrupt file is
 * ignored and replaced, never trusted.
 */
const FORMAT = 'knowledge-1';
const FILE = /^knowledge-[0-9a-f]{16}\.json$/;

/**
 * `loadKnowledge(dir, limits)`, the parsing skipped when `dataDir` holds its result for these
 * files. Throws `KnowledgeError` for invalid knowledge, exactly as `loadKnowledge` does.
 */
export async function loadKnowledgeWithCache(dir: string, dataDir: string, limits: ReadLimits = {}): Promise<LoadedKnowledge> {
  const files = await readKnowledgeFiles(dir, limits);
  const key = filesKey(files);
  const file = key ? join(resolve(dataDir), `knowledge-${key.slice(0, 16)}.json`) : null;
  // Every file was read as text, so parsing would give no warnings: there are none to keep.
  const stored = file && key ? readStored(file, key) : null;
  if (stored) return { ...stored, warnings: [] };
  const { problems, ...loaded } = parseKnowledgeFiles(files);
  if (problems.length) throw new KnowledgeError(problems);
  if (file && key) store(file, key, loaded);
  return loaded;
}

/**
 * What the parsed knowledge depends on, hashed: the parsing code and packages, and each file's
 * name and text. Null when a file was not read as text (a problem, a FIFO, one gone since listed):
 * the result then holds messages naming paths as seen from the working directory, so such a
 * folder is parsed every time (and fails or warns as it should).
 */
function filesKey(files: KnowledgeFiles): string | null {
  const hash = createHash('sha256').update(`${FORMAT}\u0000${codeHash()}`);
  for (const [i, name] of files.names.entries()) {
    const read = files.reads[i]!;
    if (!read.ok) return null;
    hash.update(`\u0000${name}\u0000`).update(read.text);
  }
  for (const table of [files.aliases, files.glossary]) {
    // An absent table is allowed (it loads as empty), and is a state of its own.
    if (table.ok) hash.update('\u0000table\u0000').update(table.text);
    else if ('missing' in table) hash.update('\u0000no table\u0000');
    else return null;
  }
  return hash.digest('hex');
}

/**
 * The file: one line `FORMAT key sha256-of-the-rest`, then the knowledge as JSON. Articles and
 * tables are plain strings, numbers, booleans and nulls, so JSON gives them back as they were.
 */
function readStored(file: string, key: string): Knowledge | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // absent (the first start) or unreadable: parse, as without it
  }
  const newline = text.indexOf('\n');
  const [format, storedKey, sum] = text.slice(0, newline).split(' ');
  const json = text.slice(newline + 1);
  if (newline < 0 || format !== FORMAT || storedKey !== key || sum !== sha256(json)) return null;
  try {
    const knowledge = JSON.parse(json) as Knowledge;
    return Array.isArray(knowledge.articles) && knowledge.aliases && knowledge.glossary ? knowledge : null;
  } catch {
    return null;
  }
}

function store(file: string, key: string, knowledge: Knowledge): void {
  const json = JSON.stringify({ articles: knowledge.articles, aliases: knowledge.aliases, glossary: knowledge.glossary });
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written beside and renamed: a reader sees the old file or the whole new one, never half of it.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${FORMAT} ${key} ${sha256(json)}\n${json}`);
    renameSync(tmp, file);
    for (const name of readdirSync(dirname(file))) {
      if (FILE.test(name) && join(dirname(file), name) !== file) rmSync(join(dirname(file), name), { force: true });
    }
  } catch {
    // Only a saving for the next start: a DATA_DIR that cannot be written changes no answer, and
    // the persisted index already says so on stderr.
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let code: string | undefined;
/** The compiled files of src/knowledge, which read, parse and validate, and the packages they parse with. */
function codeHash(): string {
  if (code) return code;
  const knowledge = join(dirname(dirname(fileURLToPath(import.meta.url))), 'knowledge');
  const hash = createHash('sha256');
  for (const f of readdirSync(knowledge).filter((f) => /\.(js|ts)$/.test(f)).sort()) hash.update(f).update(readFileSync(join(knowledge, f)));
  for (const name of ['yaml', 'zod']) hash.update(`${name}@${packageVersion(name)}`);
  return (code = hash.digest('hex'));
}
