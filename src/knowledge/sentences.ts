/**
 * Abbreviation-aware sentence splitting. Returns character ranges so that passages can be cut
 * out of the article verbatim.
 */

/** Never end a sentence: titles and references that always precede something ("Mr. Musk", "No. 1"). */
const ALWAYS_CONTINUE = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'vs', 'e.g', 'i.e', 'cf', 'approx', 'fig', 'vol', 'gen', 'sen', 'rep', 'gov']);

/**
 * End a sentence only before a typical sentence opener: "the U.S. Department" and "LL.M. Developers"
 * stay whole, "… the U.S. The next …" splits. Company suffixes and months behave the same way.
 */
const USUALLY_CONTINUE = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'jr', 'sr', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/** Words that commonly open a sentence; after an abbreviation only these start a new one. */
const SENTENCE_OPENERS = new Set(
  'a an the this that these those it its he she they we i there here however but and or so yet in on at for as after before since while when if although though despite meanwhile moreover furthermore additionally also still thus therefore today last next according such one some many most all both each another other'.split(' '),
);

export interface Span {
  start: number;
  end: number;
}

/** Splits `text` into sentence spans (leading/trailing whitespace excluded). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  // A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
  const boundary = /([.!?…]+)(["'”’)\]]*)(\s+)/g;
  let start = skipSpace(text, 0);
  let m: RegExpExecArray | null;
  while ((m = boundary.exec(text))) {
    const punctEnd = m.index + m[1]!.length + m[2]!.length;
    const nextStart = m.index + m[0].length;
    if (nextStart >= text.length) break;
    if (!endsSentence(text, m.index, m[1]!, nextStart)) continue;
    spans.push({ start, end: punctEnd });
    start = nextStart;
  }
  const end = text.trimEnd().length;
  if (end > start) spans.push({ start, end });
  return splitCjkSentences(text, spans);
}

/** Chinese and Japanese sentences end at 。！？ with no space after: split those inside each span. */
function splitCjkSentences(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  const ender = /[。！？]+[”」』）)]*/g;
  for (const span of spans) {
    let start = span.start;
    ender.lastIndex = span.start;
    let m: RegExpExecArray | null;
    while ((m = ender.exec(text)) && m.index < span.end) {
      const end = m.index + m[0].length;
      if (end >= span.end) break;
      out.push({ start, end });
      start = skipSpace(text, end);
    }
    if (span.end > start) out.push({ start, end: span.end });
  }
  return out;
}

function endsSentence(text: string, punctAt: number, punct: string, nextStart: number): boolean {
  const next = text.slice(nextStart, nextStart + 40);
  // A sentence starts with a capital, a digit, or an opening quote/bracket; "e.g. the" does not split.
  if (!/^["'“‘(\[]?[\p{Lu}\p{N}]/u.test(next)) return false;
  if (punct !== '.') return true;
  const word = wordBefore(text, punctAt);
  if (word === '') return true;
  const lower = word.toLowerCase();
  if (ALWAYS_CONTINUE.has(lower)) return false;
  const nextWord = (/^["'“‘(\[]?([\p{L}\p{N}]+)/u.exec(next)?.[1] ?? '').toLowerCase();
  // Initialisms written with dots ("U.S.", "LL.M.") and single initials ("J. Smith").
  const dotted = /^(\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word) || /^\p{Lu}$/u.test(word);
  if (dotted || USUALLY_CONTINUE.has(lower)) return SENTENCE_OPENERS.has(nextWord);
  return true;
}

/** The token right before position `at`, including inner dots ("U.S", "LL.M", "01.AI"). */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, at).replace(/^\.+/, '');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
