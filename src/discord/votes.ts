import { ComponentType, MessageFlags, type ButtonInteraction, type Message } from 'discord.js';
import type { CommandContext } from '../../commands/index.js';
import { parseVoteCustomId } from './render/buttons.js';
import { VOTE_NOT_RECORDED, VOTE_UNAVAILABLE, VOTES_OFF } from './render/store-notices.js';

const STALE_BUTTON = 'That button no longer does anything. Ask again to get a fresh answer.';

/** A custom_id as it can be logged: whatever arrived, never more than 100 characters, never a throw. */
export function loggableCustomId(customId: unknown): string {
  return typeof customId === 'string' ? customId.slice(0, 100) : `(${typeof customId})`;
}

/** Whether the clicked message carries a button with this custom_id: a vote is for the answer it was clicked on. */
function carries(message: Message | null | undefined, customId: string): boolean {
  for (const row of message?.components ?? []) {
    if (row.type !== ComponentType.ActionRow) continue;
    for (const component of row.components) {
      if (component.type === ComponentType.Button && component.customId === customId) return true;
    }
  }
  return false;
}

async function quietly(interaction: ButtonInteraction, content: string): Promise<void> {
  await interaction.reply({ content, flags: MessageFlags.Ephemeral });
}

/**
 * A 👍 / 👎 click: counted only from a vote custom_id of the expected shape that the clicked message
 * carries, for a question that is recorded; anything else gets a notice only the clicker sees. A
 * counted vote is queued for the store (a push onto an array, so it cannot hold up the
 * acknowledgement) and acknowledged with a deferred update: no new message, nothing changes on
 * screen. If the store then finds no such question (deleted by /forget-me or retention), the clicker
 * is told so, privately.
 */
export async function handleButton(interaction: ButtonInteraction, ctx: CommandContext): Promise<void> {
  const customId: unknown = interaction.customId;
  const parsed = typeof customId === 'string' ? parseVoteCustomId(customId) : null;
  if (!parsed || typeof customId !== 'string' || !carries(interaction.message, customId)) {
    // A button of a future or past version of the bot, or a forged click: say so rather than leave "interaction failed".
    ctx.logger.warn('unknown button', { customId: loggableCustomId(customId), interactionId: interaction.id });
    await quietly(interaction, STALE_BUTTON);
    return;
  }
  if (!ctx.store.recording) return quietly(interaction, VOTES_OFF);
  if (!ctx.store.available) return quietly(interaction, VOTE_UNAVAILABLE);
  const outcome = ctx.store.vote(parsed.questionId, interaction.user.id, parsed.vote);
  await interaction.deferUpdate();
  const result = await outcome;
  if (result === 'counted') return;
  await interaction.followUp({ content: result === 'unavailable' ? VOTE_UNAVAILABLE : VOTE_NOT_RECORDED, flags: MessageFlags.Ephemeral });
}
