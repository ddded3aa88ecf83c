import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import type { Analyzer } from '../src/search/question/analyzer.js';
import { BENGALI } from '../src/search/question/bengali.js';
import { DUTCH } from '../src/search/question/dutch.js';
import { isHinglish, readHinglish } from '../src/search/question/hinglish.js';
import { ITALIAN } from '../src/search/question/italian.js';
import { isWrittenIn, readMixedLanguage } from '../src/search/question/mixed-language.js';
import { PERSIAN } from '../src/search/question/persian.js';
import { isPidgin, readPidgin } from '../src/search/question/pidgin.js';
import { POLISH } from '../src/search/question/polish.js';
import { SWAHILI } from '../src/search/question/swahili.js';
import { isTagalog, readTagalog } from '../src/search/question/tagalog.js';
import { TAMIL } from '../src/search/question/tamil.js';
import { TURKISH } from '../src/search/question/turkish.js';
import { firstQuote, loadRealReading } from './support/real-reading.js';

/**
 * Questions in Hinglish (Hindi in Latin letters), Banglish (Bengali in Latin letters), Tanglish (Tamil), Taglish, Nigerian Pidgin, Polish, Turkish, Italian,
 * Persian (Finglish), Dutch and Swahili, mixed with English, are read for what they ask, through the
 * real engine.
 */
let engine: Engine;
let analyzer: Analyzer;
beforeAll(async () => {
  ({ engine, analyzer } = await loadRealReading());
});

const first = (q: string) => firstQuote(engine, q);

describe('Hinglish', () => {
  it('reads the Hindi question words (kitne, kisne, kaun, kab, kahan) as the English ones', () => {
    expect(analyzer.analyzeQuery('China ne 2023 mein kitne LLMs release kiye?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Sun Xin kaun hai aur kahan padhate hai?').types).toEqual(['who', 'place']);
    expect(analyzer.analyzeQuery('iFLYTEK ka LLM kab release hua?').types).toEqual(['date']);
    // The grammar words are not searched, nor mended into English ones ("kitne" is no "kite").
    expect(analyzer.analyzeQuery('China mein kitne AI models ko approval mila hai?').words).toEqual(['China', 'AI', 'models', 'approval']);
    // A message whose only Hindi is "kis … se … hue" (from which … did it become) is read too.
    expect(analyzer.analyzeQuery('Generative AI Service Management Measures kis date se lagoo hue?').words).toEqual([
      'Generative', 'AI', 'Service', 'Management', 'Measures', 'date', 'effective',
    ]);
  });

  it('answers from the sentence that holds the fact', () => {
    expect(first('China ne 2023 mein kitne LLMs release kiye?')).toMatch(/19 LLMs/);
    expect(first('Baichuan kisne start kiya bhai?')).toMatch(/Wang Xiaochuan initiated Baichuan/);
    expect(first('Ernie Bot ke kitne users hai?')).toMatch(/100 million users/);
    expect(first('Baidu ke chatbot ka Chinese naam kya hai jisko Chinese ChatGPT bolte hai?')).toMatch(/Wen Xin Yi Yan/);
  });

  it('"X ke alawa" sets X aside, as "besides X" does', () => {
    expect(readHinglish('Baidu ke alawa kaun si companies ko approval mila?')).toMatch(/^besides Baidu, who/);
  });

  it('declines what the articles do not say, and what is off topic', () => {
    expect(engine.answer('yaar ye Ernie Bot ka price kitna hai?').answered).toBe(false);
    const weather = engine.answer('bhai aaj mausam kaisa hai?');
    expect(weather.answered).toBe(false);
    expect(weather.related).toEqual([]);
    expect(engine.answer('Mumbai mein best biryani kahan milegi?').answered).toBe(false);
  });

  it('leaves English alone: "hi", "par" and "teen" are English words too', () => {
    expect(isHinglish('hi bot, is Baidu on par with OpenAI for teen users?')).toBe(false);
    const english = 'hi bot, is Baidu on par with OpenAI for teen users?';
    expect(readHinglish(english)).toBe(english);
  });
});

