/**
 * What the Discord surfaces know about a conversation, so that a follow-up ("and the year before?")
 * can be answered on the subject before it. The resolution itself is the engine's
 * (`answer(question, { previous })`); this only finds the previous question.
 */
import type { APIEmbed, Message } from 'discord.js';
import { isAnswerEmbed } from './render/answer.js';
import { CHECK_TITLE_PREFIX } from './render/check.js';

/** Reverses escapeMarkdown on an embed title: a backslash before punctuation, `<\`, `@` + zero-width space. */
function unescapeMarkdown(text: string): string {
  return text.replace(/<\\/g, '<').replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replace(/@\u200B/g, '@');
}

/**
 * The question a bot's answer was about: every answer embed is titled with the question as it was
 * answered (a follow-up's with the subject it took), so the message itself carries the conversation
 * and replies keep working after a restart. Undefined for anything else: only a reply to a question
 * (answer, closest passages, decline, check) counts, recognised by its footer (`isAnswerEmbed`), so
 * the title of /help ("About this bot"), /sources, /search or a notice is never taken for a subject.
 */
export function questionOfAnswer(message: Message, botUserId: string): string | undefined {
  if (message.author.id !== botUserId) return undefined;
  const embed = message.embeds[0];
  return embed ? questionOfAnswerEmbed(embed.data) : undefined;
}

/** `questionOfAnswer` for the embed of a message the bot sent. */
export function questionOfAnswerEmbed(embed: APIEmbed): string | undefined {
  const title = embed.title;
  if (!title || !isAnswerEmbed(embed)) return undefined;
  const question = unescapeMarkdown(title.startsWith(CHECK_TITLE_PREFIX) ? title.slice(CHECK_TITLE_PREFIX.length) : title);
  // A title cut to fit ends with "…"; what is left still names the subject.
  return question.replace(/…$/, '').trim() || undefined;
}

/**
 * Whether a reply to the bot that does not @mention it in the text is a question for it: people also
 * answer the bot with "thanks!" or "lol", with the reply ping on by default, and those need no answer.
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  return /[?？]\s*$/u.test(t) || /^(?:and|but|what|why|how|who|whom|whose|when|where|which|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|tell|explain|compare|in)\b/i.test(t);
}

/** The last question of each DM conversation, for FOLLOW_UP_MINUTES; bounded, oldest forgotten first. */
export class DmMemory {
  private readonly last = new Map<string, { question: string; at: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly max = 10_000,
  ) {}

  /** The previous question of this user's DM, if asked within the window. */
  previous(userId: string, now = Date.now()): string | undefined {
    const entry = this.last.get(userId);
    if (!entry) return undefined;
    if (now - entry.at > this.windowMs) {
      this.last.delete(userId);
      return undefined;
    }
    return entry.question;
  }

  remember(userId: string, question: string, now = Date.now()): void {
    if (this.windowMs <= 0) return;
    this.last.delete(userId); // re-inserted last: the Map's order is then oldest first
    this.last.set(userId, { question, at: now });
    if (this.last.size > this.max) this.last.delete(this.last.keys().next().value!);
  }
}
