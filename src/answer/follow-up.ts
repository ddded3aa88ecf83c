/**
 * Follow-up questions: "and the year before?", "what about Tencent?", "why?", "who made it?" mean
 * nothing alone; after a question they take its subject. One place for every surface (Discord
 * replies and DMs, the terminal): the engine calls `resolveFollowUp` when a surface passes the
 * previous question, and answers the question it returns.
 *
 * Built on the analyzer's reading of both questions (content words, which of them name something,
 * the kind of fact asked), so it needs no vocabulary of its own beyond a few function words.
 */
import type { Analyzer, QueryAnalysis } from '../search/question/analyzer.js';
import { escapeRegExp } from '../search/question/answer-types.js';
import { MAX_QUESTION_CHARS } from './compose.js';

/** Words that open an elliptical question: it continues the previous one rather than starting afresh. */
const OPENER =
  /^(?:(?:and|but|or|also|so|then|plus|ok|okay|hmm)\b[\s,]*)*(?:(?:what|how)\s+about|what\s+of|as\s+for|same\s+(?:for|with|about)|and\s+for)?\b[\s,]*/i;
const PRONOUN = /\b(it|its|they|them|their|theirs|this|that|these|those|he|him|his|she|her)\b/i;
const POSSESSIVE = new Set(['its', 'their', 'theirs', 'his', 'her']);
const YEAR = /\b(1[89]\d\d|20\d\d)\b/;
const YEAR_BEFORE = /\b(?:the\s+)?(?:year\s+before|previous\s+year|prior\s+year|year\s+earlier|preceding\s+year)\b/i;
const YEAR_AFTER = /\b(?:the\s+)?(?:year\s+after|following\s+year|next\s+year|year\s+later)\b/i;

function openerOf(question: string): string {
  return OPENER.exec(question)?.[0] ?? '';
}

/** The words of `analysis` that name something (a company, model, person, place), in order. */
function named(analysis: QueryAnalysis): string[] {
  return analysis.words.filter((_, i) => analysis.entities[i]);
}

function withoutEnd(text: string): string {
  return text.replace(/[\s?？!.。]+$/u, '');
}

/** `previous` with its named subject replaced by `subject` ("…did China release…" → "…did Tencent release…"). */
function swapSubject(previous: string, p: QueryAnalysis, subject: string): string {
  // A plural acronym ("LLMs", "GPUs") names the kind of thing counted, not who did it: "How many LLMs
  // did China release?" → "what about Tencent?" swaps China, not LLMs.
  const old = named(p).filter((word) => !/^\p{Lu}{2,}s$/u.test(word));
  if (old.length === 0) return `${withoutEnd(previous)} ${subject}?`;
  let text = previous;
  old.forEach((word, i) => {
    text = text.replace(new RegExp(`\\b${escapeRegExp(word)}(?:'s|’s)?\\b`), i === 0 ? subject : '');
  });
  return text.replace(/\s+/g, ' ').replace(/\s+([?？!.,])/gu, '$1').trim();
}

/** Shifts the previous question's year for "the year before/after"; null when it has no year. */
function shiftYear(previous: string, question: string): string | null {
  const year = YEAR.exec(previous);
  if (!year) return null;
  const own = YEAR.exec(question);
  const to = own ? Number(own[1]) : YEAR_BEFORE.test(question) ? Number(year[1]) - 1 : YEAR_AFTER.test(question) ? Number(year[1]) + 1 : null;
  return to === null ? null : previous.replace(YEAR, String(to));
}

/**
 * The question to answer when `question` follows `previous`: the question itself when it has its
 * own subject, otherwise one that carries the previous subject over:
 * - another name ("what about Tencent?", "and Baidu?"): the previous question about that name;
 * - another year ("and the year before?", "and in 2022?"): the previous question for that year;
 * - a pronoun ("who made it?"): the previous question's names (or words) in its place;
 * - nothing of its own ("why?", "how many?"): asked about the previous question's words.
 */
export function resolveFollowUp(question: string, previous: string, analyzer: Pick<Analyzer, 'analyzeQuery'>): string {
  const prev = previous.trim();
  if (!prev || !question.trim()) return question;
  const q = analyzer.analyzeQuery(question);
  const p = analyzer.analyzeQuery(prev);
  const opener = openerOf(question);
  const rest = question.slice(opener.length);
  const names = named(q);
  const fits = (resolved: string) => (resolved.length <= MAX_QUESTION_CHARS ? resolved : question);

  if (names.length > 0) {
    // "What is Qwen?" names its own subject; "what about Tencent?" or a bare "Tencent?" borrows the rest.
    let bare = rest;
    for (const name of names) bare = bare.replace(new RegExp(`\\b${escapeRegExp(name)}(?:'s|’s)?`, 'i'), ' ');
    const nothingElse = !/[\p{L}\p{N}]/u.test(bare);
    if (!opener.trim() && !nothingElse) return question;
    const others = q.words.filter((w, i) => !q.entities[i] && !p.words.some((pw) => pw.toLowerCase() === w.toLowerCase()));
    const swapped = swapSubject(prev, p, names.join(' '));
    return fits(others.length ? `${withoutEnd(swapped)} ${others.join(' ')}?` : swapped);
  }

  const relativeYear = YEAR_BEFORE.test(question) || YEAR_AFTER.test(question);
  if (relativeYear || (opener.trim() && YEAR.test(question))) {
    const shifted = shiftYear(prev, question);
    if (shifted) return fits(shifted);
  }

  const pronoun = PRONOUN.exec(question);
  const elliptical = Boolean(opener.trim()) || Boolean(pronoun) || relativeYear || q.words.length <= 1;
  if (!elliptical) return question;

  const subjectWords = named(p).length > 0 ? named(p) : p.words;
  if (subjectWords.length === 0) return question;
  const subject = subjectWords.join(' ');
  if (pronoun) {
    const replacement = POSSESSIVE.has(pronoun[1]!.toLowerCase()) ? `${subject}'s` : subject;
    return fits(question.replace(PRONOUN, replacement));
  }
  return fits(`${withoutEnd(rest) || withoutEnd(question)} ${p.words.join(' ')}?`);
}
