import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir } from '../../src/engine.js';

/** A throwaway copy of the real knowledge folder (tests must never change `knowledge/`). */
export async function tempKnowledge(): Promise<{ dir: string; root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'knowledge-test-'));
  const dir = join(root, 'knowledge');
  await cp(defaultKnowledgeDir(), dir, { recursive: true });
  return { dir, root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Captures what a CLI writes, for assertions. */
export function captureOutput(): { out: string[]; err: string[]; io: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}
