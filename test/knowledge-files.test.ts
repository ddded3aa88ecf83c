/**
 * What the loader, knowledge:check and knowledge:add do with files that are not plain, reasonably
 * sized UTF-8 articles: FIFOs and folders named *.md, programs, binary data, other encodings, and
 * articles over MAX_ARTICLE_KB. All three must agree, and none may hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runKnowledgeAdd } from '../src/cli/knowledge-add.js';
import { runKnowledgeCheck } from '../src/cli/knowledge-check.js';
import { formatFrontMatter } from '../src/knowledge/frontmatter.js';
import { formatProblem, KnowledgeError, loadKnowledge, readKnowledge } from '../src/knowledge/load.js';
import { KnowledgeHolder, type HolderLogger } from '../src/runtime/knowledge-holder.js';
import { captureOutput, tempKnowledge } from './support/temp-knowledge.js';

const META = { id: 'kimi-long-context', title: "Moonshot AI's Kimi reads long documents", publisher: 'Example News', author: null, published: '2024-03', publishedApprox: false, url: null, source: null };
const KIMI_TEXT = 'Moonshot AI said its Kimi assistant can read documents of two million Chinese characters in one go.';
const article = (body: string, meta: Record<string, unknown> = META) => formatFrontMatter(meta, body);

let dir: string;
let root: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, root, remove } = await tempKnowledge()));
afterEach(async () => {
  vi.unstubAllEnvs();
  await remove();
});

async function check(): Promise<{ code: number; out: string[] }> {
  const output = captureOutput();
  return { code: await runKnowledgeCheck(['--dir', dir], output.io), out: output.out };
}

async function loadProblems(limits = {}): Promise<string[]> {
  try {
    await loadKnowledge(dir, limits);
    return [];
  } catch (err) {
    if (err instanceof KnowledgeError) return err.problems.map(formatProblem);
    throw err;
  }
}

function warnings() {
  const lines: string[] = [];
  const logger: HolderLogger = { info() {}, warn: (m) => void lines.push(m), error: (m) => void lines.push(`error: ${m}`) };
  return { lines, logger };
}

describe('non-regular files in the knowledge folder', () => {
  it.skipIf(process.platform === 'win32')('a FIFO named *.md is named and skipped by the loader, knowledge:check and reloads, never read', async () => {
    const { lines, logger } = warnings();
    const holder = await KnowledgeHolder.open(dir, { logger });
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.md')]);
      await writeFile(join(dir, 'kimi.md'), article(KIMI_TEXT));

      const loaded = await loadKnowledge(dir); // before the fix, this waited for a writer forever
      expect(loaded.articles.map((a) => a.id)).toContain('kimi-long-context');
      expect(loaded.warnings.map(formatProblem)).toEqual([expect.stringMatching(/pipe\.md: skipped: a FIFO \(named pipe\), not a regular file/)]);

      const { code, out } = await check();
      expect(code).toBe(0);
      expect(out).toContainEqual(expect.stringMatching(/^warning: \S*pipe\.md: skipped: a FIFO/));

      // Every later reload too, not only the first.
      for (let i = 0; i < 2; i++) expect(await holder.reload()).toMatchObject({ ok: true });
      expect(holder.engine().sources().map((s) => s.id)).toContain('kimi-long-context');
      expect(lines.filter((l) => /pipe\.md: skipped: a FIFO/.test(l))).toHaveLength(2);
    } finally {
      holder.close();
    }
  });

  it('a folder named *.md is skipped with a warning instead of failing the load', async () => {
    await mkdir(join(dir, 'drafts.md'));
    const loaded = await loadKnowledge(dir);
    expect(loaded.articles).toHaveLength(5);
    expect(loaded.warnings.map(formatProblem)).toEqual([expect.stringMatching(/drafts\.md: skipped: a folder, not a regular file/)]);
  });
});

describe('binary and non-UTF-8 files', () => {
  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.from('Moonshot AI Kimi reads documents. '.repeat(600))]);
  const LATIN1 = Buffer.from('Zürich start-up Kimi said its café model reads long documents.\n', 'latin1');
  const WITH_NUL = Buffer.from('Moonshot AI said Kimi reads long documents.\u0000 It is fast.\n');
  const WITH_CONTROL = 'Moonshot AI said Kimi reads long documents.\u0007 It is fast.\n';

  const add = async (name: string, bytes: Buffer | string) => {
    await writeFile(join(root, name), bytes);
    const output = captureOutput();
    const before = await readdir(dir);
    const code = await runKnowledgeAdd([join(root, name), '--title', 'Kimi reads long documents', '--publisher', 'P', '--dir', dir], output.io);
    expect(await readdir(dir), 'nothing may be written').toEqual(before);
    return { code, ...output };
  };

  it.each([
    ['an executable', 'kimi-bin', ELF, /^knowledge:add: \S*kimi-bin: content: an ELF executable, not article text$/],
    ['a Latin-1 file', 'kimi-latin1.txt', LATIN1, /^knowledge:add: \S*kimi-latin1\.txt: encoding: not UTF-8 text \(line 1 is not valid UTF-8.*save it as UTF-8$/],
    ['text with a NUL byte', 'kimi-nul.txt', WITH_NUL, /^knowledge:add: \S*kimi-nul\.txt: content: binary data \(a NUL byte at byte 43\)/],
    ['text with a control character', 'kimi-bell.txt', WITH_CONTROL, /^knowledge:add: \S*kimi-bell\.txt: content: binary data \(control character U\+0007 on line 1\)/],
  ])('knowledge:add refuses %s with exit 2 and one line naming the file', async (_what, name, bytes, message) => {
    const { code, out, err } = await add(name, bytes);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(message)]);
  });

  it('the loader and knowledge:check refuse the same files, naming file and field', async () => {
    const header = Buffer.from(article('PLACEHOLDER').split('PLACEHOLDER')[0]!);
    await writeFile(join(dir, 'latin1.md'), Buffer.concat([header, LATIN1]));
    await writeFile(join(dir, 'nul.md'), Buffer.concat([header, WITH_NUL]));
    await writeFile(join(dir, 'program.md'), ELF);
    const expected = [
      expect.stringMatching(/latin1\.md: encoding: not UTF-8 text \(line 12 is not valid UTF-8/),
      expect.stringMatching(/nul\.md: content: binary data \(a NUL byte at byte \d+\)/),
      expect.stringMatching(/program\.md: content: an ELF executable, not article text/),
    ];
    expect(await loadProblems()).toEqual(expected);
    const { code, out } = await check();
    expect(code).toBe(1);
    expect(out.filter((l) => !l.startsWith('warning:')).slice(0, 3)).toEqual(expected);

    const { lines, logger } = warnings();
    await writeFile(join(dir, 'nul.md'), article(KIMI_TEXT)); // only nul.md fixed: still refused, nothing served from it
    const holder = await KnowledgeHolder.open(dir, { logger }).catch((err: unknown) => err);
    expect(holder).toBeInstanceOf(KnowledgeError);
    expect(lines).toEqual([]);
  });
});

describe('blocking reads (the engine worker, ask)', () => {
  it.skipIf(process.platform === 'win32')('find the same articles, problems and skipped files as promise reads', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    await mkdir(join(dir, 'drafts.md'));
    await writeFile(join(dir, 'kimi.md'), article(KIMI_TEXT));
    await writeFile(join(dir, 'program.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    await writeFile(join(dir, 'latin1.md'), Buffer.from('caf\xe9\n', 'latin1'));
    await writeFile(join(dir, 'big.md'), article(`${KIMI_TEXT}\n\n`.repeat(3000)));
    const limits = { maxArticleBytes: 200 * 1024 }; // big.md is about 300 kB
    const promised = await readKnowledge(dir, limits);
    const blocking = await readKnowledge(dir, { ...limits, blocking: true });
    expect(blocking.problems.map(formatProblem)).toEqual(promised.problems.map(formatProblem));
    expect(blocking.problems.map((p) => p.field).sort()).toEqual(['content', 'encoding', 'size']);
    expect(blocking.warnings.map(formatProblem)).toEqual(promised.warnings.map(formatProblem));
    expect(blocking.warnings).toHaveLength(2); // the FIFO (never waited on) and the folder
    expect(blocking.articles).toEqual(promised.articles);
    expect(blocking.articles.map((a) => a.id)).toContain('kimi-long-context');
  });
});

describe('article size limit (MAX_ARTICLE_KB)', () => {
  const big = article(`${KIMI_TEXT}\n\n`.repeat(200)); // about 20 kB

  it('the loader, a reload, knowledge:check and knowledge:add refuse an article over the limit with file: size: problem', async () => {
    vi.stubEnv('MAX_ARTICLE_KB', '16');
    const { lines, logger } = warnings();
    const holder = await KnowledgeHolder.open(dir, { logger, maxArticleBytes: 16 * 1024 });
    try {
      const serving = holder.engine();
      await writeFile(join(dir, 'kimi.md'), big);
      const line = /kimi\.md: size: 20 kB, over the 16 kB an article may have \(MAX_ARTICLE_KB\); split it into several articles$/;

      expect(await loadProblems({ maxArticleBytes: 16 * 1024 })).toEqual([expect.stringMatching(line)]);
      const result = await holder.reload();
      expect(result).toMatchObject({ ok: false, problems: [{ file: expect.stringMatching(/kimi\.md$/), field: 'size' }] });
      expect(holder.engine()).toBe(serving);
      expect(lines).toEqual([expect.stringMatching(line)]);

      const { code, out } = await check();
      expect(code).toBe(1);
      expect(out[0]).toMatch(line);

      await writeFile(join(root, 'kimi.txt'), `${KIMI_TEXT}\n\n`.repeat(200));
      const output = captureOutput();
      await writeFile(join(dir, 'kimi.md'), article(KIMI_TEXT, { ...META, id: 'kimi-short' })); // the folder must be clean for add
      const added = await runKnowledgeAdd([join(root, 'kimi.txt'), '--title', 'Kimi again', '--publisher', 'P', '--dir', dir], output.io);
      expect(added).toBe(2);
      expect(output.err).toEqual([expect.stringMatching(/^knowledge:add: \S*kimi\.txt: size: 20 kB, over the 16 kB/)]);
    } finally {
      holder.close();
    }
  });

  it('defaults to 1,024 kB and refuses a setting that is not a whole number of kB', async () => {
    await writeFile(join(dir, 'kimi.md'), big);
    expect(await loadProblems()).toEqual([]);
    vi.stubEnv('MAX_ARTICLE_KB', '1.5');
    const output = captureOutput();
    expect(await runKnowledgeCheck(['--dir', dir], output.io)).toBe(2);
    expect(output.err).toEqual(['knowledge:check: MAX_ARTICLE_KB expected a whole number of kB ≥ 1 (default 1024)']);
  });
});
