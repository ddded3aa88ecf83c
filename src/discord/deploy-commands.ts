/** `npm run deploy-commands`: registers the slash commands (guild-scoped when DISCORD_GUILD_ID is set). */
import { DiscordAPIError } from 'discord.js';
import { loadConfigOrExit } from './config.js';
import { deployCommands } from './deploy.js';
import { isMessageCommand } from '../../commands/index.js';
import { loadCommands } from './load-commands.js';
import { redact } from './logger.js';
import { TOKEN_REJECTED, isTokenRejected } from './refusals.js';

const config = loadConfigOrExit();

/** Turns the usual API failures into something an admin can act on. */
function explain(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    if (isTokenRejected(error)) return TOKEN_REJECTED;
    if (error.status === 403 || error.status === 404) {
      return `Discord refused the registration (${error.status}): check DISCORD_CLIENT_ID${config.guildId ? ' and DISCORD_GUILD_ID (is the bot in that server with the applications.commands scope?)' : ''}`;
    }
    return `Discord API error ${error.status} ${error.code}: ${error.message}`;
  }
  return (error as Error).message;
}

try {
  const commands = await loadCommands();
  const result = await deployCommands({ ...config, commands });
  const where = result.scope === 'guild' ? `in server ${config.guildId}` : 'globally';
  // Menu commands are not typed with a slash: name them as people find them.
  const shown = (n: string) => (commands.get(n) && isMessageCommand(commands.get(n)!) ? `"${n}" (message menu)` : `/${n}`);
  process.stdout.write(`Registered ${result.names.length} commands ${where}: ${result.names.map(shown).join(', ')}\n`);
} catch (error) {
  process.stderr.write(`deploy-commands failed: ${redact(explain(error), [config.token])}\n`);
  process.exit(1);
}
