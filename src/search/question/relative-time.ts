/**
 * Times given relative to today ("like three years ago", "a couple years back", "the year before
 * last", "back in 2023-ish"). People asking about news they half-remember place it this way; the
 * articles never do (none says "ago"), and they speak from their own date, not the asker's. Left in,
 * "three years" matches "over the past three years" and "before last" any sentence with "last". So
 * the relative time is read as nothing, "back in 2023-ish" as "in 2023".
 */

const HEDGE = String.raw`(?:(?:like|around|roughly|about|almost|nearly|some|maybe|probably|back|approximately|just|over|more\s+than|less\s+than|~)\s*)*`;
const AMOUNT = String.raw`(?:a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?|several|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d)?)(?:\s+and\s+a\s+half)?`;
const UNIT = String.raw`(?:years?|yrs?|summers?|winters?|springs?|autumns?|months?|weeks?)`;

const TIME_AGO = new RegExp(String.raw`[,\s]*\b${HEDGE}${AMOUNT}[\s-]+${UNIT}\s+(?:ago|back)\b`, 'giu');
const YEAR_BEFORE_LAST = new RegExp(String.raw`[,\s]*\b${HEDGE}(?:the\s+)?year\s+before\s+last\b`, 'giu');
/** "back in 2023", "back when …": "back" only says it was before now. */
const BACK = /\bback\s+(?=(?:in\s+(?:19|20)\d\d|when|then)\b)/giu;
/** "2023-ish", "2021ish": roughly that year, which is the year. */
const ROUGH_YEAR = /\b((?:19|20)\d\d)-?ish\b/giu;

export function dropRelativeTimes(text: string): string {
  return text.replace(TIME_AGO, '').replace(YEAR_BEFORE_LAST, '').replace(BACK, '').replace(ROUGH_YEAR, '$1');
}
