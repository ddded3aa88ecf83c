import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { renderSourcesEmbed } from '../src/discord/render/sources.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the articles this bot quotes from')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { engine }) {
    // Ephemeral: a reference list for the asker, not something to post into the channel.
    await interaction.reply({ embeds: [renderSourcesEmbed(engine().sources())], flags: MessageFlags.Ephemeral });
  },
} satisfies Command;
