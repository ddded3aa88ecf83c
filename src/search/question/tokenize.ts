/**
 * Splits text into surface tokens, keeping names like "GPT-4", "DeepSeek-R1", "A100", "01.AI",
 * "1,189" and "80%" whole while also exposing their parts. Chinese, Japanese and Korean text has no
 * spaces, so runs of CJK characters become overlapping character bigrams.
 */

export interface SurfaceToken {
  /** The token as written, NFKC-normalised. */
  raw: string;
  /** The searchable parts of the token in order ("DeepSeek-R1" → ["deepseek", "r1"]); one part for simple words. */
  parts: string[];
  /** The whole token in canonical joined form ("gpt4", "1189", "80%"), when it differs from its only part. */
  whole: string | null;
  /** True for a run of CJK characters. */
  cjk: boolean;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const WORD_CHAR = `[[\\p{L}\\p{N}]--[${CJK}]]`;
// A word: letters/digits, joined by inner - . , ' & $ + to more letters/digits, with an optional trailing %.
const TOKEN = new RegExp(`([${CJK}]+)|(${WORD_CHAR}+(?:[\\-.,'&$+]${WORD_CHAR}+)*%?)`, 'gv');

/**
 * Characters that change nothing a reader sees but would split or hide words: zero-width spaces
 * and joiners, bidi embeddings, overrides and isolates (RTL tricks), the BOM and the soft hyphen.
 * Shared with the surfaces, which strip the same set from what they echo.
 */
export const INVISIBLE_CHARS = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Folds typographic variants so that "Baidu’s" and "Baidu's" are the same token. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(INVISIBLE_CHARS, '');
}

/**
 * Distinct words whose tokens are remembered. Questions bring new words for ever (typos, names), so
 * the cache is emptied when full rather than left to grow or to stop caching. 50,000 holds the
 * whole vocabulary of 1,000 articles (11,519 distinct words measured on the bench's synthetic set)
 * four times over, so indexing still splits each distinct word about once; measured, this cache and
 * the stemmer's take about 165 bytes a word together, so about 8 MB when both are full.
 */
export const WORD_CACHE_LIMIT = 50_000;
/** Tokens are shared between calls: treat them as read-only. */
const wordCache = new Map<string, SurfaceToken>();
/** How many words are remembered now (at most WORD_CACHE_LIMIT). */
export const wordCacheSize = () => wordCache.size;

export function tokenizeSurface(text: string): SurfaceToken[] {
  const tokens: SurfaceToken[] = [];
  for (const m of normaliseText(text).matchAll(TOKEN)) {
    if (m[1]) {
      tokens.push({ raw: m[1], parts: [m[1]], whole: null, cjk: true });
      continue;
    }
    const raw = m[2]!.replace(/'s$|'$/i, ''); // possessive: "Baidu's" is about Baidu
    if (!raw) continue;
    // Texts repeat their words far more than they add new ones: split each distinct word once.
    let token = wordCache.get(raw);
    if (!token) {
      token = splitWord(raw);
      if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
      wordCache.set(raw, token);
    }
    tokens.push(token);
  }
  return tokens;
}

function splitWord(raw: string): SurfaceToken {
  const lower = raw.toLowerCase();
  // Thousands separators and decimals are one number: "1,189" is 1189, "3.5" stays "3.5".
  if (/^\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(lower)) return single(raw, lower.replace(/,/g, ''));
  if (/^\d+(\.\d+)+%?$/.test(lower)) return single(raw, lower);
  // An amount in a country's dollars is an amount: "US$23.196" does not name the US.
  const money = /^(?:us|hk|nt|nz|s|a|c)\$(\d[\d,.]*)$/.exec(lower);
  if (money) return single(raw, money[1]!.replace(/,(?=\d{3})/g, ''));
  // Dotted initialisms: "U.S" → "us", "LL.M" → "llm", "e.g" → "eg".
  if (/^(\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(lower)) return single(raw, lower.replace(/\./g, ''));
  const percent = lower.endsWith('%');
  const body = percent ? lower.slice(0, -1) : lower;
  const parts = body.split(/[-.,'&$+]+/).filter(Boolean);
  if (percent) {
    // "80%" is found by "80%" and by "80 percent"
    return { raw, parts, whole: `${body.replace(/[-.,'&$+]/g, '')}%`, cjk: false };
  }
  if (parts.length <= 1) return single(raw, parts[0] ?? body);
  return { raw, parts, whole: parts.join(''), cjk: false };
}

function single(raw: string, term: string): SurfaceToken {
  return { raw, parts: [term], whole: null, cjk: false };
}

/** Overlapping character bigrams of a CJK run ("通义千问" → 通义, 义千, 千问); a single character stays itself. */
export function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const grams: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
