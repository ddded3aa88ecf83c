import type { Passage } from './passages.js';

/**
 * News tells a series of years as "The year 2020 saw two … However, the following year, both
 * countries released 30 each": the second sentence is about 2021 without writing it. A question
 * about 2021 should find it, so the year such a sentence means is worked out from the year the
 * sentences before it in the same paragraph last name, and indexed as if written (never quoted).
 */
const LATER = /\b(?:the following year|the next year|a year later|one year later|the year after)\b/i;
const EARLIER = /\b(?:the previous year|the year before|a year earlier|one year earlier|the prior year)\b/i;
/** A year as news and questions write it: "in 2021", "2021年", "the 1970s", but not inside a longer number. */
const YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/g;

/** The years a text names, in order. */
export function yearsIn(text: string): string[] {
  return text.match(YEAR) ?? [];
}
/** Sentences looked back over for the year meant: a series is told in consecutive sentences. */
const LOOK_BACK = 2;

/** The year `passages[i]` means by "the following year" (or "the year before"), if it says so and names none itself. */
export function impliedYear(passages: readonly Passage[], i: number): string | undefined {
  const passage = passages[i]!;
  const step = LATER.test(passage.text) ? 1 : EARLIER.test(passage.text) ? -1 : 0;
  if (step === 0 || yearsIn(passage.text).length > 0) return undefined;
  for (let j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
    const before = passages[j]!;
    if (before.articleId !== passage.articleId || before.block !== passage.block) return undefined;
    const years = yearsIn(before.text);
    if (years.length > 0) return String(Number(years[years.length - 1]) + step);
  }
  return undefined;
}
