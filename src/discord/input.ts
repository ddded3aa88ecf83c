/**
 * Turning what a person typed into a question for the engine. This is parsing only: the engine
 * decides what the question means.
 */
import { normaliseQuestion } from '../input/question.js';

/** The same limit on every Discord surface: the slash option's max_length and the mention/DM check. */
export const MAX_QUESTION_LENGTH = 300;

/** User, role and channel mentions carry no meaning for a news question. */
const MENTION_TOKEN = /<(?:@[!&]?|#)\d{1,20}>/g;
/** `<:name:id>` custom emoji: keep the readable name only. */
const CUSTOM_EMOJI = /<a?:(\w{1,32}):\d{1,20}>/g;

/**
 * A question typed on Discord: the shared normalisation, then Discord's own syntax removed (after
 * it, so that a zero-width space cannot hide a mention token from the pattern).
 */
export function cleanQuestion(text: string): string {
  return normaliseQuestion(normaliseQuestion(text).replace(CUSTOM_EMOJI, ':$1:').replace(MENTION_TOKEN, ' '));
}

/** True when the message text @mentions this user directly (`<@id>` or the legacy `<@!id>`). */
export function mentionsUser(content: string, userId: string): boolean {
  return content.includes(`<@${userId}>`) || content.includes(`<@!${userId}>`);
}

export type QuestionCheck =
  | { kind: 'question'; question: string }
  | { kind: 'empty' }
  | { kind: 'too-long'; length: number };

/** Cleans a typed question and checks it is neither empty nor over the length limit. */
export function checkQuestion(text: string, max = MAX_QUESTION_LENGTH): QuestionCheck {
  const question = cleanQuestion(text);
  if (!question) return { kind: 'empty' };
  const length = [...question].length;
  if (length > max) return { kind: 'too-long', length };
  return { kind: 'question', question };
}
