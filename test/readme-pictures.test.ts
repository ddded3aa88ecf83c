/**
 * Issue 18, item 6: the README's pictures come from the bot's real replies, drawn by Chromium with
 * @skyra/discord-components-core (`npm run pictures`). The markdown conversion is checked here on
 * its own; the whole command runs where Debian's Chromium is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml, messageHtml } from '../src/cli/discord-html.js';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('a bot reply as HTML for the Discord web components', () => {
  it('turns the markdown the replies use into elements, and escapes what members typed', () => {
    const now = Date.UTC(2026, 0, 2);
    const html = markdownToHtml('**[1]** [A title](https://example.com/a?b=1) — about *May* 2023\n> a <script> quote\n> on two lines\n-# asked <t:' + (now / 1000 - 7200) + ':R>\n5 \\* 3', now);
    expect(html).toBe(
      '<discord-bold>[1]</discord-bold> <discord-link href="https://example.com/a?b=1">A title</discord-link> — about <discord-italic>May</discord-italic> 2023<br>' +
        '<discord-quote>a &lt;script&gt; quote<br>on two lines</discord-quote><br><small style="opacity:.7">asked 2 hours ago</small><br>5 * 3',
    );
  });

  it('draws the embed with its colour, title, fields and footer, and the buttons with their labels', () => {
    const html = messageHtml('x', {
      command: 'ask',
      embeds: [{ title: 'Q "quoted"', color: 0x2f6fdb, description: 'd', fields: [{ name: 'Sources', value: 'v' }], footer: { text: 'f' } }],
      rows: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'vote:up:1', label: 'Helpful', emoji: { name: '👍' } }, { type: 2, style: 5, url: 'https://example.com', label: 'Source' }] }],
    }, { name: 'Bot' });
    expect(html).toContain('color="#2f6fdb" embed-title="Q &quot;quoted&quot;"');
    expect(html).toContain('<discord-embed-field field-title="Sources">v</discord-embed-field>');
    expect(html).toContain('<discord-embed-footer slot="footer">f</discord-embed-footer>');
    expect(html).toContain('<discord-button type="secondary">👍 Helpful</discord-button><discord-button url="https://example.com">Source</discord-button>');
    expect(html).toContain('command="/ask"');
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe.skipIf(!existsSync(chromium))('npm run pictures', () => {
  it('writes the answer, "not sure" and /gaps pictures', () => {
    const out = mkdtempSync(join(tmpdir(), 'pictures-'));
    try {
      execFileSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'readme-pictures.js'), '--out', out], { stdio: 'pipe', timeout: 120_000 });
      for (const name of ['answer', 'not-sure', 'gaps']) {
        const { width, height } = pngSize(join(out, `${name}.png`));
        // Drawn at twice the size: a whole message, not an empty frame.
        expect(width, name).toBeGreaterThan(1000);
        expect(height, name).toBeGreaterThan(600);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);
});
