import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Engine } from '../src/engine-types.js';
import type { Logger } from '../src/discord/logger.js';
import type { QuestionMetrics } from '../src/discord/metrics.js';
import type { ReloadResult } from '../src/runtime/knowledge-holder.js';
import type { QuestionStore } from '../src/store/types.js';
import type { SourcesService } from '../src/runtime/sources-in-worker.js';

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
  /** Adds, lists and removes articles and feeds by URL (`/source`); absent when the bot serves a fixed engine. */
  sources?: SourcesService;
  /** Counts questions by surface and outcome for `/metrics`; absent when nothing is served. */
  metrics?: QuestionMetrics;
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

/**
 * A message context-menu command (right-click a message → Apps → its name). Its file is named after
 * the command in lower case with dashes ("Check with sources" → check-with-sources.ts).
 */
export interface MessageCommand {
  kind: 'message';
  /** A ContextMenuCommandBuilder of type Message. */
  data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  limited?: boolean;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: CommandContext): Promise<void>;
}

/** What a file in `commands/` may export. */
export type AnyCommand = Command | MessageCommand;

export function isMessageCommand(command: AnyCommand): command is MessageCommand {
  return 'kind' in command && command.kind === 'message';
}

const fn = (what: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', `expected ${what} to be a function`);

/** Discord's rule for chat-input command names: 1–32 lower-case letters, digits, - or _. */
const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const slashCommandSchema = z.object({
  data: z.object({
    name: z.string().regex(COMMAND_NAME, 'expected 1–32 lower-case letters, digits, - or _'),
    toJSON: fn('data.toJSON'),
  }),
  limited: z.boolean().optional(),
  execute: fn('execute'),
  autocomplete: fn('autocomplete').optional(),
});

// Context-menu names are what people read in the menu: any case, spaces allowed.
const messageCommandSchema = z.object({
  kind: z.literal('message'),
  data: z.object({ name: z.string().min(1).max(32), toJSON: fn('data.toJSON') }),
  limited: z.boolean().optional(),
  execute: fn('execute'),
});

/**
 * What the loader checks a module's default export against, chosen by its `kind` so that a fault is
 * named field by field (a union would only say "invalid input").
 */
export function commandSchemaFor(exported: unknown): z.ZodType {
  const kind = typeof exported === 'object' && exported !== null ? (exported as { kind?: unknown }).kind : undefined;
  return kind === 'message' ? messageCommandSchema : slashCommandSchema;
}
