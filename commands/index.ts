import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Engine } from '../src/engine-types.js';
import type { Logger } from '../src/discord/logger.js';
import type { ReloadResult } from '../src/runtime/knowledge-holder.js';
import type { QuestionStore } from '../src/store/types.js';

/** What a command gets besides its interaction. The engine comes through a getter so a reload can swap it. */
export interface CommandContext {
  engine: () => Engine;
  logger: Logger;
  /**
   * Rebuilds the knowledge from its folder and swaps it in (`KnowledgeHolder.reload`); never rejects.
   * Absent when the bot serves a fixed engine, and then `/reload` says so.
   */
  reload?: () => Promise<ReloadResult>;
  /** Users who may run admin commands anywhere (OWNER_IDS), besides members with Manage Server. */
  ownerIds: ReadonlySet<string>;
  /** Where questions, outcomes and votes are recorded (a store that keeps nothing when STORE_QUESTIONS=false). */
  store: QuestionStore;
}

/** One slash command: its registration data and what it does. Each file in `commands/` default-exports one. */
export interface Command {
  /** A SlashCommandBuilder (anything with `name` and `toJSON()`). */
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Counts against the per-user question limit (checked by the router before `execute`). */
  limited?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}

const fn = (what: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `expected ${what} to be a function`);

/** Discord's rule for chat-input command names: 1–32 lower-case letters, digits, - or _. */
const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** What the loader checks each module's default export against. */
export const commandSchema = z.object({
  data: z.object({
    name: z.string().regex(COMMAND_NAME, 'expected 1–32 lower-case letters, digits, - or _'),
    toJSON: fn('data.toJSON'),
  }),
  limited: z.boolean().optional(),
  execute: fn('execute'),
  autocomplete: fn('autocomplete').optional(),
});
