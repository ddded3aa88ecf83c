/**
 * Reload without restart, end to end: the real bot on the loopback Discord serving a temp copy of
 * knowledge/ through a KnowledgeHolder, as `bot.ts` wires it. One bot watches its folder; the other
 * does not, so what `/reload` reports is not raced by the watcher.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logText } from './support/log-lines.js';
import type { ReloadResult } from '../src/runtime/knowledge-holder.js';
import { embedLimitViolations } from '../src/discord/render/limits.js';
import { RELOAD_REFUSED, renderReloadEmbed } from '../src/discord/render/reload.js';
import { snowflake, type InteractionResult } from './support/fake-discord/index.js';
import { tempKnowledge } from './support/temp-knowledge.js';
import { startBotOnFake, type BotOnFake } from './discord-harness.js';

const EPHEMERAL = 64;
const MANAGE_GUILD = 1 << 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function article(id: string, title: string, published: string, body: string): string {
  return `---\nid: ${id}\ntitle: "${title}"\npublisher: "Example News"\nauthor: null\npublished: "${published}"\npublishedApprox: false\nurl: null\nsource: null\n---\n${body}\n`;
}

const KIMI = article('kimi-long-context', "Moonshot AI's Kimi reads long documents", '2024-03',
  'Moonshot AI said its Kimi assistant can read documents of two million Chinese characters in one go.');
const KIMI_Q = 'How much text can Kimi read?';
const GLM = article('zhipu-glm-4-all-tools', 'Zhipu AI launches GLM-4 All Tools', '2024-01',
  'Zhipu AI said its GLM-4 All Tools model can browse the web, run code and draw pictures on its own.');
const GLM_Q = 'What can Zhipu AI GLM-4 All Tools do?';
/** Valid front matter shape, but a date the schema refuses: a fault with a file and a field. */
const BROKEN = article('broken-date', 'An article with a bad date', 'March 2024', 'Some text that never gets served.');
const BASELINE_Q = "How many users has Baidu's Ernie Bot attracted?";

/** The cited sources as the user sees them (the embed's Sources field). */
function sourcesShown(res: InteractionResult): string {
  const embed = (res.final ?? res.callback.data).embeds[0];
  return embed.fields?.find((f: { name: string }) => f.name === 'Sources')?.value ?? '';
}

describe('a watched knowledge folder', () => {
  let t: BotOnFake;
  let remove: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    ({ dir, remove } = await tempKnowledge());
    t = await startBotOnFake({ knowledge: { dir, watch: true, debounceMs: 100 } });
  });
  afterAll(async () => {
    await t?.close();
    await remove?.();
  });

  it('serves a new article to the next /ask once the file is written, no restart', async () => {
    expect(sourcesShown(await t.discord.sendCommand('ask', { question: KIMI_Q }))).not.toContain('Kimi reads long documents');
    const written = performance.now();
    await writeFile(join(dir, 'kimi.md'), KIMI);
    let res: InteractionResult;
    for (;;) {
      res = await t.discord.sendCommand('ask', { question: KIMI_Q });
      if (sourcesShown(res).includes('Kimi reads long documents')) break;
      expect(performance.now() - written, 'the new article was never served').toBeLessThan(3000);
      await sleep(10);
    }
    const ms = performance.now() - written;
    console.log(`watch: /ask cited the new article ${ms.toFixed(0)} ms after the file write (debounce 100 ms, rebuild ${t.reloads[0]?.ms} ms)`);
    expect(res.final.embeds[0].description).toContain('two million Chinese characters');
    expect(t.reloads).toMatchObject([{ ok: true, changed: true, diff: { articlesAdded: ['kimi-long-context'] } }]);
    expect(logText(t.logs).some((l) => /INFO knowledge reloaded: added 1 article \(kimi-long-context\)/.test(l))).toBe(true);
  });

  it('a broken file leaves the previous knowledge serving and logs file and field', async () => {
    const before = await t.discord.sendCommand('ask', { question: BASELINE_Q });
    const written = performance.now();
    await writeFile(join(dir, 'broken.md'), BROKEN);
    while (t.reloads.length < 2) {
      expect(performance.now() - written, 'the broken file never triggered a reload').toBeLessThan(3000);
      await sleep(10);
    }
    console.log(`watch: broken file refused ${(performance.now() - written).toFixed(0)} ms after the write`);
    expect(t.reloads[1]).toMatchObject({ ok: false, problems: [{ file: expect.stringMatching(/broken\.md$/), field: 'published' }] });
    expect(logText(t.logs).some((l) => /ERROR knowledge reload refused, still serving the previous knowledge: \S*broken\.md: published: expected YYYY/.test(l))).toBe(true);

    const after = await t.discord.sendCommand('ask', { question: BASELINE_Q });
    expect(after.callback.data.embeds).toEqual(before.callback.data.embeds);
    expect(sourcesShown(await t.discord.sendCommand('ask', { question: KIMI_Q }))).toContain('Kimi reads long documents');
    expect(t.discord.violations).toEqual([]);
  });
});

