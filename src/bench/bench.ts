import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEngine, defaultKnowledgeDir } from '../engine.js';
import type { Engine } from '../engine-types.js';
import { loadKnowledge, type Knowledge } from '../knowledge/load.js';
import { median, ms, summarise } from './stats.js';
import { syntheticKnowledge } from './synthetic.js';

/**
 * `npm run bench`: index build time, per-question latency (in-process, warm), the same at 100 and
 * 1,000 synthetic articles (and 10,000 with `--large`), heap used, the start from a persisted
 * index (DATA_DIR) next to a cold build, and whole-process `ask` time. Figures only; no assertions.
 *
 *   npm run bench                      real, x100, x1000, whole-process ask
 *   npm run bench -- --large           …and x10000 (several minutes; about 1.5 GB of memory)
 *   npm run bench -- --only 10000      one synthetic size, nothing else (as bench:memory runs it)
 */
const args = process.argv.slice(2);
const only = args.includes('--only') ? Number(args[args.indexOf('--only') + 1]) : null;
const large = args.includes('--large');

/** The persisted index, where this build has one (the bench also runs on older commits, to compare). */
type Persist = typeof import('../runtime/persisted-index.js');
const persist: Persist | null = await import('../runtime/persisted-index.js').catch(() => null);
const root = dirname(defaultKnowledgeDir());
const readSet = (name: string) =>
  readFileSync(join(root, 'test', 'fixtures', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { q: string }).q);
// Well-formed questions and questions as people type them (casual, Chinese, long): the second kind
// takes the shorthand, typo, focus and glossary paths.
const questions = [...readSet('dev-questions.jsonl'), ...readSet('realistic-questions.jsonl')];

/** Cold start, as the bot and `ask` pay it: load, index, and the first casual question (lexicon included). */
async function timeStartup(): Promise<number> {
  const t0 = performance.now();
  const engine = createEngine(await loadKnowledge(defaultKnowledgeDir()));
  engine.answer('whats the deal w/ alibbas qwen tbh');
  return performance.now() - t0;
}

function timeBuild(knowledge: Knowledge, runs: number): { engine: Engine; buildMs: number } {
  const times: number[] = [];
  let engine: Engine | undefined;
  for (let i = 0; i < runs; i++) {
    engine = undefined;
    global.gc?.(); // each build starts from a clean heap, not the garbage of the one before
    const t0 = performance.now();
    engine = createEngine(knowledge, { answerCacheSize: 0 }); // measure retrieval, not the answer cache
    times.push(performance.now() - t0);
  }
  return { engine: engine!, buildMs: median(times) };
}

function timeQuestions(engine: Engine, repetitions: number) {
  for (const q of questions) engine.answer(q); // warm up
  const samples: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      engine.answer(q);
      samples.push(performance.now() - t0);
    }
  }
  return summarise(samples);
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function report(label: string, knowledge: Knowledge, buildRuns: number, reps: number) {
  const heapBefore = heapMb();
  const { engine, buildMs } = timeBuild(knowledge, buildRuns);
  const heapAfter = heapMb();
  const lat = timeQuestions(engine, reps);
  console.log(
    `${label.padEnd(22)} ${String(engine.stats.articles).padStart(5)} articles ${String(engine.stats.passages).padStart(6)} passages | build ${ms(buildMs).padStart(10)} | ` +
      `answer p50 ${ms(lat.p50)} p95 ${ms(lat.p95)} p99 ${ms(lat.p99)} (n=${lat.n}) | heap +${(heapAfter - heapBefore).toFixed(1)} MB`,
  );
  reportWarmStart(label, knowledge, buildRuns);
}

/**
 * Start from the persisted index: the knowledge loaded, its index file in a fresh DATA_DIR (written
 * by one cold build), then the engine built from that file, as a restart over unchanged knowledge does.
 */
function reportWarmStart(label: string, knowledge: Knowledge, runs: number) {
  if (!persist) return console.log(`${''.padEnd(22)} warm start: no persisted index in this build`);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-index-'));
  try {
    const { file } = persist.buildWithPersistedIndex(knowledge, dataDir, { answerCacheSize: 0 });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      global.gc?.();
      const t0 = performance.now();
      const warm = persist.buildWithPersistedIndex(knowledge, dataDir, { answerCacheSize: 0 });
      times.push(performance.now() - t0);
      if (warm.from !== 'persisted') throw new Error(`warm start did not read ${file}: ${warm.problem}`);
    }
    const mb = statSync(file).size / 2 ** 20;
    console.log(`${''.padEnd(22)} warm start from the persisted index ${ms(median(times))} (median of ${runs}) | index file ${mb.toFixed(1)} MB`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function timeProcess(command: string, args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const real = await loadKnowledge(defaultKnowledgeDir());
if (only !== null) {
  // One size alone, so that its heap is not mixed with that of the others (bench:memory).
  report(`synthetic x${only}`, syntheticKnowledge(real, only), 1, 5);
  process.exit(0);
}
const startupMs = await timeStartup();
console.log(`node ${process.version}, ${questions.length} questions (dev + realistic)${global.gc ? '' : ' (run with --expose-gc for exact heap figures)'}\n`);
console.log(`cold start (load + index + first casual question, lexicon included): ${ms(startupMs)}\n`);
report('real knowledge', real, 20, 200);
report('synthetic x100', syntheticKnowledge(real, 100), 5, 20);
report('synthetic x1000', syntheticKnowledge(real, 1000), 3, 20);
if (large) report('synthetic x10000', syntheticKnowledge(real, 10000), 1, 5);

console.log('\nwhole process, median of 9 (ask keeps its index in ./data, DATA_DIR, after the first run):');
for (const question of ['How many LLMs did China release in 2023?', 'whats the deal w/ alibbas qwen tbh']) {
  const npmMs = timeProcess('npm', ['run', '--silent', 'ask', '--', '--json', question], 9);
  const nodeMs = timeProcess(process.execPath, [join(root, 'dist', 'src', 'cli', 'ask.js'), '--json', question], 9);
  console.log(`  "${question}": npm run --silent ask -- --json … ${ms(npmMs)}; node dist/src/cli/ask.js --json … ${ms(nodeMs)}`);
}