describe('Banglish', () => {
  it('reads the Bengali words that ask (koto gulo, kobe, kothay, keno, ke before its verb) and drops the grammar', () => {
    expect(analyzer.analyzeQuery('china 2023 e koto gulo LLM release korlo bhai?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('china 2023 e koto gulo LLM release korlo bhai?').words).toEqual(['china', '2023', 'LLM', 'release']);
    expect(analyzer.analyzeQuery('Baidu er chatbot ta kobe launch holo?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Sun Xin kothay poraan?').types).toEqual(['place']);
    expect(analyzer.analyzeQuery('Wang Xiaochuan keno Baichuan shuru korlo?').types).toEqual(['reason']);
    expect(analyzer.analyzeQuery('Baichuan ke shuru korechilo?').types).toEqual(['who']);
  });

  it('reads "kon" as which, not as the Hindi who, and "ke" that marks an object as nothing', () => {
    expect(analyzer.analyzeQuery('Qwen kon company er model?').types).toEqual(['company']);
    expect(analyzer.analyzeQuery('US startups ke kon bochor outpace korlo?').types).toEqual(['date']);
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('china 2023 e koto gulo LLM release korlo bhai?')).toMatch(/19 LLMs/);
    expect(engine.answer('Robin Li er boyosh koto bhai?').answered).toBe(false);
  });

  it('leaves Hinglish and English alone: "ke", "ki", "kon" and "naam" are Hindi too, "er" English', () => {
    for (const other of ['Baidu ke CEO kon hai?', 'China ki kitni companies ke paas LLM hai?', 'er, which company made Ernie?']) {
      expect(isWrittenIn(other, BENGALI)).toBe(false);
      expect(readMixedLanguage(other, BENGALI)).toBe(other);
    }
    expect(analyzer.analyzeQuery('Baidu ke CEO kon hai?').types).toEqual(['who']);
  });
});

describe('Tanglish', () => {
  it('reads the Tamil words that ask (evlo, ethana, yaaru, eppo, yen, enga) and drops the grammar and "to do"', () => {
    expect(analyzer.analyzeQuery('china 2023 la evlo LLM release pannanga machi?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('china 2023 la evlo LLM release pannanga machi?').words).toEqual(['china', '2023', 'LLM', 'release']);
    expect(analyzer.analyzeQuery('Baidu oda chatbot eppo launch aachu?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Baichuan ah yaaru start pannaaru?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Qwen yen ivlo popular aachu?').types).toEqual(['reason']);
    expect(analyzer.analyzeQuery('Sun Xin enga lecturer ah irukaanga?').types).toEqual(['place']);
  });

  it('reads "ethana per" as how many, and "X thavira" as besides X', () => {
    expect(analyzer.analyzeQuery('AI tigers la ethana per model launch pannanga?').types).toEqual(['count']);
    expect(readMixedLanguage('Baidu thavira entha companies approval vaangichu?', TAMIL)).toMatch(/^besides Baidu, which companies approval got\?$/);
  });

  it('answers from the sentence that holds the fact, and declines a price the articles lack', () => {
    expect(first('china 2023 la evlo LLM release pannanga machi?')).toMatch(/19 LLMs/);
    expect(first('Ernie Bot ku ethana users iruku bro?')).toMatch(/100 million users/);
    expect(first('Qwen yen ivlo popular aachu?')).toMatch(/Qwen quickly gained popularity/);
    expect(engine.answer('Ernie Bot subscription price evlo da?').answered).toBe(false);
  });

  it('leaves Italian cream, French and English alone', () => {
    for (const other of ['Carbonara: ci va la panna o no?', 'Qwen est en tête, non?', 'la la land, what year?', 'how many yen did it cost?']) {
      expect(isWrittenIn(other, TAMIL)).toBe(false);
    }
  });
});

describe('Taglish', () => {
  it('reads the Tagalog question words (ilan, sino, kailan) as the English ones, and drops the grammar', () => {
    expect(analyzer.analyzeQuery('Ilan na ba yung LLMs na nilabas ng China?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Sino yung founder ng Baichuan?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Kailan na-approve yung Ernie Bot ng Baidu?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Ilan na ba yung LLMs na nilabas ng China?').words).toEqual(['LLMs', 'released', 'China']);
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('Ilan na ba yung LLMs na nilabas ng China noong 2023?')).toMatch(/19 LLMs/);
    expect(first('Sino ang nag-found ng Baichuan?')).toMatch(/Wang Xiaochuan/);
    expect(engine.answer('Ilang taon na si Robin Li, yung CEO ng Baidu?').answered).toBe(false);
  });

  it('leaves English alone, even with a Tagalog-looking word in it', () => {
    expect(isTagalog('Who is the sino-american researcher at the conference?')).toBe(false);
    expect(readTagalog('Ano is my cat’s name')).toBe('Ano is my cat’s name');
  });
});

describe('Nigerian Pidgin', () => {
  it('reads "wetin" and "na who" wherever they stand, and the particles once the message is Pidgin', () => {
    const pidgin = analyzer.analyzeQuery('Wetin be the name of Baidu chatbot?');
    const english = analyzer.analyzeQuery('What is the name of Baidu chatbot?');
    expect([pidgin.words, pidgin.types]).toEqual([english.words, english.types]);
    expect(analyzer.analyzeQuery('Na who be CEO of Zhipu AI?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('How many LLM China don release for 2023 sef?').words).not.toContain('sef');
  });

  it('answers from the sentence that holds the fact, and declines a CEO the articles do not name', () => {
    expect(first('How many LLM China don release for 2023 sef?')).toMatch(/19 LLMs/);
    expect(engine.answer('Na who be CEO of Zhipu AI abeg?').answered).toBe(false);
  });

  it('leaves English with a word Pidgin shares alone ("don", "go", "pass", a typed "dey")', () => {
    for (const english of ['Don Quixote go where?', 'Did they pass the law?', 'what did dey say about Baidu']) {
      expect(isPidgin(english)).toBe(false);
      expect(readPidgin(english)).toBe(english);
    }
  });
});

describe('Polish English', () => {
  it('reads the Polish word that asks (ile, kto, kiedy, czy) as the English one', () => {
    expect(analyzer.analyzeQuery('What is name of LLM from iFLYTEK and kiedy it was released?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Kto started Baichuan Smart Company?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Czy Chinese LLMs are most downloaded on Hugging Face?').words).not.toContain('Czy');
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('Ile LLMs China released in 2023?')).toMatch(/19 LLMs/);
    expect(first('Kto started Baichuan Smart Company?')).toMatch(/Wang Xiaochuan/);
    expect(engine.answer('Ile lat has Robin Li, CEO of Baidu?').answered).toBe(false);
  });

  it('leaves English alone, and Turkish "ile" (with) in the middle of a message', () => {
    for (const other of ['Jak is my friend, co-founder of a startup', 'Bugün arkadaşım ile buluştum']) {
      expect(isWrittenIn(other, POLISH)).toBe(false);
      expect(readMixedLanguage(other, POLISH)).toBe(other);
    }
  });
});

describe('Turkish English', () => {
  it('reads the Turkish word that asks (kaç, kim, ne zaman, kaç yaşında) as the English one, and drops the address', () => {
    expect(analyzer.analyzeQuery('iFLYTEK Spark model ne zaman released ya?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('Four AI Tigers kim kim? list them please').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('hocam China kaç LLM launched in last three years?').words).not.toContain('hocam');
    // Kimi is Moonshot's model, not Turkish "kimi" (whom).
    expect(analyzer.analyzeQuery('Kimi ne zaman released hocam?').words).toContain('Kimi');
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('China kaç LLM released in 2023?')).toMatch(/19 LLMs/);
    expect(first('Baichuan kim kurdu? ex Sogou CEO mu?')).toMatch(/Wang Xiaochuan/);
    expect(engine.answer('Robin Li kaç yaşında? Baidu CEO').answered).toBe(false);
  });

  it('leaves English, a name and French alone: "Kim", "var", "ne … pas"', () => {
    for (const other of ['Did Kim Kardashian ever mention ChatGPT?', 'how does var work in JavaScript ya know', 'je ne sais pas, what is Qwen?']) {
      expect(isWrittenIn(other, TURKISH)).toBe(false);
      expect(readMixedLanguage(other, TURKISH)).toBe(other);
    }
  });
});

describe('Italian English', () => {
  it('reads the Italian words that ask (quanti, chi, quando, perché) and the grammar around them', () => {
    expect(analyzer.analyzeQuery('Quanti LLM ha rilasciato la Cina nel 2023?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Chi ha fondato Baichuan?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery("Quando è uscito l'Ernie Bot di Baidu?").types).toEqual(['date']);
    // The grammar is no topic the articles lack; the words the question needs are read in English.
    expect(analyzer.analyzeQuery('Quanti utenti ha Ernie Bot secondo Baidu?').words).toEqual(['users', 'Ernie', 'Bot', 'Baidu']);
  });

  it('leaves English alone, even with "come", "per" and "con" in it', () => {
    for (const other of ['How did the deal come about, per the report, and is it a con?', 'Who is Chi Wang at Tencent?']) {
      expect(isWrittenIn(other, ITALIAN)).toBe(false);
      expect(readMixedLanguage(other, ITALIAN)).toBe(other);
    }
  });
});

describe('Persian Finglish', () => {
  it('reads the Persian words that ask (chand ta, ki, key, chera, kodoom) and the suffixes on English words', () => {
    expect(analyzer.analyzeQuery('China too 2023 chand ta LLM release kard?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('founder-e Baichuan ki-e dadash?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Baidu key Ernie Bot ro launch kard?').types).toEqual(['date']);
    // "-haye" is a plural, "lotfan" please: neither is a word to search for.
    expect(analyzer.analyzeQuery('LLM-haye chini chand ta parameter daran lotfan?').words).toEqual(['LLM', 'Chinese', 'parameter']);
  });

  it('leaves English alone: "key", "chi" and "ki" are English, Greek or Hindi too', () => {
    for (const other of ['What key features does Qwen have?', 'Is a chi-square test the key to it?', 'Alan and Ki went to Tehran']) {
      expect(isWrittenIn(other, PERSIAN)).toBe(false);
      expect(readMixedLanguage(other, PERSIAN)).toBe(other);
    }
  });
});

describe('Dutch English', () => {
  it('reads the Dutch words that ask (hoeveel, wanneer, wie is) and drops the fillers', () => {
    expect(analyzer.analyzeQuery('hoeveel LLMs did China launch in 2023 eigenlijk?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('wanneer was Ernie Bot approved, toch?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('wie is de founder van Baichuan?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('hoeveel LLMs did China launch in 2023 eigenlijk?').words).toEqual(['LLMs', 'China', 'launch', '2023']);
  });

  it('answers from the sentence that holds the fact', () => {
    expect(first('hoeveel LLMs did China release in 2023 eigenlijk?')).toMatch(/19 LLMs/);
  });

  it('leaves English alone, even with "van", "even", "door" and "wat" in it', () => {
    for (const other of ['Did Van Morrison even knock on the door?', 'wat? who founded Baichuan?', 'Wie viele Modelle? sorry, I mean how many models?']) {
      expect(isWrittenIn(other, DUTCH)).toBe(false);
      expect(readMixedLanguage(other, DUTCH)).toBe(other);
    }
  });
});

describe('Swahili English', () => {
  it('reads the Swahili words that ask (ngapi, nani, lini, kwa nini) and the tense prefixes on English verbs', () => {
    expect(analyzer.analyzeQuery('China ilirelease LLMs ngapi 2023 bana?').types).toEqual(['count']);
    expect(analyzer.analyzeQuery('Baichuan ilianzishwa na nani?').types).toEqual(['who']);
    expect(analyzer.analyzeQuery('Ernie Bot ililaunch lini?').types).toEqual(['date']);
    // "gani" follows its noun: "mwaka gani" asks which year.
    expect(analyzer.analyzeQuery('Baichuan ilianzishwa mwaka gani?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('China ilirelease LLMs ngapi 2023 bana?').words).toEqual(['China', 'release', 'LLMs', '2023']);
  });

  it('answers from the sentence that holds the fact, and declines an age the articles lack', () => {
    expect(first('China ilirelease LLMs ngapi 2023 msee?')).toMatch(/19 LLMs/);
    expect(engine.answer('Robin Li ana miaka ngapi manze?').answered).toBe(false);
  });

  it('leaves English alone: "si", "na", "ni" and "kama" are other languages\' words too', () => {
    for (const other of ['Si, I know. na, who launched Ernie Bot?', 'Did Kama Sutra apps get approved in China?']) {
      expect(isWrittenIn(other, SWAHILI)).toBe(false);
      expect(readMixedLanguage(other, SWAHILI)).toBe(other);
    }
  });
});

describe('Malaysian English', () => {
  it('reads the Malay words that ask (bila, apasal; macam mana with them) as Indonesian ones are read', () => {
    expect(analyzer.analyzeQuery('Ernie Bot bila approved ah?').types).toEqual(['date']);
    expect(analyzer.analyzeQuery('apasal China release so many LLMs?').types).toEqual(['reason']);
    // "macam mana" (how) is read in a message another Malay word marks.
    expect(analyzer.analyzeQuery('bila Baidu launch Ernie, macam mana?').read).toMatch(/when Baidu launch Ernie, how\?/);
    // … and alone, as "di mana" (where) is.
    expect(analyzer.analyzeQuery('macam mana China still cukup compute?').read).toMatch(/^how China/);
    expect(analyzer.analyzeQuery('Sun Xin mengajar di mana?').types).toEqual(['place']);
  });
});
