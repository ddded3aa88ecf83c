import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction, MessageContextMenuCommandInteraction } from 'discord.js';
import { isMessageCommand, type AnyCommand, type CommandContext } from '../../commands/index.js';
import type { RateLimiter } from './rate-limiter.js';
import { ERROR_NOTICE, rateLimitNotice } from './render/notices.js';
import { ephemeral } from './replies.js';
import { handleButton, loggableCustomId } from './votes.js';

export interface RouterDeps {
  commands: ReadonlyMap<string, AnyCommand>;
  context: CommandContext;
  limiter: RateLimiter;
}

/** Who, where and what: enough to find the failing request in the logs without the user's words. */
type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

function describe(interaction: CommandInteraction | AutocompleteInteraction) {
  return { userId: interaction.user.id };
}

/**
 * The context a handler runs with: its logger a child carrying the interaction's id, server,
 * channel and command, so every line the handler writes (the commands' own included) can be found
 * by interaction. The user id stays a field of the lines that need it (LOG_USER_IDS applies).
 */
function contextFor(interaction: Interaction, deps: RouterDeps): RouterDeps {
  const logger = deps.context.logger.child({
    interactionId: interaction.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    ...('commandName' in interaction ? { command: interaction.commandName } : {}),
  });
  return { ...deps, context: { ...deps.context, logger } };
}

/** Tells the user something broke, on whichever path is still open; never throws itself. */
async function replyWithError(interaction: CommandInteraction, deps: RouterDeps): Promise<void> {
  try {
    if (interaction.replied || interaction.deferred) await interaction.followUp(ephemeral(ERROR_NOTICE));
    else await interaction.reply(ephemeral(ERROR_NOTICE));
  } catch (error) {
    deps.context.logger.warn('could not send the error notice', { ...describe(interaction), error });
  }
}

async function runCommand(interaction: CommandInteraction, deps: RouterDeps): Promise<void> {
  const found = deps.commands.get(interaction.commandName);
  // A slash command and a menu command never stand in for each other, whatever their names.
  const command = found && isMessageCommand(found) === interaction.isMessageContextMenuCommand() ? found : undefined;
  if (!command) {
    // A command still registered from an older deploy: say so rather than leave "interaction failed".
    deps.context.logger.warn('unknown command', describe(interaction));
    await interaction.reply(ephemeral('That command is no longer available here. Try `/help`.'));
    return;
  }
  if (command.limited) {
    const decision = deps.limiter.take(interaction.user.id, 'slash');
    if (!decision.allowed) {
      await interaction.reply(ephemeral(rateLimitNotice(decision.retryAfterSeconds)));
      return;
    }
  }
  if (isMessageCommand(command)) await command.execute(interaction as MessageContextMenuCommandInteraction, deps.context);
  else await command.execute(interaction as ChatInputCommandInteraction, deps.context);
}

async function runAutocomplete(interaction: AutocompleteInteraction, deps: RouterDeps): Promise<void> {
  const command = deps.commands.get(interaction.commandName);
  if (command && !isMessageCommand(command) && command.autocomplete) await command.autocomplete(interaction, deps.context);
  else await interaction.respond([]);
}

/**
 * Routes each interaction to its command. Every handler runs in its own try/catch: an exception is
 * logged with context, the user gets an ephemeral "something went wrong", and the bot goes on.
 */
export function createInteractionRouter(shared: RouterDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const deps = contextFor(interaction, shared);
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      try {
        await runCommand(interaction, deps);
      } catch (error) {
        deps.context.logger.error('command failed', { ...describe(interaction), error });
        await replyWithError(interaction, deps);
      }
    } else if (interaction.isButton()) {
      try {
        await handleButton(interaction, deps.context);
      } catch (error) {
        deps.context.logger.error('button failed', { customId: loggableCustomId(interaction.customId), userId: interaction.user.id, error });
      }
    } else if (interaction.isAutocomplete()) {
      try {
        await runAutocomplete(interaction, deps);
      } catch (error) {
        deps.context.logger.error('autocomplete failed', { ...describe(interaction), error });
        // Empty choices beat Discord's "loading options failed"; only possible if nothing was sent yet.
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      }
    }
  };
}
