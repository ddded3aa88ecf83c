import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Citation } from '../../answer/types.js';
import { formatSourceLine } from './format.js';
import { highlighter } from './highlight.js';
import { COLORS, LIMITS, embedLength } from './limits.js';
import { fitText, joinLinesWithin } from './markdown.js';

/** Questions the knowledge answers well; shown in /help and after a declined question. */
export const EXAMPLE_QUESTIONS = [
  'How many LLMs did China release in 2023?',
  'When did the US restrict exports of high-end GPUs?',
  'Which firms were among the beneficiaries of the fourth round of approvals?',
] as const;

const FOOTER = 'Quotes are verbatim from the sources listed · /sources shows them all';
const RELATED_LABEL = 'Not sure · closest passages';
const RELATED_FOOTER = 'Closest passages, not an answer · quotes are verbatim · /sources shows them all';
/** Also under a "Check with sources" that the sources do not cover. */
export const DECLINED_FOOTER = 'No quotes: not in my sources · /help shows how to ask';

/**
 * The footers that only a reply to a question carries (an answer, closest passages, a decline, a
 * check): what marks a message of the bot as one whose title is a question, so that a reply to it
 * can follow up on it (conversation.ts). Every other embed (/help, /sources, /search, /gaps, …)
 * has its own footer or none. Kept in the message, so it holds after a restart; when a footer is
 * reworded, keep the old wording here too, so replies to answers sent before still follow up.
 */
const ANSWER_FOOTERS: ReadonlySet<string> = new Set([FOOTER, RELATED_FOOTER, DECLINED_FOOTER]);

/** Whether this embed is the bot's reply to a question (its title is then that question). */
export function isAnswerEmbed(embed: Pick<APIEmbed, 'footer'>): boolean {
  return ANSWER_FOOTERS.has(embed.footer?.text ?? '');
}
/** Citation fields beyond this are dropped: the sources field must still fit in Discord's 25. */
const MAX_QUOTE_FIELDS = LIMITS.fields - 1;
/** Room kept for the answer text before quotes are sized; more than any one-passage answer needs. */
const DESCRIPTION_RESERVE = 1500;
/** A quote shorter than this is not worth showing (it would be mostly "…"). */
const MIN_QUOTE_CHARS = 120;

/** Picks an example deterministically, so the same question always gets the same suggestion. */
export function exampleFor(question: string): string {
  let hash = 0;
  for (const ch of question) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return EXAMPLE_QUESTIONS[hash % EXAMPLE_QUESTIONS.length]!;
}

/** A snippet already printed in the answer text need not be quoted a second time. */
function quotedInText(text: string, snippet: string): boolean {
  const core = snippet.replace(/^…\s*|\s*…$/g, '').trim();
  return core.length > 0 && text.includes(core);
}

function quoteField(citation: Citation, maxValue: number): APIEmbedField {
  const text = citation.snippet.replace(/\s+/g, ' ').trim();
  return { name: `[${citation.n}]`, value: `> ${fitText(text, maxValue - 2, highlighter(citation.matchedTerms))}` };
}

/** One line per article, listing every marker that cites it: "[1] [3] Title — Publisher, date". */
function sourcesField(citations: Citation[]): APIEmbedField {
  const byArticle = new Map<string, Citation[]>();
  for (const c of citations) byArticle.set(c.articleId, [...(byArticle.get(c.articleId) ?? []), c]);
  const groups = [...byArticle.values()];
  const perLine = Math.max(60, Math.floor(LIMITS.fieldValue / groups.length) - 1);
  const lines = groups.map((group) =>
    formatSourceLine(group[0]!, perLine, `**${group.map((c) => `[${c.n}]`).join(' ')}** `),
  );
  return { name: 'Sources', value: joinLinesWithin(lines, LIMITS.fieldValue, (n) => `…and ${n} more`) };
}

/** The question as the embed title, escaped so it shows exactly as typed. */
function titleFor(question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return fitText(oneLine || 'Your question', LIMITS.embedTitle);
}

/**
 * An answered question: the answer with its [n] markers, the quoted snippets that the answer text
 * does not already contain (matched terms in bold), and the numbered sources, linked where known.
 * Always within Discord's limits; the description gives way first because the sources must stay.
 */
export function renderAnswerEmbed(answer: Answer): APIEmbed {
  if (answer.related.length > 0) return renderRelatedEmbed(answer);
  if (!answer.answered) return renderDeclinedEmbed(answer);
  return quotedEmbed(answer, answer.citations, COLORS.answer, FOOTER);
}

/**
 * Not sure: the engine's explanation, then the closest passages under a label that says they are
 * not the answer, each quoted in full with its source, in their own colour.
 */
export function renderRelatedEmbed(answer: Answer): APIEmbed {
  return quotedEmbed(answer, answer.related, COLORS.related, RELATED_FOOTER, RELATED_LABEL);
}

function quotedEmbed(answer: Answer, cited: Citation[], color: number, footer: string, label?: string): APIEmbed {
  const citations = [...cited].sort((a, b) => a.n - b.n);
  const embed: APIEmbed = { title: titleFor(answer.question), color, footer: { text: footer } };
  if (label) embed.author = { name: label };
  const sources = citations.length > 0 ? [sourcesField(citations)] : [];
  const terms = citations.flatMap((c) => c.matchedTerms);
  const render = highlighter(terms);

  // Budget the 6000 total: sources first (they must stay), then room for the answer text, then the
  // quotes share what is left; a quote that would get less than a readable sentence is dropped.
  const fixed = embedLength({ ...embed, fields: sources });
  const textReserve = Math.min(render(answer.text).length, DESCRIPTION_RESERVE);
  let quoteRoom = LIMITS.embedTotal - fixed - textReserve;
  const quoting = citations.filter((c) => !quotedInText(answer.text, c.snippet)).slice(0, MAX_QUOTE_FIELDS);
  const quotes: APIEmbedField[] = [];
  for (const [i, c] of quoting.entries()) {
    const share = Math.floor(quoteRoom / (quoting.length - i)) - `[${c.n}]`.length;
    if (share < MIN_QUOTE_CHARS) break;
    const field = quoteField(c, Math.min(LIMITS.fieldValue, share));
    quotes.push(field);
    quoteRoom -= field.name.length + field.value.length;
  }
  embed.fields = [...quotes, ...sources];

  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - embedLength(embed));
  const description = fitText(answer.text, room, render);
  if (description) embed.description = description;
  return embed;
}

/**
 * A declined question: short and friendly, the engine's explanation, and a way forward
 * (`/sources` and an example question the bot can answer).
 */
export function renderDeclinedEmbed(answer: Answer): APIEmbed {
  const example = exampleFor(answer.question);
  // Nothing was asked (a forged empty /ask): its "Your question" title is no subject to follow up on.
  const asked = answer.question.trim() !== '';
  return {
    title: titleFor(answer.question),
    color: COLORS.declined,
    description: fitText(answer.text || "I couldn't find that in my sources.", 1500),
    fields: [
      {
        name: 'Try',
        value: `\`/sources\` lists the articles I know.\nFor example: *${example}*`,
      },
    ],
    ...(asked ? { footer: { text: DECLINED_FOOTER } } : {}),
  };
}
