import type { Glossary } from '../../knowledge/schema.js';
import type { AliasMatcher } from './aliases.js';
import { AT_WHICH } from './answer-types.js';
import { chineseGloss, pinyinName, simplifiedChinese } from './chinese-words.js';
import { createHomophoneMender, type HomophoneMender } from './homophones.js';
import { cjkBigrams } from './tokenize.js';

/**
 * Chinese has no spaces, so a question's run of Chinese characters is cut into "words" for the
 * decline rule and for ranking: the alias names found in it (百度, 文心一言, 用户 …), and what is left
 * once the function and question words (的, 是, 多少, 什么 …) are removed. A leftover piece the
 * knowledge does not know then counts against answering, exactly as an unknown English word does.
 */

/** Function and question words stripped from the leftover of a Chinese question (longest first). */
const CJK_STOP_WORDS = [
  '什么时候', '为什么', '怎么看', '有哪些', '是不是', '是否', '哪些', '哪个', '哪家', '哪里', '什么', '多少', '怎么', '怎样', '如何', '何时',
  '关于', '一下', '一些', '可以', '告诉', '介绍', '请问', '我们', '你们', '他们', '它们', '这个', '那个', '这些', '那些',
  '的', '了', '是', '有', '吗', '呢', '吧', '啊', '呀', '在', '和', '与', '及', '或', '也', '都', '就', '还', '又', '很', '被',
  '把', '给', '对', '从', '向', '为', '于', '以', '之', '其', '这', '那', '哪', '谁', '几', '请', '我', '你', '他', '她', '它',
  '们', '个', '些', '么', '年', '月', '日', '家', '款', '种', '上', '中', '里', '到', '说', '会', '能', '用', '得', '地', '着', '过',
  // Adverbs, conjunctions and chat words that carry no topic ("到底", "还是", "当时", "各自", "要"):
  // unknown to the English knowledge, each would otherwise weigh as much as an unknown name.
  '到底', '究竟', '还是', '或者', '或是', '当时', '那时', '那时候', '那阵', '那阵子', '这时候', '时候', '各自', '分别', '要', '想', '需要',
  '应该', '应当', '可能', '也许', '大概', '大约', '左右', '现在', '目前', '如今', '已经', '曾经', '真的', '其实', '确实',
  '一直', '然后', '所以', '因此', '那么', '这么', '怎么样', '比较', '非常', '特别', '一共', '总共', '共有', '除了',
  '事情', '事儿', '事', '东西', '做', '搞', '干', '十几', '几十', '好几', '没有', '不是', '而且', '但是', '不过', '只是',
  '就是', '能不能', '会不会', '有没有', '能否', '嘛', '咋', '咋样', '据说', '听说', '好像', '似乎', '感觉', '觉得', '知道',
  // Conjunctions and pointers of formal writing ("除…外", "其中", "文中所…"): no topic either.
  '所', '除', '外', '还有', '其中', '其他', '其它', '另外', '此外', '以及', '方面', '主要', '何种', '哪一', '什么样', '样', '并', '而', '即',
  '由', '将', '已', '该', '此', '对于', '如果', '虽然', '即便', '即使', '文中', '文章', '一个', '一种', '一款', '一家', '一位', '一项',
  // Light verbs and frames of translated, formal Chinese: "对于X而言" (as for X), "进行竞争" (carry out
  // competing), "在…之中/在内" (within), "之所以" (the reason that), "能够" (be able to), "所拥有的" (that
  // it has), "给出" (give), "作为" (as). Not 来 or 去 ("来推出", "去阻碍"): cut out of a leftover, they
  // would break 来头, 去重 and 来电.
  '而言', '进行', '加以', '予以', '之中', '在内', '之所以', '能够', '具体', '拥有', '给出', '作为',
  // Written Cantonese: 係 (is, simplified 系) alone, 而家 (now), 仲 (still); its particles are below.
  '系', '而家', '仲',
  // Shanghainese: 伐 (a question's last word), 阿是 (is it), 侬/阿拉/伊 (you/we/he), 勒 (at), 里向
  // (inside), 除脱 (besides), 物事 (thing), 交关 (very). Northeastern: 贼/嘎嘎 (very), 整 (do, make),
  // 唠唠 (talk about), 那会儿 (back then). The segmenter keeps 阿拉伯, 伊朗 and 整个 whole.
  '伐', '阿是', '侬', '阿拉', '伊', '勒', '里向', '除脱', '物事', '交关', '贼', '嘎嘎', '整', '唠唠', '那会儿',
  // Taiwanese Hokkien: 敢/敢是/敢有 (is it, whether), 彼 (that), 顶悬 (on top of), 内底 (inside), 到今
  // (until now), 了后 (after), 遐尔 (so), 阁 (also), 哩 (you), 欲 (want to).
  '敢', '敢是', '敢有', '敢会', '彼', '彼个', '彼阵', '顶悬', '内底', '到今', '了后', '遐尔', '阁', '哩', '欲',
].sort((a, b) => b.length - a.length);