describe('/reload', () => {
  const ownerId = snowflake(); // a plain member of the guild, listed in OWNER_IDS
  let t: BotOnFake;
  let remove: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    ({ dir, remove } = await tempKnowledge());
    t = await startBotOnFake({ knowledge: { dir, watch: false }, ownerIds: [ownerId] });
  });
  afterAll(async () => {
    await t?.close();
    await remove?.();
  });

  const reload = (ctx: Parameters<BotOnFake['discord']['sendCommand']>[2] = {}) => t.discord.sendCommand('reload', {}, ctx);

  it('is registered for Manage Server holders, in the guild and in DMs with the bot', () => {
    const registered = t.discord.commands().guild.find((c) => c.name === 'reload');
    expect(registered).toMatchObject({ default_member_permissions: String(MANAGE_GUILD), contexts: [0, 1] });
    expect(registered?.options ?? []).toEqual([]);
  });

  it.each([
    ['a member without Manage Server', () => ({ userId: t.discord.memberUserId })],
    ['a member whose permissions Discord reports as none', () => ({ userId: t.discord.memberUserId, memberPermissions: '0' })],
    ['a non-owner in a DM', () => ({ userId: t.discord.adminUserId, guild: false })],
  ])('refuses %s, ephemerally, without reloading', async (_who, ctx) => {
    const res = await reload(ctx());
    expect(res.callback).toEqual({ type: 4, data: expect.objectContaining({ content: RELOAD_REFUSED, flags: EPHEMERAL }) });
    expect(t.reloads).toEqual([]);
  });

  it('an admin adds an article: the reply lists it with the new totals; /ask and /sources use it at once', async () => {
    const sourcesBefore = (await t.discord.sendCommand('sources')).callback.data.embeds[0];
    await writeFile(join(dir, 'glm.md'), GLM);
    const started = performance.now();
    const res = await reload({ userId: t.discord.adminUserId });
    const replyMs = performance.now() - started;
    const cited = await t.discord.sendCommand('ask', { question: GLM_Q });
    console.log(`/reload: ephemeral reply ${replyMs.toFixed(0)} ms after the command; /ask cited the new article ${(performance.now() - started).toFixed(0)} ms after it`);

    expect(res.callback).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(res.final.flags & EPHEMERAL).toBe(EPHEMERAL);
    const embed = res.final.embeds[0];
    const stats = t.holder!.engine().stats;
    expect(embed.title).toBe('Knowledge reloaded');
    expect(embed.description).toContain(`Now serving ${stats.articles} articles, ${stats.passages} passages`);
    expect(stats.articles).toBe(t.engine.stats.articles + 1);
    expect(embed.fields).toEqual([
      { name: 'Articles added (1)', value: '• zhipu-glm-4-all-tools' },
      { name: 'Passages', value: '1 added, 0 removed', inline: true },
    ]);
    expect(embedLimitViolations(embed)).toEqual([]);

    expect(sourcesShown(cited)).toContain('Zhipu AI launches GLM-4 All Tools');
    const sources = (await t.discord.sendCommand('sources')).callback.data.embeds[0];
    expect(sourcesBefore.description).not.toContain('GLM-4 All Tools');
    expect(sources.title).toBe(`Sources: ${stats.articles} articles, ${stats.passages} passages`);
    expect(sources.description).toContain('Zhipu AI launches GLM-4 All Tools');
    expect(logText(t.logs).some((l) => l.includes('INFO /reload by manage-guild: reloaded'))).toBe(true);
  });

  it('an OWNER_IDS user without the permission may reload, in the guild and in a DM', async () => {
    const inGuild = await reload({ userId: ownerId });
    expect(inGuild.final.embeds[0].title).toBe('Knowledge unchanged');
    const inDm = await reload({ userId: ownerId, guild: false });
    expect(inDm.final.embeds[0].title).toBe('Knowledge unchanged');
    expect(inDm.final.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(logText(t.logs).filter((l) => l.includes('INFO /reload by owner: nothing changed'))).toHaveLength(2);
  });

  it('Administrator implies Manage Server', async () => {
    const res = await reload({ userId: snowflake(), memberPermissions: String(1 << 3) });
    expect(res.final.embeds[0].title).toBe('Knowledge unchanged');
  });

  it('a broken file: /reload reports file, field and problem, and the previous knowledge keeps answering', async () => {
    const before = await t.discord.sendCommand('ask', { question: GLM_Q });
    await writeFile(join(dir, 'broken.md'), BROKEN);
    const res = await reload({ userId: t.discord.adminUserId });
    const embed = res.final.embeds[0];
    expect(embed.title).toBe('Reload refused: 1 problem');
    expect(embed.description).toMatch(/^• \S*broken\.md: published: expected YYYY/);
    expect(embed.fields[0].value).toMatch(/^The previous knowledge keeps serving \(6 articles, \d+ passages, \d+ aliases\)/);
    expect(res.final.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(embedLimitViolations(embed)).toEqual([]);

    const after = await t.discord.sendCommand('ask', { question: GLM_Q });
    expect(after.callback.data.embeds).toEqual(before.callback.data.embeds);
    expect((await t.discord.sendCommand('sources')).callback.data.embeds[0].description).toContain('GLM-4 All Tools');

    await rm(join(dir, 'broken.md'));
    expect((await reload({ userId: ownerId })).final.embeds[0].title).toBe('Knowledge unchanged');
    expect(t.discord.violations).toEqual([]);
  });
});

