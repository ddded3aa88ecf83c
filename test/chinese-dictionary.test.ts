import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../src/engine.js';
import { chineseGloss, glossOf, pinyinName, simplifiedChinese } from '../src/search/question/chinese-words.js';

/**
 * Chinese questions use words the hand-written glossary does not list (国会议员, 拜登, 授權) and are
 * often typed in traditional characters (華為, 聊天機器人). CC-CEDICT reads them in English, so they
 * find the English articles as the same question typed in English would.
 */
describe('CC-CEDICT glosses', () => {
  it('keep a word meaning: no surname, variant or classifier senses, no notes in brackets, no "to"', () => {
    expect(glossOf(['surname Wang', 'king or monarch'])).toBe('king or monarch');
    expect(glossOf(['variant of 發布|发布[fa1 bu4]'])).toBeNull();
    // The first sense only: later ones are rarer ("walk into a scam" for 入局, "to enter the game").
    expect(glossOf(['to examine and approve', 'to endorse'])).toBe('examine and approve');
    expect(glossOf(['to enter the game; to get involved', 'to walk into a scam'])).toBe('enter the game; get involved');
    expect(glossOf(['(computing) open-source (abbr. for 開放源碼|开放源码[kai1 fang4 yuan2 ma3])', 'to establish additional sources of revenue'])).toBe('open-source');
    expect(glossOf(['Biden', 'Joe Biden', 'US president'])).toBe('Biden');
    expect(glossOf(['to examine and approve', 'to endorse'], 2)).toBe('examine and approve; endorse');
  });

  it('know words of both scripts, and write traditional characters simplified one for one', () => {
    expect(chineseGloss('拜登')).toMatch(/Biden/);
    expect(chineseGloss(simplifiedChinese('國會議員'))).toMatch(/congress/);
    expect(chineseGloss('国会议员')).toMatch(/congress/);
    expect(chineseGloss('没有这个词儿啊')).toBeNull();
    // "Chinese" that only says where a thing comes from is left out; a word writing China keeps it.
    expect(chineseGloss('象棋')).toBe('chess');
    expect(chineseGloss('中文')).toMatch(/Chinese/);
    const typed = '華為推出了什麼聊天機器人？';
    expect(simplifiedChinese(typed)).toBe('华为推出了什么聊天机器人？');
    expect(simplifiedChinese(typed)).toHaveLength(typed.length);
  });

  it('read a name no dictionary lists as English news spells it: surname, then the given name as one word', () => {
    expect(pinyinName('秦刚')).toBe('qin gang; qingang');
    expect(pinyinName('王小川')).toBe('wang xiaochuan; wangxiaochuan');
    expect(pinyinName('秦')).toBeNull();
  });
});

describe('Chinese questions beyond the glossary, through the real engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  it.each([
    ['美國國會議員敦促拜登政府採取什麼行動？', 'led US lawmakers to urge the Biden administration'],
    ['華為推出了什麼聊天機器人？', 'to launch its Pangu Chat'],
    ['中國在哪個領域的論文數量超過了美國？', 'China has overtaken the US in the education sector'],
    ['秦刚是谁？', 'Musk met with Chinese foreign minister Qin Gang'],
  ])('%s cites the sentence that answers it first', (question, key) => {
    const answer = engine.answer(question);
    const first = answer.answered ? answer.citations[0] : answer.related?.[0];
    expect(first?.snippet, answer.text).toContain(key);
  });

  it('a name the dictionary knows stays one word before the next character, and is a name the sources lack', () => {
    // 周杰伦新专辑 (Jay Chou's new album): the segmenter gives 周 杰 伦 新 专辑, which joined whole would be
    // one unknown word, and "album" (its gloss mentions a collection) would meet "collectively".
    const answer = engine.answer('周杰伦新专辑到底啥时候发布啊');
    expect(answer.answered).toBe(false);
    expect(answer.related ?? []).toEqual([]);
    // A name the dictionary lacks stays joined, as before.
    expect(engine.answer('秦刚是谁？').related?.[0]?.snippet ?? engine.answer('秦刚是谁？').citations[0]?.snippet).toContain('Qin Gang');
  });

  it.each(['今天天气怎么样？', '给我一个饺子的食谱'])('%s (weather, a recipe) is plainly declined, whatever words its English shares', (question) => {
    const answer = engine.answer(question);
    expect(answer.answered).toBe(false);
    expect(answer.related ?? []).toEqual([]);
  });
});
