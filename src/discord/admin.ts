import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';

/** Why a user may run admin commands (named in the log), or null when they may not. */
export type AdminGrant = 'owner' | 'manage-guild' | null;

/**
 * Whether the user behind an interaction may run admin commands: an id listed in OWNER_IDS (anywhere,
 * DMs included), or a guild member holding Manage Server (Administrator implies it).
 *
 * Checked in the command itself, although the command is registered with
 * `default_member_permissions`: server admins can override that in Integrations settings, and it
 * means nothing in DMs, so Discord's hiding is a convenience, not a guard.
 */
export function adminGrant(interaction: ChatInputCommandInteraction, ownerIds: ReadonlySet<string>): AdminGrant {
  if (ownerIds.has(interaction.user.id)) return 'owner';
  // memberPermissions is what Discord resolved for this member in this channel; null outside guilds.
  if (interaction.inGuild() && interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return 'manage-guild';
  return null;
}
