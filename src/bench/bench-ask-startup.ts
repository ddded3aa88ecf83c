#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultKnowledgeDir } from '../engine.js';
import { percentile, runBench } from './stats.js';

/**
 * Whole-process time of one `ask --json`, what a person waits for at the terminal: start-up
 * (imports, reading the knowledge, the persisted index, the decision model) and one answer.
 *
 *   npm run bench:ask-startup [-- --runs 15] [--question "…"] [--compare /path/to/other/checkout]
 *
 * Each checkout is run two ways, `node dist/src/cli/ask.js --json Q` and `npm run ask -- --json Q`,
 * each with its own DATA_DIR (a temporary folder, warmed by one untimed run, so the index is there
 * as it is for anyone who has asked before). `--compare` adds another built checkout (e.g. the
 * commit before a change: `git worktree add /tmp/before <commit>`, then `npm ci && npm run build`
 * there), so both are measured in the same run, on the same machine state. Runs alternate: each
 * round runs every variant once, the first one rotating, so a slow stretch of a shared machine
 * falls on all of them alike. Figures only; nothing is asserted.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    question: { type: 'string', default: 'How many LLMs did China release in 2023?' },
    compare: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const QUESTION = values.question;

interface Variant {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  dataDir: string;
  times: number[];
}

/**
 * The environment of a terminal, not of the `npm run` this bench runs under: npm's own variables
 * (npm_config_*, npm_lifecycle_*, …) would otherwise change what the inner `npm run` does.
 */
function childEnv(dataDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
  return { ...env, DATA_DIR: dataDir };
}

/** Runs one variant to the end; its wall time in ms, its stdout. Throws unless it exits with 0. */
function run(v: Variant): Promise<{ ms: number; stdout: string }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(v.command, v.args, { cwd: v.cwd, env: childEnv(v.dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code === 0) done({ ms, stdout });
      else fail(new Error(`${v.label} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

function variants(root: string, name: string, dataDirs: string): Variant[] {
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'ask.js'))) throw new Error(`${root} is not built: run npm ci && npm run build there`);
  const dataDir = mkdtempSync(join(dataDirs, `${name}-`));
  return [
    { label: `${name}: node dist/src/cli/ask.js`, command: process.execPath, args: ['dist/src/cli/ask.js', '--json', QUESTION], cwd: root, dataDir, times: [] },
    { label: `${name}: npm run ask`, command: 'npm', args: ['run', 'ask', '--', '--json', QUESTION], cwd: root, dataDir, times: [] },
  ];
}

const sec = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function main(): Promise<number> {
  const here = resolve(defaultKnowledgeDir(), '..');
  const dataDirs = mkdtempSync(join(tmpdir(), 'bench-ask-startup-'));
  try {
    const all = [...variants(here, 'this', dataDirs), ...(values.compare ? variants(resolve(values.compare), 'compare', dataDirs) : [])];
    // Warm-up: writes each DATA_DIR's index (and whatever else a first run leaves there).
    const answers = new Map<string, string>();
    for (const v of all) {
      const { stdout } = await run(v);
      if (v.command === process.execPath) answers.set(v.label, stdout);
    }
    if (new Set(answers.values()).size > 1) console.log('note: the checkouts answer differently:\n' + [...answers].map(([l, a]) => `  ${l}: ${a.trim()}`).join('\n'));
    for (let round = 0; round < RUNS; round++) {
      for (let i = 0; i < all.length; i++) {
        const v = all[(round + i) % all.length]!;
        v.times.push((await run(v)).ms);
      }
    }
    console.log(`ask --json "${QUESTION}": ${RUNS} runs each, alternating, warm DATA_DIR`);
    const width = Math.max(...all.map((v) => v.label.length));
    for (const v of all) {
      const sorted = [...v.times].sort((a, b) => a - b);
      console.log(`  ${v.label.padEnd(width)}  median ${sec(percentile(sorted, 50))}  p90 ${sec(percentile(sorted, 90))}  min ${sec(sorted[0]!)}`);
    }
    return 0;
  } finally {
    rmSync(dataDirs, { recursive: true, force: true });
  }
}

runBench('bench-ask-startup', main);
