/**
 * Question words of Chinese dialects that Mandarin writes with the same characters for something
 * else. Sichuanese 好多 asks "how many" (投了好多钱？ "how much did they invest?"), where Mandarin's
 * 好多 is "a lot of" (好多公司都开源了 "many companies went open source"). Context-free dialect words
 * (哪阵 "when", 边个 "who") are plain glossary entries; only these need the clause around them.
 */

/** A clause and the mark that ends it ("投了好多钱" and "？"). */
const CLAUSE = /([^，,。.？?！!；;\n]+)([，,。.？?！!；;\n]*)/gu;
/** What makes 好多 "a lot of" in a question: another word asks already, or 都 ("好多公司都…") follows it. */
const ASKED_OTHERWISE = /吗|嗎|吧|什么|什麼|啥|哪|谁|誰|多少|几|幾|怎么|怎麼|咋|是不是|有没有|有沒有|好多[^都]*都/u;
/** Sentence-final particles of a Sichuanese question, where no question mark is typed. */
const ASKING_PARTICLE = /[嘛哦喃噻]\s*$/u;

/** The question with a clause's asking 好多 written as Mandarin's 多少 ("美国好多？" → "美国多少？"). */
export function readChineseDialects(text: string): string {
  if (!text.includes('好多')) return text;
  return text.replace(CLAUSE, (whole, clause: string, end: string) => {
    const asks = /[？?]/u.test(end) || ASKING_PARTICLE.test(clause);
    return asks && clause.includes('好多') && !ASKED_OTHERWISE.test(clause) ? clause.replace('好多', '多少') + end : whole;
  });
}
