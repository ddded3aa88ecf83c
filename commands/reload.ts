import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { adminGrant } from '../src/discord/admin.js';
import { RELOAD_REFUSED, RELOAD_UNAVAILABLE, renderReloadEmbed } from '../src/discord/render/reload.js';
import { ephemeral } from '../src/discord/replies.js';
import type { Command } from './index.js';

export default {
  data: new SlashCommandBuilder()
    .setName('reload')
    .setDescription('Admin: reload the knowledge files now and show what changed')
    // Hides the command from members without Manage Server; execute still checks (see adminGrant).
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    // DMs too, for OWNER_IDS: Discord shows it to everyone there, so the check in execute matters.
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),

  async execute(interaction, ctx) {
    const who = { userId: interaction.user.id, guildId: interaction.guildId };
    const grant = adminGrant(interaction, ctx.ownerIds);
    if (!grant) {
      ctx.logger.info('/reload refused: not an admin', who);
      await interaction.reply(ephemeral(RELOAD_REFUSED));
      return;
    }
    if (!ctx.reload) {
      await interaction.reply(ephemeral(RELOAD_UNAVAILABLE));
      return;
    }
    // A rebuild over a large folder can outlast Discord's 3 s window for the first response.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await ctx.reload();
    // The holder logs what changed or each fault; this line says who asked.
    ctx.logger.info(`/reload by ${grant}: ${result.ok ? (result.changed ? 'reloaded' : 'nothing changed') : 'refused, previous knowledge kept'}`, {
      ...who,
      ms: result.ms,
    });
    await interaction.editReply({ embeds: [renderReloadEmbed(result, ctx.engine().stats)] });
  },
} satisfies Command;
