import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Layers from the bottom: reading and validating files, search (reading the question, then the
 * passage index), answers, the engine, what builds and swaps engines, and the surfaces. A layer may
 * import its own and lower layers only, so that `src/knowledge` can be understood (and reused by
 * the CLIs) without the engine behind it.
 */
const LAYERS: Array<[layer: string, paths: string[]]> = [
  ['fetch', ['src/fetch/']],
  ['extract', ['src/extract/']],
  ['knowledge', ['src/knowledge/']],
  ['feeds', ['src/feeds/']],
  // Search, in two rooms by job: reading a question (and passage text) into terms, then the
  // passage index over those terms. The index may use the reading, never the reverse.
  ['search/question', ['src/search/question/']],
  ['search/index', ['src/search/index/']],
  ['answer', ['src/answer/', 'src/input/', 'src/decision/']],
  ['engine', ['src/engine.ts', 'src/engine-types.ts']],
  ['runtime', ['src/runtime/']],
  ['store', ['src/store/']],
  ['surfaces', ['src/discord/', 'src/cli/', 'src/bench/', 'src/train/', 'commands/']],
];

const root = resolve(import.meta.dirname, '..');
const layerOf = (file: string) => LAYERS.findIndex(([, paths]) => paths.some((p) => file === p || file.startsWith(p)));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function localImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(root, resolve(root, dirname(file), s)).replace(/\.js$/, '.ts'));
}

describe('layering', () => {
  it('no module imports a layer above its own (src/knowledge only reads and validates files)', () => {
    const upward: string[] = [];
    for (const file of [...sourceFiles('src'), ...sourceFiles('commands')]) {
      const own = layerOf(file);
      if (own < 0) continue;
      for (const target of localImports(file)) {
        const theirs = layerOf(target);
        if (theirs > own) upward.push(`${file} imports ${target} (${LAYERS[own]![0]} → ${LAYERS[theirs]![0]})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('knows every source folder, so a new one cannot slip past the check', () => {
    const unknown = sourceFiles('src').filter((f) => layerOf(f) < 0);
    expect(unknown).toEqual([]);
  });
});
