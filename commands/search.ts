import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH, checkQuestion } from '../src/discord/input.js';
import { tooLongNotice } from '../src/discord/render/notices.js';
import { SEARCH_LIMIT, renderSearchEmbed } from '../src/discord/render/search.js';
import { ephemeral } from '../src/discord/replies.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Show the passages that best match your words, each with its source')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('Words to look for, e.g. Ernie Bot users')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    ),
  limited: true,

  async execute(interaction, { engine }) {
    const checked = checkQuestion(interaction.options.getString('query', true));
    if (checked.kind === 'too-long') {
      await interaction.reply(ephemeral(tooLongNotice(checked.length, MAX_QUESTION_LENGTH)));
      return;
    }
    const query = checked.kind === 'question' ? checked.question : '';
    const hits = query ? engine().search(query, SEARCH_LIMIT) : [];
    await interaction.reply({ embeds: [renderSearchEmbed(query, hits)] });
  },
} satisfies Command;
