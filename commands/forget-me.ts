import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { FORGET_FAILED, FORGET_UNAVAILABLE } from '../src/discord/render/store-notices.js';
import { StoreUnavailableError } from '../src/store/types.js';
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
    let removed: number;
    try {
      // Every server's and every DM's, wherever it is run: what is stored and what still waits to be written.
      removed = await store.forget(interaction.user.id);
    } catch (error) {
      // Said plainly either way: the member must know their records are still there.
      logger.error('/forget-me failed', { userId: interaction.user.id, error });
      await interaction.editReply(error instanceof StoreUnavailableError ? FORGET_UNAVAILABLE : FORGET_FAILED);
      return;
    }
    logger.info('/forget-me', { removed });
    await interaction.editReply(
      removed === 0
        ? 'I had nothing recorded for you.'
        : `Done: I deleted ${removed} record${removed === 1 ? '' : 's'} of yours (questions and votes).`,
    );
  },
} satisfies Command;
