import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { adminGrant } from '../src/discord/admin.js';
import { renderSourceAdded, renderSourceList, renderSourceRemoved, SOURCE_REFUSED, SOURCE_UNAVAILABLE } from '../src/discord/render/source.js';
import { ephemeral } from '../src/discord/replies.js';
import type { Command } from './index.js';

/** "DeepSeek, 大模型，Qwen" → three keywords (commas in either script). */
function keywordsFrom(raw: string | null): string[] {
  return (raw ?? '').split(/[,，、]/).map((k) => k.trim()).filter(Boolean);
}

export default {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription('Admin: add a news article or a feed by its URL, list the sources, remove one')
    // The same rule as /reload: hidden from members without Manage Server, and checked in execute.
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add an article (its web page) or follow a feed (RSS, Atom, JSON Feed)')
        .addStringOption((o) => o.setName('url').setDescription('The article\'s or the feed\'s http(s) URL').setRequired(true).setMaxLength(2000))
        .addStringOption((o) => o.setName('keywords').setDescription('For a feed: take only items holding one of these words (comma-separated)').setMaxLength(500)),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The feeds followed and the latest articles added from links, with their state'))
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Stop following a feed, or take out an article added from a link')
        .addStringOption((o) => o.setName('target').setDescription("A feed's URL, or an article's id or URL").setRequired(true).setMaxLength(2000)),
    ),

  async execute(interaction, ctx) {
    const who = { userId: interaction.user.id, guildId: interaction.guildId };
    const grant = adminGrant(interaction, ctx.ownerIds);
    if (!grant) {
      ctx.logger.info('/source refused: not an admin', who);
      await interaction.reply(ephemeral(SOURCE_REFUSED));
      return;
    }
    if (!ctx.sources) {
      await interaction.reply(ephemeral(SOURCE_UNAVAILABLE));
      return;
    }
    // A fetch may take up to 15 s, far past Discord's 3 s for the first response.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'add') {
      const url = interaction.options.getString('url', true).trim();
      const result = await ctx.sources.add(url, keywordsFrom(interaction.options.getString('keywords')));
      ctx.logger.info(`/source add by ${grant}: ${result.kind === 'refused' ? `refused: ${result.reason}` : result.kind === 'feed' ? 'following a feed' : `added ${result.id}`}`, { ...who, url });
      if (result.kind === 'feed') void ctx.sources.poll().catch((error: unknown) => ctx.logger.warn('feeds: the first poll of a new feed failed', { error }));
      await interaction.editReply({ embeds: [renderSourceAdded(result, url)] });
    } else if (sub === 'list') {
      await interaction.editReply({ embeds: [renderSourceList(await ctx.sources.list())] });
    } else {
      const target = interaction.options.getString('target', true).trim();
      const result = await ctx.sources.remove(target);
      ctx.logger.info(`/source remove by ${grant}: ${result.removed ?? `nothing (${result.reason})`}`, { ...who, target });
      await interaction.editReply({ embeds: [renderSourceRemoved(result)] });
    }
  },
} satisfies Command;
