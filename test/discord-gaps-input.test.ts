/**
 * /gaps shows members' questions exactly as typed (escaped once, not twice) and takes only a `days`
 * from 1 to 365, whatever an interaction carries: renderer, then the real bot on the loopback Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAP_DAYS_INVALID } from '../src/discord/gap-days.js';
import { renderGapsEmbed } from '../src/discord/render/gaps.js';
import type { Gap, QuestionStore } from '../src/store/types.js';
import { type BotOnFake, startBotWithStore, type BotWithStore } from './discord-harness.js';

function gap(latest: string): Gap {
  return { count: 1, people: 1, latest, latestAt: Date.parse('2025-01-01'), outcomes: { answered: 0, related: 0, declined: 1 }, downVotes: 0, places: [] };
}

/** The quoted question of a one-gap report. */
const quoted = (description: string | undefined) => description?.split('\n')[1];

describe('the /gaps report', () => {
  it('escapes what members typed once: each markup character gets one backslash', () => {
    const typed = 'Is *Kimi* better than _GPT-4_ at ~~math~~, `code` and a|b > c for <@123>?';
    expect(quoted(renderGapsEmbed([gap(typed)], 30).description)).toBe(
      '> Is \\*Kimi\\* better than \\_GPT-4\\_ at \\~\\~math\\~\\~, \\`code\\` and a\\|b > c for <\\@123>?',
    );
    // At the start of the question a ">" would be a quote of its own, and "#" a heading.
    expect(quoted(renderGapsEmbed([gap('> why?')], 30).description)).toBe('> \\> why?');
  });

  it('says what to do about groups that do not fit: a server admin cannot run the command line, an operator can', () => {
    const many = Array.from({ length: 200 }, (_, i) => gap(`Question number ${i} about a model the articles never mention`));
    const server = renderGapsEmbed(many, 30).description!;
    expect(server.length).toBeLessThanOrEqual(4096);
    expect(server).toMatch(/…and \d+ more, asked less often \(a shorter period, such as `days: 7`, shows fewer at a time\)$/);
    expect(server).not.toContain('npm run');
    const operator = renderGapsEmbed(many, 30, () => 'a DM').description!;
    expect(operator).toMatch(/…and \d+ more, asked less often \(`npm run gaps` lists them all\)$/);
  });
});

describe('/gaps on the loopback Discord', () => {
  let dataDir: string;
  let store: QuestionStore;
  let t: BotOnFake;
  let running: BotWithStore;
  beforeAll(async () => {
    running = await startBotWithStore('gaps-input-');
    ({ bot: t, store, dataDir } = running);
  });
  afterAll(() => running?.close());

  it('shows a declined question with markup as typed, one backslash per character', async () => {
    const { discord } = t;
    // Plainly off topic, so the reply is a plain decline ("Try"); a question about a model the
    // articles never name (Kimi) may instead be shown the closest passages.
    const typed = 'Is *pizza* better than _pasta_ at ~~lunch~~ or `dinner` | taste > 90%?';
    const asked = await discord.sendCommand('ask', { question: typed });
    expect(asked.final.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(['Try']);
    const res = await discord.sendCommand('gaps', {}, { userId: discord.adminUserId });
    expect(res.final.embeds[0].description).toContain(
      '> Is \\*pizza\\* better than \\_pasta\\_ at \\~\\~lunch\\~\\~ or \\`dinner\\` \\| taste > 90%?',
    );
    expect(res.final.embeds[0].description).not.toContain('\\\\');
    expect(discord.violations).toEqual([]);
  });

  it('declares days as 1 to 365, so a Discord client sends nothing else', async () => {
    const { discord } = t;
    const days = discord.commands().guild.find((c) => c.name === 'gaps')!.options[0];
    expect(days).toMatchObject({ name: 'days', type: 4, min_value: 1, max_value: 365 });
    await expect(discord.sendCommand('gaps', { days: 0 }, { userId: discord.adminUserId })).rejects.toThrow(/takes 1 to 365/);
  });

  it.each([-1, 0, 400, 'abc', 2.5])('refuses a forged days of %j, politely and privately, echoing nothing', async (days) => {
    const { discord } = t;
    const res = await discord.sendCommand('gaps', { days }, { userId: discord.adminUserId, forged: true });
    expect(res.final.flags & 64).toBe(64);
    expect(res.final.content).toBe(GAP_DAYS_INVALID);
    expect(res.final.embeds ?? []).toEqual([]);
    expect(discord.violations).toEqual([]);
  });

  it('takes 1, 365 and no days at all', async () => {
    const { discord } = t;
    const title = async (options: Record<string, number>) =>
      (await discord.sendCommand('gaps', options, { userId: discord.adminUserId })).final.embeds[0].title;
    expect(await title({ days: 1 })).toMatch(/last 1 day$/);
    expect(await title({ days: 365 })).toMatch(/last 365 days$/);
    expect(await title({})).toMatch(/last 30 days$/);
  });
});
