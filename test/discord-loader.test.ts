import type { Command } from '../commands/index.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandLoadError, loadCommands } from '../src/discord/load-commands.js';
import { commandsJson } from '../src/discord/deploy.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder of plain-JS command modules, so the loader's checks are tested without TypeScript. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'commands-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const good = (name: string) =>
  `export default { data: { name: '${name}', toJSON: () => ({ name: '${name}', description: 'd' }) }, execute: async () => {} };`;

async function loadError(dir: string): Promise<string> {
  const error = await loadCommands(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandLoadError);
  return (error as Error).message;
}

describe('loadCommands', () => {
  it('loads the project commands, the message command "Check with sources" among them', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()].sort()).toEqual(['Check with sources', 'ask', 'forget-me', 'gaps', 'help', 'reload', 'search', 'source', 'sources']);
    expect((commands.get('ask') as Command | undefined)?.autocomplete).toBeTypeOf('function');
    expect(commands.get('ask')?.limited).toBe(true);
  });

  it('produces command JSON within Discord limits (names, descriptions, max_length)', async () => {
    const all = commandsJson(await loadCommands());
    expect(all.filter((c) => c.type === 3).map((c) => c.name)).toEqual(['Check with sources']);
    const json = all.filter((c): c is RESTPostAPIChatInputApplicationCommandsJSONBody => c.type === undefined || c.type === 1);
    for (const command of json) {
      expect(command.name).toMatch(/^[-a-z]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    }
    const ask = json.find((c) => c.name === 'ask')!;
    expect(ask.options).toEqual([
      expect.objectContaining({ type: 3, name: 'question', required: true, max_length: 300, autocomplete: true }),
    ]);
  });

  it('skips index and declaration files, loading the rest into a map keyed by name', async () => {
    const dir = folder({ 'index.js': 'export const x = 1;', 'ping.js': good('ping'), 'types.d.ts': '', 'ping.js.map': '{}' });
    expect([...(await loadCommands(dir)).keys()]).toEqual(['ping']);
  });

  it('refuses to start, naming each bad file and what is wrong with it', async () => {
    const dir = folder({
      'ok.js': good('ok'),
      'noexport.js': 'export const data = {};',
      'noexec.js': `export default { data: { name: 'noexec', toJSON: () => ({}) } };`,
      'badname.js': `export default { data: { name: 'Bad Name', toJSON: () => ({}) }, execute: () => {} };`,
      'mismatch.js': good('other'),
      'broken.js': 'export default {',
      'throws.js': `export default { data: { name: 'throws', toJSON() { throw new Error('description too long'); } }, execute() {} };`,
    });
    const message = await loadError(dir);
    expect(message).toMatch(/noexport\.js: no default export/);
    expect(message).toMatch(/noexec\.js: execute: expected execute to be a function/);
    expect(message).toMatch(/badname\.js: data\.name: expected 1–32 lower-case letters/);
    expect(message).toMatch(/mismatch\.js: data\.name is "other" but the file is mismatch\.js/);
    expect(message).toMatch(/broken\.js: failed to import/);
    expect(message).toMatch(/throws\.js: data\.toJSON\(\) failed: description too long/);
    expect(message).not.toMatch(/ok\.js/);
  });

  it('refuses an empty folder', async () => {
    expect(await loadError(folder({}))).toMatch(/no command modules/);
  });
});
