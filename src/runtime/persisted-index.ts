import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine, type EngineOptions } from '../engine.js';
import type { Engine } from '../engine-types.js';
import type { Knowledge } from '../knowledge/load.js';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from '../search/index/index-snapshot.js';

/**
 * The persisted index (issue 10, item 6): an engine's analysed terms are written to
 * `DATA_DIR/index-<key>.bin`, and the next start over the same knowledge and code reads them back
 * instead of analysing every passage. The key covers everything the stored data depends on, so a
 * file is only ever used for what it was built from; a stale, truncated or corrupt one is refused
 * (see `decodeSnapshot`) and rebuilt, never trusted.
 */
const FILE = /^index-[0-9a-f]{16}\.bin$/;

export interface PersistedBuild {
  engine: Engine;
  /** `persisted`: read from the file; `built`: analysed afresh (and written, unless `problem` says why not). */
  from: 'persisted' | 'built';
  file: string;
  /** Why a file there was refused, or could not be written; the engine is fine either way. */
  problem?: string;
}

/** Builds the engine for `knowledge`, from `dataDir`'s persisted index when it is this knowledge's. */
export function buildWithPersistedIndex(knowledge: Knowledge, dataDir: string, options: EngineOptions = {}): PersistedBuild {
  const dir = resolve(dataDir);
  const key = indexKey(knowledge);
  const file = join(dir, `index-${key.slice(0, 16)}.bin`);
  let problem: string | undefined;
  let bytes: Buffer | null = null;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problem = `cannot read ${file}: ${(err as Error).message}`;
  }
  if (bytes) {
    try {
      const engine = buildEngine(knowledge, { ...options, index: decodeSnapshot(bytes, key) }).engine;
      return { engine, from: 'persisted', file };
    } catch (err) {
      problem = `ignored ${file} and rebuilt it: ${(err as Error).message}`;
    }
  }
  bytes = null;
  const built = buildEngine(knowledge, options);
  try {
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed: a reader sees the old file or the whole new one, never half of it.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, encodeSnapshot(built.index, key));
    renameSync(tmp, file);
    prune(dir, file);
  } catch (err) {
    problem = [problem, `cannot write ${file}: ${(err as Error).message}`].filter(Boolean).join('; ');
  }
  return { engine: built.engine, from: 'built', file, ...(problem ? { problem } : {}) };
}

/** Index files of other knowledge or code are of no more use: one is kept, the current one. */
function prune(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    if (FILE.test(name) && join(dir, name) !== keep) rmSync(join(dir, name), { force: true });
  }
}

/**
 * SHA-256 of everything the persisted data depends on: the articles, aliases and glossary; the
 * code that splits and analyses text and fills the index (the compiled files of src/knowledge and
 * src/search, their sub-folders included, and the engine); the versions of the packages that code
 * uses; the file format.
 */
export function indexKey(knowledge: Knowledge): string {
  const hash = createHash('sha256').update(`${SNAPSHOT_FORMAT}\u0000${codeHash()}\u0000`);
  hash.update(JSON.stringify(knowledge.aliases)).update('\u0000').update(JSON.stringify(knowledge.glossary));
  // Bodies apart: stringifying 60 MB of text to JSON would take longer than hashing it.
  for (const { body, ...meta } of knowledge.articles) hash.update('\u0000').update(JSON.stringify(meta)).update('\u0000').update(body);
  return hash.digest('hex');
}

let code: string | undefined;
function codeHash(): string {
  if (code) return code;
  const here = dirname(fileURLToPath(import.meta.url));
  const src = dirname(here);
  const hash = createHash('sha256');
  const files = [
    ...['knowledge', 'search'].flatMap((d) => sourceFilesUnder(join(src, d))),
    ...readdirSync(src).filter((f) => /^engine\.(js|ts)$/.test(f)).map((f) => join(src, f)),
  ];
  for (const f of files) hash.update(f.slice(src.length)).update(readFileSync(f));
  for (const name of ['minisearch', 'stemmer']) hash.update(`${name}@${packageVersion(name)}`);
  return (code = hash.digest('hex'));
}

/** The .js/.ts files in `dir` and all its sub-folders (src/search has one per job), sorted by path. */
function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(js|ts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The version in the package.json of the installed package `name`, '?' when it cannot be found. */
export function packageVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch {
      // not the package's own folder yet
    }
  }
  return '?';
}
