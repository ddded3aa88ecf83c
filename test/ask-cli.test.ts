import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerJsonSchema } from '../src/answer/json-contract.js';

// The CLI is tested as users run it: the compiled script (`npm test` compiles first), in a process.
const root = join(import.meta.dirname, '..');
const script = join(root, 'dist', 'src', 'cli', 'ask.js');

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
