import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { CommandContext } from '../../commands/index.js';
import { parseVoteCustomId } from './render/buttons.js';

const STALE_BUTTON = 'That button no longer does anything. Ask again to get a fresh answer.';

/**
 * A 👍 / 👎 click: queued for the store (which keeps one vote per person per answer; queueing is a
 * push onto an array, so it cannot hold up the acknowledgement), then acknowledged quietly with a
 * deferred update: no new message, nothing changes on screen.
 */
export async function handleButton(interaction: ButtonInteraction, ctx: CommandContext): Promise<void> {
  const parsed = parseVoteCustomId(interaction.customId);
  if (!parsed) {
    // A button of a future or past version of the bot: say so rather than leave "interaction failed".
    ctx.logger.warn('unknown button', { customId: interaction.customId.slice(0, 100), interactionId: interaction.id });
    await interaction.reply({ content: STALE_BUTTON, flags: MessageFlags.Ephemeral });
    return;
  }
  ctx.store.vote(parsed.questionId, interaction.user.id, parsed.vote);
  await interaction.deferUpdate();
}
