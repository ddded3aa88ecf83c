import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../src/discord/input.js';
import { renderHelpEmbed } from '../src/discord/render/help.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What this bot does and how to ask it')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { engine }) {
    const embed = renderHelpEmbed({
      botUserId: interaction.client.user.id,
      stats: engine().stats,
      maxQuestionLength: MAX_QUESTION_LENGTH,
    });
    // Ephemeral: help is for the person who asked; the channel need not see it.
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