describe('renderReloadEmbed', () => {
  const stats = { articles: 1000, passages: 40000, aliases: 120 };

  it('stays inside Discord limits for a bulk import and for hundreds of faults', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `an-article-with-a-rather-long-slug-number-${i}`);
    const bulk: ReloadResult = {
      ok: true, changed: true, stats, ms: 812.5,
      diff: { articlesAdded: ids, articlesRemoved: ids, articlesChanged: ids, passagesAdded: 40000, passagesRemoved: 39000, aliasesChanged: true },
    };
    const changed = renderReloadEmbed(bulk, stats);
    expect(embedLimitViolations(changed)).toEqual([]);
    expect(changed.fields![0]!.value).toMatch(/…and \d+ more$/);

    const problems = Array.from({ length: 500 }, (_, i) => ({ file: `knowledge/file-${i}.md`, field: 'title', message: `x`.repeat(i) }));
    const refused = renderReloadEmbed({ ok: false, problems, ms: 3 }, stats);
    expect(embedLimitViolations(refused)).toEqual([]);
    expect(refused.description).toMatch(/^• knowledge\/file-0\.md: title: $/m);
    expect(refused.description).toMatch(/…and \d+ more \(all of them are in the bot's log\)$/);
  });

  it('escapes markdown in fault messages', () => {
    const embed = renderReloadEmbed({ ok: false, problems: [{ file: 'k/__init__.md', field: 'title', message: '**bold** @everyone' }], ms: 1 }, stats);
    expect(embed.description).toBe('• k/\\_\\_init\\_\\_.md: title: \\*\\*bold\\*\\* @\u200Beveryone');
  });
});
