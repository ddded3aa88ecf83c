import { MessageFlags, type InteractionReplyOptions } from 'discord.js';

/** A reply only the asker sees: for errors, rate-limit notices and personal reference lists. */
export function ephemeral(content: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content, flags: MessageFlags.Ephemeral };
}
