import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../src/engine.js';
import { FEATURES } from '../src/decision/features.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

/** The features of the passage retrieval ranks first. */
const first = (question: string) => engine.explain(question).candidates.find((c) => c.rank === 0)!.features;

describe('the decision features, each measuring what it says', () => {
  it('every feature has a name and says what it measures', () => {
    expect(new Set(FEATURES.map((f) => f.name)).size).toBe(FEATURES.length);
    for (const f of FEATURES) expect(f.about.length).toBeGreaterThan(20);
  });

  it('coverage: a passage holding every word of the question covers it whole; own words never more than with context', () => {
    const f = first('How many LLMs did China release in 2023?');
    expect(f.coverage).toBeGreaterThan(0.8);
    for (const c of engine.explain('what did tencent do with hunyuan?').candidates) {
      expect(c.features.ownCoverage!).toBeLessThanOrEqual(c.features.coverage! + 1e-9);
      expect(c.features.checkedCoverage!).toBeLessThanOrEqual(c.features.coverage! + 1e-9);
    }
  });

  it('unknownName and unknownShare: a name the knowledge has never seen', () => {
    expect(first('is Nvidia bigger than Mount Everest').unknownName).toBe(1);
    expect(first('is Nvidia bigger than Mount Everest').unknownShare).toBeGreaterThan(0);
    expect(first('What is Qwen?').unknownName).toBe(0);
  });

  it('asksType and typeHeld: a count asked, and a passage holding one', () => {
    const f = first('How many LLMs did China release in 2023?');
    expect(f.asksType).toBe(1);
    expect(f.typeHeld).toBe(1);
    expect(first('Tell me about Qwen').asksType).toBe(0);
    // "What is Qwen?" asks what it is: the passage saying "Qwen, a family of … models" holds that.
    const what = first('What is Qwen?');
    expect([what.asksType, what.typeHeld]).toEqual([1, 1]);
  });

  it('typeHeld for "who": someone the question does not name itself, not the person asked about', () => {
    const cs = engine.explain('who did elon meet in beijing').candidates;
    const returns = cs.find((c) => /Elon Musk returns to Beijing/.test(c.quote))!;
    expect(returns.features.typeHeld).toBe(0);
    // A name, a company or an agency the question does not name answers "who".
    const ceo = engine.explain('who is the CEO of Baidu?').candidates.find((c) => /Robin Li/.test(c.quote))!;
    expect(ceo.features.typeHeld).toBe(1);
    const ban = engine.explain('who banned the export of Nvidia chips to China?').candidates.find((c) => /Department of Commerce/.test(c.quote))!;
    expect(ban.features.typeHeld).toBe(1);
  });

  it('asksFact and factSpoken: a role asked for, and whether a passage names who holds it', () => {
    const x = engine.explain('who is the CEO of Baidu?');
    expect(x.candidates[0]!.features.asksFact).toBe(1);
    expect(x.candidates.some((c) => c.features.factSpoken === 1 && /Robin Li/.test(c.quote))).toBe(true);
    expect(first('What is Qwen?').asksFact).toBe(0);
  });

  it('namesMatched: a place the question sets its scene in need not be named by the answer', () => {
    // "During the visit, Musk met with Chinese foreign minister Qin Gang" does not say "Beijing".
    const qin = (q: string) => engine.explain(q).candidates.find((c) => /Qin Gang/.test(c.quote))!.features;
    expect(qin('During his visit to Beijing, which Chinese government official did Elon Musk meet?').namesMatched).toBe(1);
    expect(qin('Musk met which Chinese official in Beijing?').namesMatched).toBe(1);
    // In Chinese the scene is set by 来/去/在 before the place: "came to Beijing".
    expect(qin('马斯克来北京见了哪位官员？').namesMatched).toBe(1);
    // Answered or shown as the closest passage (the answer point decides which): Qin Gang comes first.
    const zh = engine.answer('马斯克来北京见了哪位官员？');
    expect((zh.citations[0] ?? zh.related[0])?.snippet).toContain('Qin Gang');
    // A place asked about is still a name to match.
    expect(qin('which Chinese official did Musk meet, and what did Beijing say about decoupling?').namesMatched).toBe(0);
    const a = engine.answer('Musk met which Chinese official in Beijing?');
    expect(a.answered).toBe(true);
    expect(a.citations[0]!.snippet).toContain('Qin Gang');
  });

  it('factSpoken for a parameter count: only in a passage that names the model asked about', () => {
    // The opening sentence counts "LLMs with over one billion parameters"; Ernie 3.5 is only in the next.
    const q = 'Ernie 3.5 parameter count, in billions?';
    const opening = engine.explain(q).candidates.find((c) => /over one billion parameters/.test(c.quote))!;
    expect(opening.features.factSpoken).toBe(0);
    expect(engine.answer(q).answered).toBe(false);
    const chinese = engine.explain('how many parameters do the Chinese LLMs have').candidates.find((c) => /over one billion parameters/.test(c.quote))!;
    expect(chinese.features.factSpoken).toBe(1);
  });

  it('factSpoken for a founding: only in a passage that names the company asked about', () => {
    // "Wang Huiwen … established Beijing Guangnian … in March 2023" speaks of a founding, not Baichuan's.
    for (const q of ['what year was Baichuan founded?', '百川智能是哪一年成立的?']) {
      const guangnian = engine.explain(q).candidates.find((c) => /established Beijing Guangnian/.test(c.quote))!;
      expect(guangnian.features.factSpoken, q).toBe(0);
      expect(engine.answer(q).answered, q).toBe(false);
    }
    const lingxin = engine.explain('who founded lingxin intelligent?').candidates.find((c) => /founded by Huang Minlie/.test(c.quote))!;
    expect(lingxin.features.factSpoken).toBe(1);
    // "established" asks for a founding too; the company is its weightiest name ("AI" is in every passage).
    const zhipu = engine.explain('In which year was Zhipu AI established?');
    expect(zhipu.candidates[0]!.features.asksFact).toBe(1);
    expect(zhipu.candidates.find((c) => /established Beijing Guangnian/.test(c.quote))?.features.factSpoken ?? 0).toBe(0);
    expect(engine.answer('In which year was Zhipu AI established?').text).toMatch(/^My sources mention Zhipu AI but not its founding/);
    // A part of a name names it: "an ex-Sogou guy" is the Sogou of "former Sogou CEO Wang Xiaochuan".
    const baichuan = engine.answer('who started Baichuan? I think it was an ex-Sogou guy?');
    expect(baichuan.answered).toBe(true);
    expect(baichuan.citations[0]!.snippet).toContain('Wang Xiaochuan initiated Baichuan');
  });

  it('first and rank follow retrieval order; scoreShare is 1 for [1] and less below it', () => {
    const cs = engine.explain('What is Qwen?').candidates;
    const top = cs.find((c) => c.rank === 0)!;
    expect(top.features.first).toBe(1);
    expect(top.features.scoreShare).toBe(1);
    for (const c of cs.filter((c) => c.rank > 0)) {
      expect(c.features.first).toBe(0);
      expect(c.features.scoreShare!).toBeLessThanOrEqual(1);
    }
  });

  it('yearHeld and yearMissed: the year asked, named in the quote or not', () => {
    const cs = engine.explain('How many LLMs did China release in 2023?').candidates;
    const named = cs.find((c) => /in 2023, China has taken the lead/.test(c.quote))!;
    expect([named.features.yearHeld, named.features.yearMissed]).toEqual([1, 0]);
    for (const c of cs.filter((c) => !/2023/.test(c.quote))) expect([c.features.yearHeld, c.features.yearMissed]).toEqual([0, 1]);
    expect([first('What is Qwen?').yearHeld, first('What is Qwen?').yearMissed]).toEqual([0, 0]);
    // "However, the following year, both countries released 30 LLMs each" means 2021 without writing it.
    const tie = engine.explain('were the us and china tied on llm releases in 2021?').candidates.find((c) => /^However, the following year/.test(c.quote))!;
    expect([tie.features.yearHeld, tie.features.yearMissed]).toEqual([1, 0]);
  });

  it('dateOrCountMissed: a year or a number asked, and a passage with none', () => {
    const founded = engine.explain('what year was Baichuan founded?').candidates;
    const who = founded.find((c) => /Wang Xiaochuan initiated Baichuan/.test(c.quote))!;
    expect(who.features.dateOrCountMissed).toBe(1);
    expect(first('How many LLMs did China release in 2023?').dateOrCountMissed).toBe(0);
    expect(first('who is the CEO of Baidu?').dateOrCountMissed).toBe(0);
  });

  it('dateOrCountMissed: "how long" is met by a length of time', () => {
    const away = engine.explain('how long had musk been away from china before his beijing visit?').candidates;
    expect(away.find((c) => /three-year absence/.test(c.quote))!.features.dateOrCountMissed).toBe(0);
  });

  it('subjectMissed: a company or other name asked about, not a place, that neither the passage nor its context names', () => {
    const cs = engine.explain('How many LLMs did Tencent release in 2023?').candidates;
    expect(cs.find((c) => /19 LLMs/.test(c.quote))!.features.subjectMissed).toBe(1);
    expect(cs.find((c) => /Tencent/.test(c.quote))!.features.subjectMissed).toBe(0);
    expect(first('How many LLMs did China release in 2023?').subjectMissed).toBe(0);
    // Any name asked about but a place: where something happened is often not in the sentence.
    const europe = engine.explain('how many llms did european organisations release?').candidates;
    expect(europe.filter((c) => !/Europe/i.test(c.quote)).every((c) => c.features.subjectMissed === 1)).toBe(true);
    const visit = engine.explain('who did musk meet in beijing?').candidates;
    expect(visit.find((c) => /Qin Gang/.test(c.quote))!.features.subjectMissed).toBe(0);
  });

  it("ruleAnswer: the passage the hand-written rules would answer with, and only that one", () => {
    const cs = engine.explain('How many LLMs did China release in 2023?').candidates;
    expect(cs.filter((c) => c.features.ruleAnswer === 1)).toHaveLength(1);
    expect(cs.find((c) => c.features.ruleAnswer === 1)!.quote).toMatch(/19 LLMs/);
    expect(engine.explain('what is the capital of France').candidates.every((c) => c.features.ruleAnswer === 0)).toBe(true);
  });

  it('chinese: a question in Chinese characters', () => {
    expect(first('中国发布了多少个大模型?').chinese).toBe(1);
    expect(first('What is Qwen?').chinese).toBe(0);
  });
});

describe('ask --explain', () => {
  it('shows the operating points and each candidate with its estimate and features', () => {
    const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'ask.js');
    const r = spawnSync(process.execPath, [cli, '--explain', 'What is Qwen?'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^What is Qwen\?\noutcome: (answered|related|declined)/);
    expect(r.stdout).toMatch(/trust in the first-ranked candidate: [01]\.\d{3} \(answered from [\d.]+\)/);
    expect(r.stdout).toMatch(/#1 \S+#\d+ {2}ranking estimate 0\.\d{3}/);
    expect(r.stdout).toMatch(/coverage=[\d.]+ ownCoverage=/);
    const json = JSON.parse(spawnSync(process.execPath, [cli, '--explain', '--json', 'What is Qwen?'], { encoding: 'utf8' }).stdout);
    expect(json.candidates[0].features).toHaveProperty('coverage');
    expect(json.trust).toBeGreaterThan(0);
  });
});
