import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { LIMITS } from './limits.js';
import { fitText } from './markdown.js';

/**
 * Autocomplete choices from the engine's suggestions: unique, non-empty, at most 25, each name
 * within 100 characters and each value within the option's own max length (Discord rejects the
 * whole response if one choice breaks a limit, and the user then sees no suggestions at all).
 */
export function renderChoices(
  suggestions: readonly string[],
  maxValueLength: number,
): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const raw of suggestions) {
    const value = raw.replace(/\s+/g, ' ').trim();
    if (!value || value.length > maxValueLength || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    // Choice names are plain text (no markdown), cut by the same rule as every other title.
    const name = fitText(value, LIMITS.choiceName, (text) => text);
    choices.push({ name, value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}