/**
 * Written Cantonese's particles and pronouns (咗 done, 嘅 of, 喺 at, 嗰 that, 啲 some, 冇 not have,
 * 佢哋 they, 嚟 come, 嘢 thing, 㗎/喎/啫/囉 sentence ends …). Mandarin does not write them, and the
 * dictionary segmenter does not know them, so it glues them to their neighbours ("紅咗", "咗邊"): they
 * are cut out before segmenting, as a space would be.
 */
const CANTONESE_PARTICLES = /[咗嘅喺嗰啲冇佢哋嚟嘢㗎喎啫囉噉嘞咁唔咪吖啩畀俾]/gu;

/**
 * Taiwanese Hokkien's particles, as Taiwan types them: 佇 (at, read as simplified 伫), 佮 (and, with), 咧 (-ing), 遐 (there,
 * so), 袂 (cannot), 齁 (sentence end). Mandarin questions hardly write them; cut out as the Cantonese ones.
 */
const HOKKIEN_PARTICLES = /[佇伫佮咧遐袂齁]/gu;

export interface CjkSegment {
  /** The characters of the question this word stands for. */
  text: string;
  /** Alias terms of a matched name. */
  canonicals: string[];
  /** Bigrams of the piece: they find Chinese text (for a matched name, the alias term finds English text too). */
  bigrams: string[];
  /** True for an alias name. */
  name: boolean;
  /** What the glossary says the word means in English ("芯片" → "chips"), when it knows the word. */
  english: string | null;
}

/** Chinese words to English, longest first for matching; built once per glossary. */
export interface GlossaryMatcher {
  words: string[];
  english: ReadonlyMap<string, string>;
}

