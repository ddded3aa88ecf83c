import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Answer } from '../answer/types.js';
import type { Engine } from '../engine-types.js';
import { formatFrontMatter } from '../knowledge/frontmatter.js';

/**
 * A throwaway article rewritten with a new generation number for each reload, so a measurement can
 * tell which index answered: every passage names its generation, and an answer whose citations
 * name two generations would have come from a half-built (mixed) index.
 */
export const PROBE_ID = 'zorblax-reload-probe';
export const PROBE_QUESTION = 'What does the zorblax reload probe count?';

export function probeArticleText(generation: number): string {
  const body = [
    `Zorblax reload probe generation ${generation}`,
    '',
    `The zorblax reload probe counts rebuilds of the index, and this copy is generation ${generation}.`,
    `Every zorblax probe passage in generation ${generation} names the same generation number.`,
    `A question about the zorblax probe counts on one whole index, here generation ${generation}.`,
  ].join('\n');
  const meta = { id: PROBE_ID, title: `Zorblax reload probe ${generation}`, publisher: 'bench', author: null, published: null, publishedApprox: false, url: null, source: null };
  return formatFrontMatter(meta, body);
}

/** Writes generation `generation` of the probe into `dir` (a plain write, as an editor would). */
export async function writeProbe(dir: string, generation: number): Promise<void> {
  await writeFile(join(dir, `${PROBE_ID}.md`), probeArticleText(generation));
}

/** The generation numbers the probe citations of `answer` name (one distinct value for a whole index). */
export function probeGenerations(answer: Answer): number[] {
  const found = new Set<number>();
  for (const c of answer.citations) {
    if (c.articleId !== PROBE_ID) continue;
    for (const m of c.snippet.matchAll(/generation (\d+)/g)) found.add(Number(m[1]));
    const inTitle = /(\d+)$/.exec(c.title);
    if (inTitle) found.add(Number(inTitle[1]));
  }
  return [...found];
}

/** Milliseconds from `since` until `engine()` answers the probe from `generation`, polling every ms. */
export async function waitUntilServing(engine: () => Engine, generation: number, since: number, timeoutMs = 5000): Promise<number> {
  for (;;) {
    const gens = probeGenerations(engine().answer(PROBE_QUESTION));
    if (gens.length === 1 && gens[0] === generation) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`generation ${generation} not served after ${timeoutMs} ms (serving ${gens.join(', ') || 'none'})`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
