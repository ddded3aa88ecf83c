/** Faults: the bot keeps serving through a dropped gateway, a REST 429 and a handler that throws. */
import { Events, SlashCommandBuilder } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { logEntries, logText } from './support/log-lines.js';
import type { AnyCommand, Command } from '../commands/index.js';
import { loadCommands } from '../src/discord/load-commands.js';
import { ERROR_NOTICE } from '../src/discord/render/notices.js';
import type { Engine } from '../src/engine-types.js';
import { replyTo, startBotOnFake, type BotOnFake } from './discord-harness.js';

const EPHEMERAL = 64;
const Q = 'How many LLMs did China release in 2023?';
let t: BotOnFake | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The real engine with some methods replaced (explicit delegation: works for any Engine shape). */
function withOverrides(real: Engine, overrides: Partial<Pick<Engine, 'answer' | 'suggest'>>): Engine {
  return {
    get stats() {
      return real.stats;
    },
    answer: overrides.answer ?? ((q) => real.answer(q)),
    search: (q, limit) => real.search(q, limit),
    explain: (q) => real.explain(q),
    suggest: overrides.suggest ?? ((p, limit) => real.suggest(p, limit)),
    sources: () => real.sources(),
  };
}

/** The real engine, except that it throws for one trigger question: a bug surfacing mid-request. */
function throwingOn(trigger: string): (real: Engine) => Engine {
  return (real) =>
    withOverrides(real, {
      answer(question) {
        if (question.includes(trigger)) throw new Error('engine exploded on purpose');
        return real.answer(question);
      },
    });
}

describe('faults', () => {
  it('resumes after the gateway socket drops, then answers the next question', async () => {
    t = await startBotOnFake();
    const resumed = new Promise<void>((resolve) => t!.bot.client.once(Events.ShardResume, () => resolve()));
    t.discord.dropConnections();
    await resumed;
    expect(t.discord.resumes).toBe(1);
    const res = await t.discord.sendCommand('ask', { question: Q });
    expect(res.callback.data.embeds[0].title).toBe(Q);
    const reply = await replyTo(t.discord, await t.discord.sendMessage(Q, { mentionBot: true }));
    expect(reply.status).toBe(200);
    expect(t.logs.some((l) => l.includes('gateway resumed'))).toBe(true);
    expect(t.discord.violations).toEqual([]);
  });

  it('a 429 with retry_after on the callback: the reply still lands after the wait', async () => {
    t = await startBotOnFake();
    t.discord.failNext({ method: 'POST', pathPattern: /^\/interactions\/\d+\/[^/]+\/callback$/ }, { status: 429, retryAfter: 0.25 });
    const res = await t.discord.sendCommand('ask', { question: Q });
    expect(res.requests.map((r) => r.status)).toEqual([429, 204]);
    expect(res.requests[1]!.at - res.requests[0]!.at).toBeGreaterThanOrEqual(250);
    expect(res.final.embeds[0].title).toBe(Q);
    expect(t.discord.violations).toEqual([]);
  });

  it('a handler that throws: ephemeral "something went wrong", logged with context, next question answered', async () => {
    t = await startBotOnFake({ engine: throwingOn('BOOM') });
    const failed = await t.discord.sendCommand('ask', { question: 'BOOM what now?' });
    expect(failed.callback.data).toMatchObject({ content: ERROR_NOTICE, flags: EPHEMERAL });
    const logged = logEntries(t.logs).find((e) => e.level === 'error' && e.msg === 'command failed');
    // The interaction's ids come from the router's child logger, the user and error from the line.
    expect(logged).toMatchObject({ command: 'ask', interactionId: expect.stringMatching(/^\d+$/), guildId: t.discord.guildId, userId: expect.stringMatching(/^\d+$/) });
    expect(JSON.stringify(logged?.error)).toMatch(/engine exploded on purpose/);

    const next = await t.discord.sendCommand('ask', { question: Q });
    expect(next.callback.data.embeds[0].title).toBe(Q);

    // The same through a mention: an error reply (messages cannot be ephemeral), then business as usual.
    const mention = await replyTo(t.discord, await t.discord.sendMessage('BOOM again', { mentionBot: true }));
    expect(mention.body.content).toBe(ERROR_NOTICE);
    expect(logText(t.logs).some((l) => l.includes('ERROR message handler failed'))).toBe(true);
    const after = await replyTo(t.discord, await t.discord.sendMessage(Q, { mentionBot: true }));
    expect(after.body.embeds[0].title).toBe(Q);
    expect(t.discord.violations).toEqual([]);
  });

  it('a command that throws after deferring gets the error as an ephemeral follow-up', async () => {
    const commands = new Map<string, AnyCommand>(await loadCommands());
    commands.set('explode', {
      data: new SlashCommandBuilder().setName('explode').setDescription('Throws after deferring (test only)'),
      async execute(interaction) {
        await interaction.deferReply();
        throw new Error('late failure');
      },
    } satisfies Command);
    t = await startBotOnFake({ commands });
    const res = await t.discord.sendCommand('explode', {}, { settleMs: 200 });
    expect(res.callback.type).toBe(5);
    const followup = res.requests.find((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'));
    expect(followup?.body).toMatchObject({ content: ERROR_NOTICE, flags: EPHEMERAL });
    expect((await t.discord.sendCommand('ask', { question: Q })).callback.data.embeds).toHaveLength(1);
    expect(t.discord.violations).toEqual([]);
  });

  it('an autocomplete handler that throws still answers with no choices', async () => {
    t = await startBotOnFake({
      engine: (real) =>
        withOverrides(real, {
          suggest: () => {
            throw new Error('suggest broke');
          },
        }),
    });
    const res = await t.discord.sendAutocomplete('ask', { name: 'question', value: 'Bai' });
    expect(res.final.choices).toEqual([]);
    expect(logText(t.logs).some((l) => l.includes('ERROR autocomplete failed'))).toBe(true);
    expect(t.discord.violations).toEqual([]);
  });
});
