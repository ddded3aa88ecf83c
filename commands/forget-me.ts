import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Delete every question and vote of yours that this bot has recorded')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, { store, logger }) {
    if (!store.recording) {
      await interaction.reply({ content: 'This bot does not record questions, so there is nothing of yours to delete.', flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const removed = await store.forget(interaction.user.id);
    logger.info('/forget-me', { removed });
    await interaction.editReply(
      removed === 0
        ? 'I had nothing recorded for you.'
        : `Done: I deleted ${removed} record${removed === 1 ? '' : 's'} of yours (questions and votes).`,
    );
  },
} satisfies Command;
