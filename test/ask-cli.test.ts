import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerJsonSchema } from '../src/answer/json-contract.js';

// The CLI is tested as users run it: the compiled script (`npm test` compiles first), in a process.
const root = join(import.meta.dirname, '..');
const script = join(root, 'dist', 'src', 'cli', 'ask.js');
// The CLI persists its index in DATA_DIR: a throwaway one, never the project's ./data.
const dataDir = mkdtempSync(join(tmpdir(), 'ask-cli-data-'));
process.env.DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function ask(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run ask', () => {
  beforeAll(() => {
    if (!existsSync(script)) throw new Error(`${script} is missing: run "npm run build" first (npm test does)`);
  });

  it('prints a readable answer with numbered sources: title, publisher, date, link', () => {
    const r = ask(['How many LLMs did China release in 2023?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('in 2023, China has taken the lead with 19 LLMs');
    expect(r.stdout).toMatch(/\[1\] China accelerates launch of large-language models as Elon Musk visits Beijing — Interesting Engineering — about May 2023/);
    expect(r.stdout).toContain('https://interestingengineering.com/');
  });

  it('--follow-up answers a question without its own subject on the previous one, and says how it took it', () => {
    const r = ask(['--follow-up', 'How many LLMs did China release in 2023?', 'and the year before?']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Taken as: How many LLMs did China release in 2022\?\n/);
    expect(r.stdout).toContain("China's 28");
    const json = JSON.parse(ask(['--json', '--follow-up', 'What is Qwen?', 'who made it?']).stdout);
    expect(json).toMatchObject({ question: 'who made Qwen?' });
    expect([...json.citations, ...json.related][0].snippet).toMatch(/Qwen/);
    expect(JSON.parse(ask(['--json', 'who made it?']).stdout).answered).toBe(false);
    expect(ask(['--follow-up']).code).toBe(2);
  });

  it('--json prints exactly one JSON object that matches the contract', () => {
    const r = ask(['--json', 'What is Qwen?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const obj = answerJsonSchema.parse(JSON.parse(lines[0]!));
    expect(obj).toMatchObject({ question: 'What is Qwen?', answered: true });
    expect(obj.answer).toMatch(/\[1\]/);
    expect(obj.citations[0]).toMatchObject({ n: 1, articleId: 'china-wants-to-dominate-in-ai', publisher: 'CNBC', url: null });
    expect(obj.citations[0]!.passageId).toMatch(/^china-wants-to-dominate-in-ai#\d+$/);
  });

  it('--json on an off-topic question: answered false, a helpful message, no citations', () => {
    const obj = answerJsonSchema.parse(JSON.parse(ask(['--json', 'How tall is Mount Everest?']).stdout));
    expect(obj).toMatchObject({ answered: false, citations: [] });
    expect(obj.answer).toMatch(/Chinese large language models/);
    // The JSON answer is what a person reads anywhere: no terminal hint in it.
    expect(obj.answer).not.toMatch(/npm run ask/);
  });

  it('--json - answers stdin line by line, in order, skipping empty lines and carrying on after bad ones', () => {
    const long = 'x'.repeat(501);
    const r = ask(['--json', '-'], `What is Qwen?\n\n   \n${long}\nWho is Huang Minlie?\nWrite me a poem\n`);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => answerJsonSchema.parse(JSON.parse(l)));
    expect(out.map((o) => o.question)).toEqual(['What is Qwen?', long, 'Who is Huang Minlie?', 'Write me a poem']);
    expect(out.map((o) => o.answered)).toEqual([true, false, true, false]);
    expect(out[1]!.error).toMatch(/longer than 500 characters/);
    expect(out[3]!.error).toBeUndefined();
  });

  it.each([
    ['an empty question', ['--json', '  ']],
    ['a question over 500 characters', ['--json', 'q'.repeat(501)]],
    ['no question at all', []],
  ])('refuses %s with a clear error on stderr and exit code 2', (_what, args) => {
    const r = ask(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ask: the question is (empty|longer than 500 characters)/);
  });

  it('--sources lists the articles with their passage counts', () => {
    const r = ask(['--sources']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').filter((l) => /^\d+\./.test(l))).toHaveLength(5);
    expect(r.stdout).toContain('CNBC — about December 2024');
  });

  it('reports a broken knowledge folder by file and field, exit 1', () => {
    const r = spawnSync(process.execPath, [script, 'What is Qwen?'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KNOWLEDGE_DIR: join(root, 'test', 'fixtures', 'broken-knowledge') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad-date\.md: published: expected YYYY or YYYY-MM/);
  });
});

/** Runs `ask` with stdin and stdout as streams, for what spawnSync cannot do (close the reader, feed 40 MB). */
function askStreaming(args: string[], nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exit, out: () => ({ stdout, stderr }) };
}

describe('ask, edge input and output', () => {
  it('a reader that closes early (| head -1) ends the process quietly, exit 0', async () => {
    const run = spawn(process.execPath, [script, '--json', '-'], { cwd: root });
    let stderr = '';
    run.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    run.stdin.on('error', () => undefined); // the child may be gone before all questions are written
    run.stdin.end('What is Qwen?\nWho is Huang Minlie?\n'.repeat(5000));
    // head -1: read the first line, then close the pipe.
    const first = await new Promise<string>((resolve) => run.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    run.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => run.once('close', (c) => resolve(c)));
    expect(first).toMatch(/^\{"question":"What is Qwen\?"/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('refuses a 40 MB line without holding it, then answers the next question', async () => {
    // 96 MB of heap: reading the line whole needs several times its size, streaming needs none of it.
    const run = askStreaming(['--json', '-'], ['--max-old-space-size=96']);
    run.child.stdin.on('error', () => undefined);
    const chunk = 'Qwen '.repeat(200_000); // 1 MB
    run.child.stdin.write('What is Qwen?\n');
    for (let i = 0; i < 40; i++) {
      if (!run.child.stdin.write(chunk)) await once(run.child.stdin, 'drain');
    }
    run.child.stdin.end('\nWho is Huang Minlie?\n');
    const code = await run.exit;
    const { stdout, stderr } = run.out();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').map((l) => answerJsonSchema.parse(JSON.parse(l)));
    expect(out.map((o) => o.answered)).toEqual([true, false, true]);
    expect(out[1]!.error).toMatch(/longer than 500 characters/);
    expect(out[1]!.question.length).toBeLessThan(1000);
    expect(out[2]!.question).toBe('Who is Huang Minlie?');
  }, 60_000);

  it('-- ends the options, so a question may start with "-"; --help says so', () => {
    const r = ask(['--json', '--', '-what is Qwen?']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(answerJsonSchema.parse(JSON.parse(r.stdout))).toMatchObject({ question: '-what is Qwen?' });
    expect(ask(['--', '--json']).stdout).toMatch(/^Answer|I couldn't find/); // a question, not the option
    expect(ask(['--help']).stdout).toMatch(/-- ends the options: put it before a\s+question that starts with -/);
  });

  it('cleans questions as Discord does: zero-width characters and NUL change nothing', () => {
    const clean = ask(['--json', 'What is Qwen?']).stdout;
    expect(ask(['--json', 'What is\u200B Q\u200Dwen?\uFEFF']).stdout).toBe(clean);
    const batch = ask(['--json', '-'], 'What is\u0000Qwen?\nWhat is Qwen?\n').stdout.trim().split('\n');
    expect(batch[0]).toBe(batch[1]);
    expect(JSON.parse(batch[0]!).question).toBe('What is Qwen?');
  });

  it('skips lines that are blank once cleaned (spaces, zero-width characters) in batch mode', () => {
    const r = ask(['--json', '-'], '\u200B\n \t \nWhat is Qwen?\n\n');
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).question)).toEqual(['What is Qwen?']);
  });
});

describe('ask and the persisted index', () => {
  it('writes the index to DATA_DIR once and answers the same from it', () => {
    const first = ask(['--json', 'Who founded Moonshot AI?']);
    expect(readdirSync(dataDir).filter((f) => /^index-[0-9a-f]{16}\.bin$/.test(f))).toHaveLength(1);
    const second = ask(['--json', 'Who founded Moonshot AI?']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });
});
