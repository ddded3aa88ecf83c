/**
 * Numbers written in Chinese characters, as digits: "二〇二三年" → "2023年", "十九个" → "19个",
 * "百分之七十" → "70%", "五千万" → "50 million". The articles write numbers in digits, and a number the
 * question names is a strong sign of the sentence that holds it; left in characters, "二〇二三年"
 * is cut into 二〇二 and 三年. Read for analysis only.
 *
 * Characters that are numerals are also parts of words and names (百度, 千问, 零一万物, 十分, 一共,
 * 三月), so only what can be nothing but a number is written: a year spelled digit by digit before
 * 年, a number with 十, 百 or 千 in it before a measure word, a digit before 万 or 亿, and a share
 * after 百分之. Ordinals (第四) and months (三月, 十二月) are left to the glossary, which reads them.
 */

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const POWERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL = '〇零一二两兩三四五六七八九十百千';

/**
 * The value of a digit, or of a number under 10,000 written with 十, 百 and 千 ("三十七" = 37, "十九" =
 * 19, "一百零五" = 105), or null.
 */
function positional(text: string): number | null {
  if (text.startsWith('零') || text.includes('〇')) return null;
  let total = 0;
  let digit: number | null = null;
  let lastPower = Infinity;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[ch] !== 0) return null; // two digits in a row: no positional number
      digit = DIGITS[ch]!;
    } else {
      const power = POWERS[ch]!;
      if (power >= lastPower) return null;
      total += (digit ?? (total === 0 ? 1 : NaN)) * power; // a leading 十 is ten; 一百十 is not written
      if (Number.isNaN(total)) return null;
      lastPower = power;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** Measure words and units after a count: 十九个, 三十七家, 七十九款, 两倍. Not 年, 月, 日: see above. */
const MEASURE = '个個家款名位倍人岁歲次项項条條种種元块塊天周批轮輪多余餘来來';

/**
 * Before a numeral, these make it an ordinal or a rough amount: 第四, 几百万 (a few million), 上百,
 * 好几百, and 数十 (some tens), unless 数 ends a word (参数十亿: a billion parameters).
 */
const NOT_A_NUMBER = `(?<![${NUMERAL}第几幾上好])(?<!(?<![参參人总總指函次个個分字])[数數])`;

/**
 * 万 is ten thousand and 亿 a hundred million; English news writes "100 million users" and "1 billion
 * yuan". So "1亿" is read as 100 million and "5000万" as 50 million.
 */
const SCALED = /(\d+(?:\.\d+)?)\s*(万亿|萬億|亿|億|万|萬)/gu;
const SCALE: Readonly<Record<string, number>> = { 万亿: 1e12, 萬億: 1e12, 亿: 1e8, 億: 1e8, 万: 1e4, 萬: 1e4 };

function inEnglishScale(value: number): string {
  const round = (n: number) => String(Math.round(n * 1000) / 1000);
  if (value >= 1e12) return `${round(value / 1e12)} trillion `;
  if (value >= 1e9) return `${round(value / 1e9)} billion `;
  if (value >= 1e6) return `${round(value / 1e6)} million `;
  return `${round(value)} `;
}

const YEAR_DIGITS = new RegExp(`(?<![${NUMERAL}第])([〇零一二三四五六七八九]{4})(?=年)`, 'gu');
const YEAR_WORDS = new RegExp(`(?<![${NUMERAL}第])([${NUMERAL}]{3,})(?=年)`, 'gu');
const SHARE = new RegExp(`百分之([${NUMERAL}]+|\\d+(?:\\.\\d+)?)`, 'gu');
const COUNT = new RegExp(`${NOT_A_NUMBER}([${NUMERAL}]*[十百千][${NUMERAL}]*)(?=[${MEASURE}万萬亿億])`, 'gu');
const TIMES_UNIT = new RegExp(`${NOT_A_NUMBER}([一二两兩三四五六七八九])(?=[万萬亿億])`, 'gu');

/**
 * Ten thousands and what follows them, one number: 一万五千 = 15,000, 两万零五百 = 20,500, and as people
 * say it, 一万五 = 15,000 (the digit after 万 counts thousands) unless a word goes on from it (十万一起).
 */
const MYRIADS = new RegExp(
  `${NOT_A_NUMBER}(\\d+|[${NUMERAL}]+)(?:万|萬)(\\d+千|[零〇]?[${NUMERAL}]*[十百千][${NUMERAL}]*|[一二两兩三四五六七八九\\d](?:(?![\\p{Script=Han}\\d])|(?=[的块塊元多])))`,
  'gu',
);

function myriads(whole: string, high: string, low: string): string {
  const tens = /\d/.test(high) ? Number(high) : positional(high);
  const rest = /^\d+千?$/.test(low) ? Number(low.replace('千', '')) * 1000
    : low.length === 1 ? DIGITS[low]! * 1000
      : positional(low.replace(/^[零〇]/, ''));
  return tens === null || rest === null || tens >= 10_000 || rest >= 10_000 ? whole : inEnglishScale(tens * 10_000 + rest);
}

const digitByDigit = (text: string) => [...text].map((ch) => DIGITS[ch]).join('');

export function writeChineseNumerals(text: string): string {
  if (!/[〇零一二两兩三四五六七八九十百千万萬亿億]/u.test(text)) return text;
  return text
    .replace(YEAR_DIGITS, (run: string) => digitByDigit(run))
    .replace(YEAR_WORDS, (run: string) => {
      const value = positional(run);
      return value !== null && value >= 1900 && value <= 2100 ? String(value) : run;
    })
    .replace(SHARE, (whole: string, run: string) => {
      const value = /\d/.test(run) ? run : String(positional(run) ?? '');
      return value ? `${value}%` : whole;
    })
    .replace(MYRIADS, myriads)
    // 千万 alone is also "by all means"; 百万 is only a million.
    .replace(COUNT, (run: string) => (run === '千' ? run : String(positional(run) ?? run)))
    .replace(TIMES_UNIT, (run: string) => String(DIGITS[run]))
    .replace(SCALED, (_, digits: string, unit: string) => inEnglishScale(Number(digits) * SCALE[unit]!));
}
