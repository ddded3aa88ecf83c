import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import { cleanQuestion } from '../src/discord/input.js';
import { recordAnswer } from '../src/discord/record.js';
import { answerButtons } from '../src/discord/render/buttons.js';
import { CHECK_NO_TEXT, renderCheckEmbed } from '../src/discord/render/check.js';
import { fitText } from '../src/discord/render/markdown.js';
import { ephemeral } from '../src/discord/replies.js';
import type { MessageCommand } from './index.js';

/** The engine's own limit is 500; a claim longer than this is cut at a word boundary, its start kept. */
const MAX_CLAIM = 300;

export default {
  kind: 'message',
  data: new ContextMenuCommandBuilder()
    .setName('Check with sources')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  limited: true,

  async execute(interaction, context) {
    const { engine } = context;
    const target = interaction.targetMessage;
    // A bot answer has its words in the embed; a person's message in its content.
    const text = cleanQuestion(target.content || target.embeds[0]?.description || target.embeds[0]?.title || '');
    if (!text) {
      await interaction.reply(ephemeral(CHECK_NO_TEXT));
      return;
    }
    const claim = fitText(text, MAX_CLAIM, (t) => t);
    const answer = engine().answer(claim);
    const questionId = recordAnswer(context, { answer, userId: interaction.user.id, guildId: interaction.guildId, surface: 'check', question: claim });
    await interaction.reply({ embeds: [renderCheckEmbed(answer, claim)], components: answerButtons(answer, questionId) });
  },
} satisfies MessageCommand;
