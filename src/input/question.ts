/**
 * What every surface (slash command, mention, DM, terminal, batch) does to typed text before it is
 * a question, so that the same words get the same answer wherever they are typed. Surfaces add
 * only their own syntax on top (Discord's mention tokens and custom emoji, see discord/input.ts).
 */
import { INVISIBLE_CHARS } from '../search/question/tokenize.js';

/** Control characters other than the whitespace ones (NUL included): each becomes a space. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * NFC, no invisible characters (zero-width spaces and joiners, bidi controls, BOM, soft hyphen),
 * control characters as spaces, single spaces, trimmed. Empty means there is no question.
 */
export function normaliseQuestion(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE_CHARS, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}
