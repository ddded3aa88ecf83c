import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { adminGrant } from '../src/discord/admin.js';
import { GAP_DAYS, GAP_DAYS_INVALID, gapDays } from '../src/discord/gap-days.js';
import { GAPS_NOT_RECORDING, GAPS_REFUSED, renderGapsEmbed } from '../src/discord/render/gaps.js';
import { STORE_UNAVAILABLE, placeLabel } from '../src/discord/render/store-notices.js';
import { ephemeral } from '../src/discord/replies.js';
import { StoreUnavailableError, type GapScope } from '../src/store/types.js';
import type { Command } from './index.js';

export const DEFAULT_GAP_DAYS = GAP_DAYS.default;

export default {
  data: new SlashCommandBuilder()
    .setName('gaps')
    .setDescription('Admin: questions members asked that the articles did not answer, most frequent first')
    // The same rule as /reload: hidden from members without Manage Server, and checked in execute.
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addIntegerOption((option) =>
      option.setName('days').setDescription(`How many days back (default ${DEFAULT_GAP_DAYS})`).setMinValue(GAP_DAYS.min).setMaxValue(GAP_DAYS.max),
    ),

  async execute(interaction, ctx) {
    const grant = adminGrant(interaction, ctx.ownerIds);
    if (!grant) {
      ctx.logger.info('/gaps refused: not an admin', { userId: interaction.user.id, guildId: interaction.guildId });
      await interaction.reply(ephemeral(GAPS_REFUSED));
      return;
    }
    if (!ctx.store.recording) {
      await interaction.reply(ephemeral(GAPS_NOT_RECORDING));
      return;
    }
    // Read raw: getInteger would throw on a forged string, and passes -1 or 2.5 through.
    const days = gapDays(interaction.options.get('days')?.value);
    if (days === null) {
      await interaction.reply(ephemeral(GAP_DAYS_INVALID));
      return;
    }
    // A server's questions are that server's: /gaps there shows them only, whoever runs it (an
    // operator too). Every server's and every DM's are for the operators, in a DM with the bot.
    const scope: GapScope = interaction.guildId ? { place: interaction.guildId } : 'everywhere';
    // Ephemeral: members' questions are for the admin asking, not for the channel.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let gaps;
    try {
      gaps = await ctx.store.gaps({ scope, days });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      await interaction.editReply(STORE_UNAVAILABLE);
      return;
    }
    const places = scope === 'everywhere' ? (place: string) => placeLabel(place, (id) => interaction.client.guilds.cache.get(id)?.name) : undefined;
    await interaction.editReply({ embeds: [renderGapsEmbed(gaps, days, places)] });
  },
} satisfies Command;
