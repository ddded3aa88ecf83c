import { readdir } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandSchemaFor, isMessageCommand, type AnyCommand } from '../../commands/index.js';

/** `commands/` beside this project's `src/` (or `dist/commands/` when running compiled code). */
export const DEFAULT_COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {
  override readonly name = 'CommandLoadError';
}

/** Command modules: .js when compiled, .ts under vitest; never the index, type declarations or maps. */
function isCommandFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file) || /\.(test|spec)\./.test(file)) return false;
  const ext = extname(file);
  return (ext === '.js' || ext === '.ts') && basename(file, ext) !== 'index';
}

/**
 * Loads every command module in `dir` into a Map keyed by command name. Unlike a loader that skips
 * what it cannot use, this refuses to start: one bad module would otherwise be a command that
 * silently never works. The error lists each file and what is wrong with it.
 */
export async function loadCommands(dir: string = DEFAULT_COMMANDS_DIR): Promise<Map<string, AnyCommand>> {
  const files = (await readdir(dir)).filter(isCommandFile).sort();
  // A folder holding both ask.ts and ask.js (source beside stale output) would load twice.
  const byStem = new Map<string, string>();
  for (const file of files) {
    const stem = basename(file, extname(file));
    if (!byStem.has(stem) || extname(file) === '.js') byStem.set(stem, file);
  }

  const commands = new Map<string, AnyCommand>();
  const problems: string[] = [];
  const shown = (file: string) => relative(process.cwd(), join(dir, file)) || file;

  for (const [stem, file] of byStem) {
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown }).default;
    } catch (error) {
      problems.push(`${shown(file)}: failed to import: ${(error as Error).message}`);
      continue;
    }
    if (exported === undefined) {
      problems.push(`${shown(file)}: no default export (expected \`export default { data, execute } satisfies Command\`)`);
      continue;
    }
    const parsed = commandSchemaFor(exported).safeParse(exported);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${shown(file)}: ${issue.path.join('.') || '(export)'}: ${issue.message}`);
      }
      continue;
    }
    const command = exported as AnyCommand;
    const name = command.data.name;
    const expectedStem = isMessageCommand(command) ? name.toLowerCase().replace(/\s+/g, '-') : name;
    try {
      // Builders validate lengths and option order only here; better now than at deploy time.
      command.data.toJSON();
    } catch (error) {
      problems.push(`${shown(file)}: data.toJSON() failed: ${(error as Error).message}`);
      continue;
    }
    if (expectedStem !== stem) problems.push(`${shown(file)}: data.name is "${name}" but the file is ${file}; name the file after the command (${expectedStem})`);
    else if (commands.has(name)) problems.push(`${shown(file)}: duplicate command name "${name}"`);
    else commands.set(name, command);
  }

  if (problems.length > 0) throw new CommandLoadError(`Cannot load commands:\n  ${problems.join('\n  ')}`);
  if (commands.size === 0) throw new CommandLoadError(`Cannot load commands: no command modules in ${dir}`);
  return commands;
}
