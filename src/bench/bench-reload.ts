#!/usr/bin/env node
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Answer } from '../answer/types.js';
import { defaultKnowledgeDir } from '../engine.js';
import { DEFAULT_DEBOUNCE_MS, KnowledgeHolder } from '../runtime/knowledge-holder.js';
import { median, PROBE_QUESTION, probeGenerations, waitUntilServing, writeProbe } from './reload-probe.js';
import { runBench } from './stats.js';

/**
 * Measures reloading on a copy of the knowledge (the real folder is never touched):
 * 1. `reload()` on demand, as `/reload` runs it: load, validate, build, swap;
 * 2. a file change → the watcher → the new index serving, with the bot's debounce;
 * 3. questions asked while the index is replaced again and again: none may be lost, and each must
 *    come from one whole index (the probe article names its generation in every passage).
 */

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '10' },
    questions: { type: 'string', default: '100' },
    debounce: { type: 'string', default: String(DEFAULT_DEBOUNCE_MS) },
  },
});
const CHANGES = Number(values.changes);
const QUESTIONS = Number(values.questions);
const DEBOUNCE_MS = Number(values.debounce);
/** Fast reloads for the load test, so many swaps happen while the questions run. */
const LOAD_TEST_DEBOUNCE_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const stats = (xs: number[]) => `median ${fmt(median(xs))}, max ${fmt(Math.max(...xs))}`;

async function devQuestions(): Promise<string[]> {
  // The dev questions ship with the tests; fall back to a few if the bench runs without them.
  const path = join(defaultKnowledgeDir(), '..', 'test', 'fixtures', 'dev-questions.jsonl');
  const text = await readFile(path, 'utf8').catch(() => '');
  const qs = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { q: string; ood?: boolean })
    .filter((q) => !q.ood)
    .map((q) => q.q);
  return qs.length ? qs : ['What is Qwen?', 'How many users has Ernie Bot attracted?', 'Who founded Baichuan?'];
}

async function onDemand(dir: string, generation: { n: number }): Promise<number[]> {
  const holder = await KnowledgeHolder.open(dir);
  const times: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    await writeProbe(dir, ++generation.n);
    const result = await holder.reload();
    if (!result.ok || !result.changed) throw new Error(`reload ${i} did not swap: ${JSON.stringify(result)}`);
    times.push(result.ms);
  }
  return times;
}

async function watched(dir: string, generation: { n: number }): Promise<number[]> {
  const holder = await KnowledgeHolder.open(dir, { debounceMs: DEBOUNCE_MS });
  holder.watch();
  const times: number[] = [];
  try {
    for (let i = 0; i < CHANGES; i++) {
      const since = performance.now();
      await writeProbe(dir, ++generation.n);
      times.push(await waitUntilServing(holder.engine, generation.n, since));
      await sleep(50);
    }
  } finally {
    holder.close();
  }
  return times;
}

interface LoadResult {
  answered: number;
  lost: number;
  mixed: number;
  older: number;
  changedOther: number;
  swaps: number;
  answerMs: number[];
  /** How late a question started against its schedule: the event loop is busy while an index builds. */
  waitMs: number[];
  serveMs: number[];
}

async function underLoad(dir: string, generation: { n: number }): Promise<LoadResult> {
  const holder = await KnowledgeHolder.open(dir, { debounceMs: LOAD_TEST_DEBOUNCE_MS });
  holder.watch();
  const others = await devQuestions();
  // Only the probe changes, so every other question must get exactly its answer from before.
  const before = new Map<string, Answer>(others.map((q) => [q, holder.engine().answer(q)]));
  const r: LoadResult = { answered: 0, lost: 0, mixed: 0, older: 0, changedOther: 0, swaps: 0, answerMs: [], waitMs: [], serveMs: [] };
  let done = false;
  const startSwaps = holder.generation;

  const writer = (async () => {
    while (!done) {
      const since = performance.now();
      await writeProbe(dir, ++generation.n);
      r.serveMs.push(await waitUntilServing(holder.engine, generation.n, since));
    }
  })();

  let lastSeen = 0;
  for (let i = 0; i < QUESTIONS; i++) {
    const probe = i % 2 === 0;
    const question = probe ? PROBE_QUESTION : others[i % others.length]!;
    const t = performance.now();
    let answer: Answer | undefined;
    try {
      answer = holder.engine().answer(question);
    } catch {
      answer = undefined;
    }
    r.answerMs.push(performance.now() - t);
    if (!answer?.answered || answer.citations.length === 0) r.lost++;
    else r.answered++;
    if (answer && probe) {
      const gens = probeGenerations(answer);
      if (gens.length !== 1) r.mixed++;
      else if (gens[0]! < lastSeen) r.older++;
      else lastSeen = gens[0]!;
    } else if (answer && JSON.stringify(answer) !== JSON.stringify(before.get(question))) r.changedOther++;
    const pause = i % 10 === 0 ? 20 : 2;
    const due = performance.now() + pause;
    await sleep(pause);
    r.waitMs.push(Math.max(0, performance.now() - due));
  }
  done = true;
  await writer;
  r.swaps = holder.generation - startSwaps;
  holder.close();
  return r;
}

async function main(): Promise<number> {
  const root = await mkdtemp(join(tmpdir(), 'bench-reload-'));
  const dir = join(root, 'knowledge');
  try {
    await cp(defaultKnowledgeDir(), dir, { recursive: true });
    const generation = { n: 1000 }; // high numbers never collide with numbers in the questions
    await writeProbe(dir, generation.n);
    const first = await KnowledgeHolder.open(dir);
    const s = first.engine().stats;
    console.log(`bench:reload on a copy of the knowledge: ${s.articles} articles, ${s.passages} passages, ${s.aliases} alias groups`);

    const onDemandMs = await onDemand(dir, generation);
    console.log(`reload() on demand (load + validate + build + swap): ${stats(onDemandMs)} over ${CHANGES} changes`);

    const watchMs = await watched(dir, generation);
    console.log(`file change → new index serving (watcher, debounce ${DEBOUNCE_MS} ms): ${stats(watchMs)} over ${CHANGES} changes`);

    const load = await underLoad(dir, generation);
    console.log(
      `${QUESTIONS} questions during ${load.swaps} reloads (debounce ${LOAD_TEST_DEBOUNCE_MS} ms): ${load.answered} answered, ${load.lost} lost, ` +
        `${load.mixed} from a mixed index, ${load.older} from an older index after a newer one, ${load.changedOther} other answers changed`,
    );
    console.log(`  answer time during reloads: ${stats(load.answerMs)}; question start delay (event loop busy building): ${stats(load.waitMs)}`);
    console.log(`  file change → new index serving under load: ${stats(load.serveMs)}`);
    return load.lost + load.mixed + load.older + load.changedOther === 0 ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

runBench('bench:reload', main);
