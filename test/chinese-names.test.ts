import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../src/answer/types.js';
import { loadEngine, type Engine } from '../src/engine.js';

/**
 * Questions that name Chinese companies, models, people and places in Chinese (or mix Chinese and
 * English), answered from the English articles of the real knowledge. Each must cite the right
 * passage among the first three it shows (the citations, or the closest passages when not sure), through
 * the alias table and CJK bigrams alone.
 */
interface NameQuestion {
  q: string;
  /** The article that answers it. */
  article: string;
  /** Verbatim text of the passage that answers it. */
  key: string;
}

const TRIO = 'trio-dominating-china-large-model-landscape';
const FORTY = '40-chinese-ai-models-for-public-use';
const WANTS = 'china-wants-to-dominate-in-ai';
const SEVENTY = 'china-releases-over-70-llms';
const MUSK = 'china-accelerates-llm-launches-musk-visit';

const QUESTIONS: NameQuestion[] = [
  { q: '百度的聊天机器人有多少用户?', article: FORTY, key: 'attracted over 100 million users' },
  { q: '文心一言有多少用户?', article: FORTY, key: 'attracted over 100 million users' },
  { q: '文心一言被称为什么?', article: TRIO, key: 'dubbed the “Chinese version of ChatGPT,”' },
  { q: '李彦宏怎么看百度的大模型和ChatGPT的差距?', article: TRIO, key: 'Robin Li, believes the difference' },
  { q: '阿里巴巴的通义千问在Hugging Face上受欢迎吗?', article: WANTS, key: 'is the most popular on Hugging Face' },
  { q: '通义千问 on Hugging Face', article: WANTS, key: 'is the most popular on Hugging Face' },
  { q: '阿里巴巴的通义大模型', article: TRIO, key: 'Tongyi large-scale model series' },
  { q: '华为的盘古大模型', article: TRIO, key: 'to launch its Pangu Chat' },
  { q: '华为的GPU', article: WANTS, key: 'domestic GPUs from Huawei' },
  { q: '腾讯的混元大模型用在哪里?', article: TRIO, key: 'leverages it in advertising' },
  { q: '字节跳动的火山引擎', article: TRIO, key: 'through its Volcano Engine' },
  { q: 'ByteDance 火山引擎 training', article: TRIO, key: 'through its Volcano Engine' },
  { q: '商汤的日日新大模型有哪些应用?', article: TRIO, key: 'its SenseNova large model system' },
  { q: '科大讯飞的星火认知大模型什么时候发布的?', article: TRIO, key: 'Spark Cognitive LLM, released in May 2023' },
  { q: '深度求索发布了什么模型?', article: WANTS, key: 'launched a model called DeepSeek-R1' },
  { q: '华为的模型叫什么?', article: TRIO, key: 'to launch its Pangu Chat' },
  { q: '腾讯的模型是什么?', article: TRIO, key: 'having debuted the HunYuan AI Large Model' },
  { q: '深度求索的R1和OpenAI的o1', article: WANTS, key: 'its R1 model competes with OpenAI’s o1 model' },
  { q: '智谱和百川智能获得批准了吗?', article: SEVENTY, key: 'Zhipu AI, MiniMax, and Baichuan Intelligent Technology' },
  { q: '百川智能是谁创立的?', article: TRIO, key: 'Wang Xiaochuan initiated Baichuan Smart Company' },
  { q: '零一万物和小米的大模型获批', article: FORTY, key: 'Xiaomi Corp, 4Paradigm, and 01.AI' },
  { q: '旷视、云从、依图', article: TRIO, key: 'the “Four AI Tigers”: SenseTime, CloudWalk Technology, Megvii Technology, and Yitu Technology' },
  { q: '云从科技的模型什么时候测试?', article: TRIO, key: 'Comfort Model for beta testing in May 2023' },
  { q: '英伟达的A100和H100芯片出口限制', article: TRIO, key: 'such as the A100 and H100' },
  { q: '英伟达的Blackwell', article: WANTS, key: 'Nvidia launches its Blackwell-based systems' },
  { q: '清华大学的大模型创业公司', article: TRIO, key: 'universities such as Tsinghua University and Fudan University' },
  { q: '黄民烈是谁?', article: TRIO, key: 'Huang Minlie, an associate professor' },
  { q: 'Which national AI teams include 百度 and 腾讯?', article: FORTY, key: '“national AI teams”' },
  { q: '百度、腾讯、阿里巴巴、商汤和科大讯飞是国家人工智能队吗?', article: FORTY, key: '“national AI teams”' },
  { q: '网信办发布的生成式人工智能管理办法', article: TRIO, key: '“Generative AI Service Management Measures,”' },
  { q: '美国商务部的出口管制', article: TRIO, key: 'Department of Commerce imposed an export restriction' },
  { q: '马斯克访问北京', article: MUSK, key: 'Elon Musk returns to Beijing' },
  { q: '特斯拉上海工厂', article: MUSK, key: 'Tesla\'s Shanghai plant expansion' },
  // Questions that need Chinese words beyond names (发布 release, 价值 worth, 专利 patents, 禁 ban) and mixed-script names.
  { q: '中国发布了多少个大模型?', article: MUSK, key: 'launching 79 large-language models' },
  { q: 'AI四小龙是哪些公司?', article: TRIO, key: 'Four AI Tigers' },
  { q: '中国人工智能行业价值多少?', article: FORTY, key: 'RMB 150 billion' },
  { q: '中国的人工智能专利', article: FORTY, key: 'patents' },
  { q: '英伟达芯片在中国被禁了吗?', article: WANTS, key: 'Whether or not Nvidia chips are banned in China' },
];

/** The first three passages shown: the citations, or the closest passages when the bot is not sure. */
function top3(answer: Answer) {
  return (answer.answered ? answer.citations : answer.related).slice(0, 3);
}

function hits(answer: Answer, expected: NameQuestion): boolean {
  return top3(answer).some((c) => c.articleId === expected.article && c.snippet.includes(expected.key));
}

describe('questions with Chinese names', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  it.each(QUESTIONS)('$q', (expected) => {
    const answer = engine.answer(expected.q);
    expect(top3(answer).length, `declined: ${answer.text}`).toBeGreaterThan(0);
    const cited = top3(answer).map((c) => `${c.articleId}: ${c.snippet.slice(0, 80)}`);
    expect(hits(answer, expected), `first three shown:\n${cited.join('\n')}`).toBe(true);
  });

  it('the right passage among the first three shown for every one of at least 15 questions, most answered', () => {
    const answers = QUESTIONS.map((expected) => engine.answer(expected.q));
    const hit = QUESTIONS.filter((expected, i) => hits(answers[i]!, expected)).length;
    const answered = answers.filter((a) => a.answered).length;
    const rate = hit / QUESTIONS.length;
    console.log(`Chinese-name questions: the passage among the first three shown = ${rate.toFixed(2)} (${hit}/${QUESTIONS.length}), answered ${answered}`);
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(15);
    expect(rate).toBe(1);
    // Most are answered outright; a bare topic ("中国的人工智能专利") may be "not sure", its passage still first.
    expect(answered / QUESTIONS.length).toBeGreaterThanOrEqual(0.9);
  });
});
