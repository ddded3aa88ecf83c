import { REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { AnyCommand } from '../../commands/index.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  /** Set: register in this server only (instant, for testing). Unset: register globally. */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
  commands: ReadonlyMap<string, AnyCommand>;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

/** The JSON Discord stores for each command, sorted by name so a deploy is reproducible. */
export function commandsJson(commands: ReadonlyMap<string, AnyCommand>): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands.values()].map((c) => c.data.toJSON()).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Registers the commands with one bulk overwrite (PUT), which also removes commands that no longer
 * exist, instead of creating them one by one and leaving stale ones behind.
 */
export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  const saved = (await rest.put(route, { body: commandsJson(options.commands) })) as Array<{ name: string }>;
  return { scope: options.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
