/** "Check with sources", the message context-menu command, on the loopback Discord through the real client. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotOnFake, type BotOnFake } from './discord-harness.js';

let t: BotOnFake;

describe('Check with sources (message command)', () => {
  beforeAll(async () => {
    t = await startBotOnFake();
  });
  afterAll(async () => t?.close());

  it('is registered as a message command', () => {
    expect(t.discord.commands().guild.find((c) => c.name === 'Check with sources')).toMatchObject({ type: 3 });
  });

  it("quotes the sources on a member's claim, without ruling it true or false", async () => {
    const claim = await t.discord.sendMessage('China released 79 large language models in 2023', { userId: t.discord.memberUserId });
    const res = await t.discord.sendMessageCommand('Check with sources', claim, { userId: t.discord.adminUserId });
    const embed = res.final.embeds[0];
    const shown = JSON.stringify(embed).replace(/\*\*|\\\\/g, ''); // the matched words are in bold, the dash escaped
    expect(shown).toContain('launching 79 large-language models');
    expect(embed.fields.at(-1).name).toBe('Sources');
    expect(embed.description).toMatch(/I don't rule whether the claim is true/);
    expect(shown).not.toMatch(/\b(correct|incorrect|false|accurate)\b/i);
    expect(t.discord.violations).toEqual([]);
  });

  it("says the sources don't cover a claim they say nothing about", async () => {
    const claim = await t.discord.sendMessage('The Eiffel Tower is in Rome', { userId: t.discord.memberUserId });
    const res = await t.discord.sendMessageCommand('Check with sources', claim);
    expect(res.final.embeds[0].description).toBe("My sources don't cover this, so I can't show anything for or against it.");
    expect(res.final.embeds[0].fields ?? []).toEqual([]);
  });
});
