import { describe, expect, it } from 'vitest';
import { askedAttributes, askedTypes, isCount, isMultiple, passageTypeTerms, TYPE_TERMS } from '../src/search/question/answer-types.js';
import { expandShorthand, isSmallTalk, joinSpelledLetters, questionStart, setAsideSpan, withoutGreeting, writeShortYears, writeSpokenYears } from '../src/search/question/casual.js';
import { correctTypo, topicality } from '../src/search/question/english.js';
import { tokenizeSurface } from '../src/search/question/tokenize.js';

describe('casual English', () => {
  it('tells a greeting or thanks from a question, and drops a greeting before a question', () => {
    for (const q of ['hi bot how are you', 'thanks bot!', 'Thank you so much for the help!', '你好', 'good morning!']) expect(isSmallTalk(q), q).toBe(true);
    for (const q of ['hi, what is Qwen?', 'thanks! how many LLMs did China release?', 'Ernie Bot', 'bot?']) expect(isSmallTalk(q), q).toBe(false);
    // Chat greetings and praise ask nothing either; a question after them still asks.
    for (const q of ['gm bot u up', 'you a cool bot', 'thank you bot, you are very helpful, good night!', '晚安啊bot，明天见']) expect(isSmallTalk(q), q).toBe(true);
    for (const q of ['gm ev sales in china', 'are you up to date on deepseek?', 'you are the best bot, who founded baichuan?']) expect(isSmallTalk(q), q).toBe(false);
    expect(withoutGreeting('hi bot, what is Qwen?')).toBe('what is Qwen?');
    expect(withoutGreeting('Dear bot, what is Qwen?')).toBe('what is Qwen?');
    expect(withoutGreeting('Hey there! how many LLMs did China release?')).toBe('how many LLMs did China release?');
    expect(withoutGreeting('what is Qwen?')).toBe('what is Qwen?');
  });

  it('expands chat shorthand and drops filler', () => {
    expect(expandShorthand('whats baidu been pouring investment into w/ its chat bot tbh').replace(/\s+/g, ' ').trim()).toBe(
      'what is baidu been pouring investment into with its chat bot',
    );
    expect(expandShorthand('which cos did ppl say r ahead lol').replace(/\s+/g, ' ').trim()).toBe('which companies did people say are ahead');
    expect(expandShorthand("beijing ok'd it")).toBe('beijing approved it');
  });

  it('finds the question itself after context in a long message', () => {
    const msg = 'random q, was reading about gpu prices for my gaming build and got curious - whose chips do most of the big ai labs actually train on?';
    expect(msg.slice(questionStart(msg)).trim()).toBe('whose chips do most of the big ai labs actually train on?');
    // A question may open with a preposition: "Under which licence …", "In what year …".
    const under = "Under which specific open-source licence, such as Apache 2.0, is Alibaba's Qwen model family distributed?";
    expect(questionStart(under)).toBe(0);
    const year = 'I keep reading about the approvals and their rounds, so in what year did Beijing first require them?';
    expect(year.slice(questionStart(year)).trim()).toBe('in what year did Beijing first require them?');
    // A short phrase before the wh-word in the same sentence is part of the question, not a story.
    for (const q of ['In dollar terms, how much private AI investment did the U.S. attract in 2022?', '01.AI, who is the founder of this company? Is some famous person I think']) {
      expect(questionStart(q), q).toBe(0);
    }
    // A yes/no question about "that", "they" or "he" asks about what was told before it.
    for (const q of [
      'so my uncle keeps insisting the models are getting worse every year... is that right or are they actually getting better?',
      'My grandson insists that in 2023 China overtook America in the number of models released. Is he correct about that?',
    ]) {
      expect(questionStart(q), q).toBe(0);
    }
    const own = 'My grandson keeps talking about chatbots all day. Did Baidu get approval for Ernie Bot?';
    expect(own.slice(questionStart(own)).trim()).toBe('Did Baidu get approval for Ernie Bot?');
    // Chinese, written without spaces: its sentences end at 。 and its question after the story.
    const zh = '我是做投资的，最近一直在关注国内的大模型赛道，看了不少报道。请问2023年中国一共发布了多少个大模型？';
    expect(zh.slice(questionStart(zh))).toBe('请问2023年中国一共发布了多少个大模型？');
    // …but a question that points back (那一年: that year) is about what was told, and two questions are both asked.
    expect(questionStart('我感觉2022年应该是美国比较领先的一年吧，毕竟那年ChatGPT出来了。那一年美国发布了多少个大模型？')).toBe(0);
    expect(questionStart('我想了解一下百度的情况。百度的文心一言什么时候获批的？用户有多少？')).toBe(
      '我想了解一下百度的情况。'.length,
    );
  });

  it('takes questions asked one after another as all asked, and a guess as context', () => {
    const both = 'Is it true that China overtook the U.S. in LLM releases in 2023? What were the numbers?';
    expect(questionStart(both)).toBe(0);
    // …the question word left where the answer goes too.
    const inPlace = 'Sun Xin is giving classes in which university? And what subject does he teach there?';
    expect(questionStart(inPlace)).toBe(0);
    const guess = 'I remember its founder used to run a search engine company, maybe Baidu? Who founded Baichuan, and what was his previous role?';
    expect(guess.slice(questionStart(guess)).trim()).toBe('Who founded Baichuan, and what was his previous role?');
  });

  it('does not take the full stop of a version, a domain or an abbreviation for the end of a sentence', () => {
    for (const msg of [
      "What is the parameter count of Baidu's Ernie 3.5 model that obtained regulatory approval?",
      'Could you tell me who founded 01.AI and when it was set up, please?',
      'What did the U.S. Department of Commerce restrict in October 2022 for chips sold to China?',
      'What did Mr. Li say about the number of people using Ernie Bot at the end of the year?',
    ])
      expect(questionStart(msg), msg).toBe(0);
    const two = 'I read about the Beijing measures in the news. When did the Beijing government issue them?';
    expect(two.slice(questionStart(two)).trim()).toBe('When did the Beijing government issue them?');
  });

  it('joins letters spoken one by one into the acronym the knowledge knows, and nothing else', () => {
    const known = (w: string) => ['ai', 'llm', 'llms', 'us', 'ceo'].includes(w);
    expect(joinSpelledLetters('is china the top a i hub', known)).toBe('is china the top AI hub');
    expect(joinSpelledLetters('how many l l m s did they put out', known)).toBe('how many LLMs did they put out');
    expect(joinSpelledLetters('who is the c e o of baidu', known)).toBe('who is the CEO of baidu');
    expect(joinSpelledLetters('r u sure the u s banned it', known)).toBe('r u sure the US banned it');
    expect(joinSpelledLetters("what's a good model", known)).toBe("what's a good model");
  });

  it('writes a year said aloud as digits, and leaves other spoken numbers alone', () => {
    expect(writeSpokenYears('how many did china put out in twenty twenty one')).toBe('how many did china put out in 2021');
    expect(writeSpokenYears('the plan from twenty seventeen')).toBe('the plan from 2017');
    expect(writeSpokenYears('as of march twenty nineteen')).toBe('as of march 2019');
    expect(writeSpokenYears('back in two thousand and eight, or twenty oh five')).toBe('back in 2008, or 2005');
    expect(writeSpokenYears('nineteen ninety-nine')).toBe('1999');
    expect(writeSpokenYears('convert twenty five degrees for twenty people')).toBe('convert twenty five degrees for twenty people');
    expect(writeSpokenYears('two thousand five hundred users')).toBe('two thousand five hundred users');
  });

  it('writes a year chat shortens to two digits ("21年", "\'22") in full, and leaves a span of years alone', () => {
    expect(writeShortYears('21年中美大模型数量谁多')).toBe('2021年中美大模型数量谁多');
    expect(writeShortYears("how many did china release in '22?")).toBe('how many did china release in 2022?');
    expect(writeShortYears('北京23年5月30号出了啥政策')).toBe('北京2023年5月30号出了啥政策');
    for (const span of ['近20年来', '过去10年', '20年来发展很快', '第21年', '3年', '2021年']) expect(writeShortYears(span)).toBe(span);
    expect(writeShortYears("the '90s and rock 'n' roll")).toBe("the '90s and rock 'n' roll");
  });

  it('writes out what chat shortens: "vc", "genai", "params", "cofounder", "oct", and drops "exactly"', () => {
    expect(expandShorthand('how much vc money did chinese ai startups get')).toBe('how much venture capital money did chinese ai startups get');
    expect(expandShorthand('genai startups w/ the most params')).toBe('generative AI startups  with  the most parameters');
    expect(expandShorthand('who is the cofounder')).toBe('who is the co-founder');
    // "co" is short for company, but "co-" is a prefix: a co-founder is no company founder.
    expect(expandShorthand('which cos got approved')).toBe('which companies got approved');
    expect(expandShorthand('Who co-founded MiniMax?')).toBe('Who co-founded MiniMax?');
    expect(expandShorthand('the first genai-specific rules')).toBe('the first generative AI-specific rules');
    // Question words spelled as they sound are what they ask.
    expect(expandShorthand('how meny users, wich one')).toBe('how many users, which one');
    expect(expandShorthand('which chips were banned in oct 2022')).toBe('which chips were banned in October 2022');
    expect(expandShorthand('what exactly is qwen').split(/\s+/)).toEqual(['what', 'is', 'qwen']);
  });

  it('writes out "collab", as chat shortens collaboration', () => {
    expect(expandShorthand('why did us china collab on llms go down')).toBe('why did us china collaboration on llms go down');
    expect(expandShorthand('china-us llm collabs')).toBe('china-us llm collaborations');
  });

  it('reads the "U" of "U.S." as a letter, not as chat shorthand for "you"', () => {
    expect(expandShorthand('what did the U.S. ban')).toBe('what did the U.S. ban');
    expect(expandShorthand('did u see it')).toBe('did you see it');
  });

  it('finds what a question sets aside: "besides Baidu", "apart from …", "除了百度", "除百度之外"', () => {
    const aside = (q: string) => {
      const span = setAsideSpan(q);
      return span && q.slice(span.start, span.end);
    };
    expect(aside('Which companies launched assistants after approval, besides Baidu?')).toBe('Baidu');
    expect(aside('besides baidu which chinese cos released assistants')).toBe('baidu');
    expect(aside('Apart from private investment, on what other metric does the US lead?')).toBe('private investment');
    expect(aside('除了百度，还有谁家也出了AI助手？')).toBe('百度');
    expect(aside('除百度之外，还有哪些企业推出了助手？')).toBe('百度');
    // A name in Latin letters, and written Cantonese (除咗 … 仲有).
    expect(aside('除了Baidu还有谁出了AI助手？')).toBe('Baidu');
    expect(aside('除咗Baidu 仲有邊啲中國公司出咗AI assistant')).toBe('Baidu');
    // A misspelling, a preposition from another language, and no comma after the name.
    expect(aside('Which other Chinese companies, beside Baidu, have released assistants?')).toBe('Baidu');
    expect(aside('Apart of Baidu, which Chinese companies released assistants?')).toBe('Baidu');
    expect(aside('Which Chinese companies besides Baidu launched ChatGPT-style assistants after approval, per TS2?')).toBe('Baidu');
    expect(aside('which companies besides the search engine company launched assistants after approval?')).toBe('the search engine');
    expect(aside('Which firms got approval?')).toBeNull();
    expect(aside('Who founded Beijing Guangnian Beyond Technology?')).toBeNull();
    expect(aside('anything besides?')).toBeNull(); // nothing named to set aside
  });

  it('leaves a short question whole', () => {
    expect(questionStart('deepseek - big tech co or some startup?')).toBe(0);
  });

  it('weighs everyday words the knowledge lacks as filler, rare ones as a topic', () => {
    expect(topicality('actually')).toBeLessThan(0.5);
    expect(topicality('keyboard')).toBe(1);
  });

  it('mends typos towards words the knowledge uses, then towards common English', () => {
    expect(correctTypo('alibba', (w) => w === 'alibaba')).toBe('alibaba');
    expect(correctTypo('actualy', () => false)).toBe('actually');
    expect(correctTypo('qwen', () => false)).toBeNull(); // short words are left alone
    expect(correctTypo('everest', () => false)).toBeNull(); // a word already
  });
});

