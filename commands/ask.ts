import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH, checkQuestion, cleanQuestion } from '../src/discord/input.js';
import { answerEmbed } from '../src/discord/render/answer-reply.js';
import { answerButtons } from '../src/discord/render/buttons.js';
import { renderChoices } from '../src/discord/render/choices.js';
import { recordAnswer } from '../src/discord/record.js';
import { ephemeral } from '../src/discord/replies.js';
import { tooLongNotice } from '../src/discord/render/notices.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about Chinese large language models; the answer quotes its sources')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question, e.g. How many LLMs did China release in 2023?')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH)
        .setAutocomplete(true),
    ),
  limited: true,

  async execute(interaction, context) {
    const { engine } = context;
    const checked = checkQuestion(interaction.options.getString('question', true));
    // Discord enforces max_length on the client, but an old client or a raw API call need not.
    if (checked.kind === 'too-long') {
      await interaction.reply(ephemeral(tooLongNotice(checked.length, MAX_QUESTION_LENGTH)));
      return;
    }
    const question = checked.kind === 'question' ? checked.question : '';
    const answer = engine().answer(question);
    const questionId = recordAnswer(context, { answer, userId: interaction.user.id, guildId: interaction.guildId, surface: 'slash', question });
    await interaction.reply({ embeds: [answerEmbed(answer)], components: answerButtons(answer, questionId) });
  },

  async autocomplete(interaction, { engine }) {
    const partial = cleanQuestion(interaction.options.getFocused());
    const choices = renderChoices(engine().suggest(partial, 25), MAX_QUESTION_LENGTH);
    await interaction.respond(choices);
  },
} satisfies Command;