export function createGlossaryMatcher(glossary: Glossary): GlossaryMatcher {
  const english = new Map<string, string>();
  for (const entry of glossary.entries) for (const zh of entry.zh) english.set(zh, entry.en);
  return { english, words: [...english.keys()].sort((a, b) => b.length - a.length) };
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const STOP = new Set(CJK_STOP_WORDS);

const ASKING = /\b(?:when|how|why|who|where|what|which|whose)\b/i;

/** One homophone mender per name table and glossary. */
const menders = new WeakMap<AliasMatcher, WeakMap<GlossaryMatcher, HomophoneMender>>();
function menderFor(aliases: AliasMatcher, glossary: GlossaryMatcher): HomophoneMender {
  const byGlossary = menders.get(aliases) ?? new WeakMap<GlossaryMatcher, HomophoneMender>();
  menders.set(aliases, byGlossary);
  let mender = byGlossary.get(glossary);
  if (!mender) {
    // Built when a word no dictionary knows first needs it, not with the first Chinese question.
    let built: HomophoneMender | undefined;
    mender = (word) => {
      // Not towards question words: 第四 (fourth) is no typo of 底时 (when), nor 那位 (that one) of 哪位 (who).
      built ??= createHomophoneMender(
        aliases.names.map((n) => n.name),
        glossary.words.filter((w) => !ASKING.test(glossary.english.get(w)!)),
      );
      return built(word);
    };
    byGlossary.set(glossary, mender);
  }
  return mender;
}

/**
 * The question's words in a run of Chinese characters. Traditional characters are read as simplified
 * (the glossary, the names and the stop words are written so), one for one, so each word still shows
 * as it was typed. A word the glossary lacks is read in English from CC-CEDICT.
 */
export function segmentCjkQuery(typed: string, aliases: AliasMatcher, glossary: GlossaryMatcher): CjkSegment[] {
  // Cut before the glossary is read, which would read 在哪 as "where" first.
  const run = simplifiedChinese(typed).replace(AT_WHICH, ' ');
  const mend = menderFor(aliases, glossary);
  // The longest names first, without overlaps; shorter names inside them add their alias terms.
  const matches = aliases.matchCjk(run).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const picked: Array<{ start: number; end: number; canonicals: string[] }> = [];
  for (const m of matches) {
    const inside = picked.find((p) => m.start >= p.start && m.end <= p.end);
    if (inside) {
      if (!inside.canonicals.includes(m.canonical)) inside.canonicals.push(m.canonical);
    } else if (!picked.some((p) => m.start < p.end && m.end > p.start)) {
      picked.push({ start: m.start, end: m.end, canonicals: [m.canonical] });
    }
  }
  picked.sort((a, b) => a.start - b.start);

  const segments: CjkSegment[] = [];
  const leftover = (start: number, end: number) => {
    let at = start;
    for (const piece of glossaryPieces(run.slice(start, end), glossary)) {
      const from = at;
      at += piece.text.length;
      if (piece.english !== null) {
        segments.push({ text: typed.slice(from, at), canonicals: [], bigrams: cjkBigrams(piece.text), name: false, english: piece.english });
        continue;
      }
      for (const word of dictionaryWords(piece.text)) {
        const typedAt = (start: number, length: number) => typed.slice(from + word.start + start, from + word.start + start + length);
        const known = chineseGloss(word.text) ?? chineseGloss(typedAt(0, word.text.length));
        if (known !== null) {
          segments.push({ text: typedAt(0, word.text.length), canonicals: [], bigrams: cjkBigrams(word.text), name: false, english: known });
          continue;
        }
        // A word no dictionary knows is a name, or a word typed with characters that sound alike.
        let offset = 0;
        for (const part of mend(word.text)) {
          const text = typedAt(offset, part.text.length);
          offset += part.text.length;
          if (part.meant === undefined) {
            // A name: read aloud, as English news spells it.
            segments.push({ text, canonicals: [], bigrams: cjkBigrams(part.text), name: false, english: pinyinName(part.text) });
            continue;
          }
          const canonicals = [...new Set(aliases.matchCjk(part.meant).filter((m) => m.start === 0 && m.end === part.meant!.length).map((m) => m.canonical))];
          const english = canonicals.length ? null : (glossary.english.get(part.meant) ?? null);
          segments.push({ text, canonicals, bigrams: cjkBigrams(part.meant), name: canonicals.length > 0, english });
        }
      }
    }
  };
  let at = 0;
  for (const p of picked) {
    leftover(at, p.start);
    segments.push({ text: typed.slice(p.start, p.end), canonicals: p.canonicals, bigrams: cjkBigrams(run.slice(p.start, p.end)), name: true, english: null });
    at = p.end;
  }
  leftover(at, run.length);
  return segments;
}

/**
 * Splits text at the glossary's words, left to right, taking the longest word at each position
 * (被称为什么 is 被称为 + 什么, not 被称 + 为什么); the pieces between have `english: null`.
 */
function glossaryPieces(text: string, glossary: GlossaryMatcher): Array<{ text: string; english: string | null }> {
  const pieces: Array<{ text: string; english: string | null }> = [];
  let plain = '';
  for (let at = 0; at < text.length; ) {
    const word = glossary.words.find((w) => text.startsWith(w, at));
    if (word === undefined) {
      plain += text[at];
      at += 1;
      continue;
    }
    if (plain) pieces.push({ text: plain, english: null });
    plain = '';
    pieces.push({ text: word, english: glossary.english.get(word)! });
    at += word.length;
  }
  if (plain) pieces.push({ text: plain, english: null });
  return pieces;
}

/** A dictionary word this long is taken out of a run of single characters; a shorter one may be part of a name. */
const MIN_KNOWN_IN_RUN = 3;

/**
 * A run of single characters as words: the segmenter also splits a name the dictionary knows when a
 * character follows it (周杰伦新专辑 → 周 杰 伦 新 专辑), and joined whole the run would be a name no
 * dictionary lists ("zhoujielunxin"). A dictionary word of three characters or more in it is its own
 * word (周杰伦, Jay Chou); the rest stays joined, as a name the dictionary lacks (秦刚, 网信办).
 */
function knownWordsIn(run: string): Array<{ text: string; at: number }> {
  if (!run) return [];
  if ([...run].length <= MIN_KNOWN_IN_RUN || chineseGloss(run) !== null) return [{ text: run, at: 0 }];
  const out: Array<{ text: string; at: number }> = [];
  let restAt = -1; // where the characters no known word covers begin
  for (let at = 0; at < run.length; ) {
    const known = longestKnownAt(run, at);
    if (known === undefined) {
      if (restAt < 0) restAt = at;
      at += 1;
      continue;
    }
    if (restAt >= 0) out.push({ text: run.slice(restAt, at), at: restAt });
    restAt = -1;
    out.push({ text: known, at });
    at += known.length;
  }
  if (restAt >= 0) out.push({ text: run.slice(restAt), at: restAt });
  return out;
}

/** The longest dictionary word of at least `MIN_KNOWN_IN_RUN` characters that starts at `at`. */
function longestKnownAt(run: string, at: number): string | undefined {
  for (let end = run.length; end - at >= MIN_KNOWN_IN_RUN; end--) if (chineseGloss(run.slice(at, end)) !== null) return run.slice(at, end);
  return undefined;
}

/**
 * The words of a Chinese stretch the glossary does not know, by the built-in dictionary segmenter,
 * function words removed. Single characters in a row are joined again: the segmenter splits names it
 * does not know (秦刚, 网信办) into characters, and a name is one word of the question.
 */
function dictionaryWords(text: string): Array<{ text: string; start: number }> {
  const words: Array<{ text: string; start: number }> = [];
  let run = '';
  let runStart = 0;
  const flush = () => {
    for (const piece of knownWordsIn(run)) if (!STOP.has(piece.text)) words.push({ text: piece.text, start: runStart + piece.at });
    run = '';
  };
  for (const { segment, index, isWordLike } of segmenter.segment(text.replace(CANTONESE_PARTICLES, ' ').replace(HOKKIEN_PARTICLES, ' '))) {
    // A word made only of function characters (的是, 是不) is one too.
    if (!isWordLike || STOP.has(segment) || [...segment].every((ch) => STOP.has(ch))) {
      flush();
      continue;
    }
    if ([...segment].length === 1) {
      if (!run) runStart = index;
      run += segment;
    } else {
      flush();
      words.push({ text: segment, start: index });
    }
  }
  flush();
  return words;
}