describe('answer types', () => {
  it('reads what kind of fact a question asks for, in English and Chinese', () => {
    expect(askedTypes('since when does the government make companies get approval')).toEqual(['date']);
    // A word between "which" and "date", or a date named by what it is of, asks for a date too.
    expect(askedTypes('On which exact date did Elon Musk meet Qin Gang?')).toEqual(['date']);
    expect(askedTypes('cac genai rules effective date')).toEqual(['date']);
    // A deadline is a date; "what is the number/total …" is a count as much as "how many" is.
    expect(askedTypes('What was the deadline for submitting public comments on the draft measures?')).toEqual(['date']);
    expect(askedTypes('意见反馈的截止日期是哪天')).toEqual(['date']);
    expect(askedTypes('what is the total of approved models so far')).toEqual(['count', 'share']);
    expect(askedTypes('which firms got approval?')).not.toContain('count');
    // A number asked by name: a count or a share answers it.
    expect(askedTypes('What were the 2020 figures for LLM releases in China versus the US?')).toEqual(['count', 'share']);
    expect(askedTypes('what is the number one company in china')).toEqual([]);
    expect(askedTypes('how many llms did china release')).toEqual(['count']);
    expect(askedTypes("why's tesla having a rough time")).toEqual(['reason']);
    expect(askedTypes('云从科技那个模型几月开始内测的?')).toEqual(['date']);
    // "What is X?" asks what X is: a passage that says so ("Qwen, a family of … models") answers it.
    expect(askedTypes('What is Qwen?')).toEqual(['definition']);
    expect(askedTypes("What is Baidu's chatbot called?")).toEqual([]);
    expect(askedTypes('What is the name of Zhipu AI’s chatbot?')).toEqual([]);
    // "Which official …" asks for a person as "who …" does; "which model" does not.
    expect(askedTypes('Which official at the ministry led the report?')).toEqual(['who']);
    expect(askedTypes('what analyst said that?')).toEqual(['who']);
    expect(askedTypes('which model did baidu release?')).toEqual([]);
    // "How long …?" is answered by a date ("since 2017") or a length of time ("three years").
    expect(askedTypes('how long had musk been away from china?')).toEqual(['date', 'duration']);
    expect(askedTypes('马斯克多久没来中国了?')).toEqual(['date', 'duration']);
    expect(askedTypes('which months did the later approval rounds land in?')).toEqual(['date']);
    // "What share …" asks a share, "how many" a count, and "how much"/"多少" either.
    expect(askedTypes("what share of the world's llms do china and the us have?")).toEqual(['share']);
    expect(askedTypes('how many llms did china release?')).toEqual(['count']);
    expect(askedTypes('中国发布了多少个大模型?')).toEqual(['count']);
    expect(askedTypes('how much of the global total is that?')).toEqual(['count', 'share']);
  });

  it('marks passages holding a date, a name, a reason or a place', () => {
    const terms = (text: string) => passageTypeTerms(text, tokenizeSurface(text), new Set());
    expect(terms('CloudWalk publicized its model for beta testing in May 2023.')).toContain(TYPE_TERMS.date);
    expect(terms('Wang Tiezhen, a machine learning engineer, said so.')).toContain(TYPE_TERMS.who);
    expect(terms('Prices fell due to competition.')).toContain(TYPE_TERMS.reason);
    expect(terms('Prices fell sharply.')).not.toContain(TYPE_TERMS.reason);
    expect(terms('Qwen, a family of artificial intelligence models founded by Alibaba, is popular.')).toContain(TYPE_TERMS.definition);
    expect(terms('Large Language Model (LLM): Advanced AI models with a high number of parameters.')).toContain(TYPE_TERMS.definition);
    expect(terms('Prices fell sharply in May.')).not.toContain(TYPE_TERMS.definition);
    // A length of time, written with a number word joined to its unit too.
    expect(terms('Musk returned to China after a three-year absence.')).toContain(TYPE_TERMS.duration);
    expect(terms('The model launched 18 months later.')).toContain(TYPE_TERMS.duration);
    expect(terms('Baidu released Ernie 3.5 with twice the power.')).not.toContain(TYPE_TERMS.duration);
    // A decade is a date, not a count: "when did it begin?" is answered by "in the late 1970s".
    expect(terms('It began in the late 1970s, spurred by reforms.')).toContain(TYPE_TERMS.date);
    expect(isCount(tokenizeSurface('1970s')[0]!)).toBe(false);
    expect(isCount(tokenizeSurface('79')[0]!)).toBe(true);
    // A percentage is a share, not a count of anything.
    expect(isCount(tokenizeSurface('80%')[0]!)).toBe(false);
    expect(terms('accounting for more than 80% of the global total')).toEqual(expect.arrayContaining([TYPE_TERMS.share]));
    expect(terms('accounting for more than 80% of the global total')).not.toContain(TYPE_TERMS.count);
    const [month, day] = tokenizeSurface('May 30, 2023');
    expect(isCount(day!, month)).toBe(false); // the day of a date counts nothing
  });

  it('reads a multiple ("3.5 times", "twice") and a version ("Ernie 3.5") as no count: they answer "how many times", not "how many companies"', () => {
    const [n, times] = tokenizeSurface('3.5 times');
    expect(isCount(n!, undefined, times)).toBe(false);
    expect(isMultiple(n!, times)).toBe(true);
    expect(isCount(tokenizeSurface('twice')[0]!)).toBe(false);
    const [zhN, bei] = tokenizeSurface('投资是中国的3.5倍').slice(1);
    expect(isCount(zhN!, undefined, bei)).toBe(false); // 3.5倍 is 3.5 times
    const [ernie, version] = tokenizeSurface('Ernie 3.5');
    expect(isCount(version!, ernie)).toBe(false);
    const [had, firms] = tokenizeSurface('had 1,189');
    expect(isCount(firms!, had)).toBe(true);
    expect(askedTypes('how many times more AI investment did the US get?')).toEqual(['multiple']);
    expect(askedTypes('how much more money does the US invest?')).toEqual(expect.arrayContaining(['multiple']));
    expect(askedTypes('how many AI companies does China have?')).toEqual(['count']);
    expect(askedTypes('美国的投资是中国的几倍？')).toEqual(['multiple']);
  });

  it('knows which facts news often leaves out, and what text speaks of them', () => {
    const [ceo] = askedAttributes("who's running zhipu ai these days, like who's the ceo");
    expect(ceo?.fact).toBe('who leads it');
    expect(ceo?.evidence.test("Baidu's CEO, Robin Li, believes …")).toBe(true);
    expect(ceo?.evidence.test('Zhipu AI released an assistant.')).toBe(false);
    expect(askedAttributes('how many llms did china release')).toEqual([]);
    // Plural and other wordings of the same fact.
    expect(askedAttributes("Compare the parameter counts of Qwen's biggest model and DeepSeek-R1").map((a) => a.fact)).toEqual(['its parameter count']);
    // A benchmark score asked is a number that "excellent performance on competitive benchmarks" does not give.
    const [score] = askedAttributes("What is the MMLU benchmark score of Qwen's biggest model?");
    expect(score?.fact).toBe('its benchmark results');
    expect(score?.evidence.test('Qwen quickly gained popularity due to its excellent performance on competitive benchmarks')).toBe(false);
    expect(askedAttributes('how does qwen do on benchmarks?')).toEqual([]);
    const [licence] = askedAttributes('which open-source licence is qwen released under?');
    expect(licence?.fact).toBe('its licence');
    expect(licence?.evidence.test('Qwen is released under the Apache 2.0 license.')).toBe(true);
    expect(licence?.evidence.test('Qwen is open source.')).toBe(false);
  });

  it('tells a fact asked for from the same word used to describe', () => {
    const facts = (q: string) => askedAttributes(q).map((a) => a.fact);
    expect(facts("what's alibaba's model series called?")).toEqual(['its name']);
    expect(facts('amazon llm name?')).toEqual(['its name']);
    expect(facts("what is huawei's ai chip actually called, the one china uses instead of nvidia")).toEqual(['its name']);
    expect(facts('my grandson has a phone by a company called Xiaomi, did it get an llm approved?')).toEqual([]);
    expect(facts("who's Wang Tiezhen? the name keeps coming up")).toEqual([]);
    expect(facts('who currently heads the Cyberspace Administration?')).toEqual(['who leads it']);
    // A role cited as the source asks what was said; a role asked about asks for the person.
    expect(facts("How big is Ernie Bot's user base — what did Baidu's CTO report?")).toEqual(['its user numbers']);
    expect(facts("how many users does ernie bot have, according to the company's CTO?")).toEqual(['its user numbers']);
    expect(facts('What is the name of the Baidu CTO who reported the user figure?')).toContain('its chief technology officer');
    expect(facts("who is baidu's cto?")).toEqual(['its chief technology officer']);
    expect(facts('2023 llm count who leads')).toEqual([]); // who is ahead, not who runs something
    expect(facts('How many people are employed at SenseTime?')).toEqual(['its headcount']);
    expect(facts("What did Wang Huiwen's company pay to acquire Oneflow?")).toEqual(['what it costs']);
    expect(facts('What budget has Beijing set aside for the computing centre?')).toEqual(['what it costs']);
    expect(facts('why did chinese researchers start paying attention to starlink')).toEqual([]);
    expect(facts('tesla shanghai plant output per yr')).toEqual(['its production capacity']);
    expect(facts("what's china's ai computing capacity?")).toEqual([]);
    const [size] = askedAttributes('how many parameters do the 70 chinese llms have at least');
    expect(size?.evidence.test('large language models (LLMs) with over one billion parameters')).toBe(true);
  });
});
