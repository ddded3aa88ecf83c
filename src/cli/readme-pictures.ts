/**
 * `npm run pictures [-- --out DIR]`: the README's pictures of an answer, a "not sure" reply and
 * /gaps, made from the bot's real replies: the engine over knowledge/ answers, the same renderers
 * as the commands build the embeds and buttons, a question store in a temporary folder holds the
 * questions /gaps reports; Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) draws
 * them with @skyra/discord-components-core and each is saved as a PNG (default docs/pictures/).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import puppeteer from 'puppeteer-core';
import { defaultKnowledgeDir, loadEngine } from '../engine.js';
import { answerEmbed } from '../discord/render/answer-reply.js';
import { buttonRows } from '../discord/render/buttons.js';
import { renderGapsEmbed } from '../discord/render/gaps.js';
import { openStore } from '../store/open.js';
import { newQuestionId } from '../store/question-id.js';
import { outcomeOf } from '../store/types.js';
import { messageHtml, type BotMessage } from './discord-html.js';

const ANSWERED = 'How many LLMs did China release in 2023?';
const NOT_SURE = 'How much funding has MiniMax raised so far?';
/** What members asked that the articles do not answer (the /gaps picture), with how many people asked. */
const GAP_QUESTIONS: Array<[question: string, askers: number]> = [
  ['How much funding has MiniMax raised so far?', 3],
  ['How much money has MiniMax raised?', 1],
  ['When will DeepSeek release its next model?', 2],
  ['What is a good recipe for pizza dough?', 1],
];

async function messages(): Promise<Record<string, BotMessage>> {
  const engine = await loadEngine();
  const reply = (question: string): BotMessage => {
    const answer = engine.answer(question);
    return { command: 'ask', embeds: [answerEmbed(answer).toJSON()], rows: buttonRows(answer, newQuestionId()) };
  };
  const dir = mkdtempSync(join(tmpdir(), 'pictures-'));
  const store = await openStore({ enabled: true, dataDir: dir, secret: 'pictures-only-secret-0000' });
  try {
    const now = Date.now();
    let user = 0;
    for (const [question, askers] of GAP_QUESTIONS) {
      const answer = engine.answer(question);
      for (let i = 0; i < askers; i++) {
        const shown = answer.answered ? answer.citations : answer.related;
        store.record({ id: newQuestionId(), userId: `user-${++user}`, surface: 'slash', place: 'a-server', question, outcome: outcomeOf(answer), passageIds: shown.map((c) => c.passageId), at: now - user * 47 * 60_000 });
      }
    }
    await store.flush();
    const gaps = await store.gaps({ scope: { place: 'a-server' }, days: 30, now });
    return {
      answer: reply(ANSWERED),
      'not-sure': reply(NOT_SURE),
      gaps: { command: 'gaps', embeds: [renderGapsEmbed(gaps, 30)] },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lit and the components as ES modules, resolved by the page's import map. */
function modulesFolder(): string {
  const entry = createRequire(import.meta.url).resolve('@skyra/discord-components-core');
  let dir = dirname(entry);
  while (!dir.endsWith(`${sep}node_modules`)) dir = dirname(dir);
  return dir;
}

function page(body: string): string {
  const imports = { lit: '/m/lit/index.js', 'lit/': '/m/lit/', 'lit-html': '/m/lit-html/lit-html.js', 'lit-html/': '/m/lit-html/', 'lit-element/': '/m/lit-element/', '@lit/reactive-element': '/m/@lit/reactive-element/reactive-element.js', '@lit/reactive-element/': '/m/@lit/reactive-element/', '@lit/context': '/m/@lit/context/index.js' };
  return `<!doctype html><html><head><meta charset="utf-8"><script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">import '/m/@skyra/discord-components-core/dist/index.js'; await customElements.whenDefined('discord-message'); document.body.dataset.ready = '1';</script>
<style>body{margin:0;background:#313338;font-family:'DejaVu Sans',sans-serif}discord-messages{display:block;width:760px;border:none}</style></head><body>${body}</body></html>`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

export async function makePictures(outDir: string, browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<string[]> {
  const replies = await messages();
  const html = page(Object.entries(replies).map(([id, m]) => messageHtml(id, m, { name: 'China LLM News' })).join('\n'));
  const modules = modulesFolder();
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    const file = resolve(modules, `.${path.replace(/^\/m/, '')}`);
    if (!path.startsWith('/m/') || !file.startsWith(modules + sep)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  // --no-sandbox: Chromium's sandbox refuses to run as root, as CI containers do.
  const browser = await puppeteer.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
  try {
    const tab = await browser.newPage();
    await tab.setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: 'networkidle0' });
    await tab.waitForSelector('body[data-ready="1"]', { timeout: 15_000 });
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const id of Object.keys(replies)) {
      const element = await tab.$(`#${id}`);
      if (!element) throw new Error(`#${id} was not drawn`);
      const file = join(outDir, `${id}.png`);
      await element.screenshot({ path: file as `${string}.png` });
      written.push(file);
    }
    return written;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1] ?? '') : join(dirname(defaultKnowledgeDir()), 'docs', 'pictures');
  makePictures(out).then(
    (files) => console.log(`wrote ${files.join(', ')}`),
    (error: unknown) => {
      console.error(`pictures: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
