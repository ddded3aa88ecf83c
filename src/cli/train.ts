#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createEngine, defaultKnowledgeDir } from '../engine.js';
import { loadKnowledge, type Knowledge } from '../knowledge/load.js';
import type { DecisionModel } from '../decision/model.js';
import { readBank, type BankQuestion } from '../train/bank.js';
import { add, count, emptyFigures, HEADER, row, type Figures } from '../train/evaluate.js';
import { exampleOf, fitDecision, untrainedModel, writerOutModels, type Example } from '../train/fit.js';

const USAGE = `Fits the answer decision on the question bank (test/fixtures/bank/*.jsonl) and writes src/decision/model.json.

usage: npm run train [-- --check | --report | --heldout | --unseen]
  --check    fit, and compare with the committed model byte for byte (exit 1 when they differ)
  --report   leave-one-writer-out: for each writer, a model fitted (operating points included) on
             the others, scored on that writer's questions through the real engine
  --heldout  score the committed model on the writers kept out of everything (test/fixtures/bank/heldout)
  --unseen   score it on the writers added after it was fitted, never trained on (test/fixtures/bank/unseen)
`;

const root = dirname(defaultKnowledgeDir());
const bankDir = join(root, 'test', 'fixtures', 'bank');
const modelFile = join(root, 'src', 'decision', 'model.json');

function examplesOf(knowledge: Knowledge, questions: readonly BankQuestion[]): Example[] {
  const engine = createEngine(knowledge, { decisionModel: untrainedModel(), answerCacheSize: 0 });
  return questions.map((q) => exampleOf(q, engine.explain(q.q)));
}

/** Answers with a given model, each question afresh (no cache between models). */
function answerWithOf(knowledge: Knowledge) {
  return (model: DecisionModel, questions: readonly BankQuestion[]) => {
    const engine = createEngine(knowledge, { decisionModel: model, answerCacheSize: 0 });
    return questions.map((q) => engine.answer(q.q));
  };
}

function serialise(model: DecisionModel): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}

function figuresOf(knowledge: Knowledge, model: DecisionModel, questions: readonly BankQuestion[]): Map<string, Figures> {
  const engine = createEngine(knowledge, { decisionModel: model, answerCacheSize: 0 });
  const byWriter = new Map<string, Figures>();
  for (const q of questions) {
    const f = byWriter.get(q.writer) ?? emptyFigures();
    count(f, q, engine);
    byWriter.set(q.writer, f);
  }
  return byWriter;
}

function printTable(byWriter: Map<string, Figures>): void {
  console.log(HEADER);
  let total = emptyFigures();
  for (const [writer, f] of [...byWriter].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(row(writer, f));
    total = add(total, f);
  }
  console.log(row('all', total));
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const knowledge = await loadKnowledge(defaultKnowledgeDir(), { blocking: true });
  const apart = args.includes('--heldout') ? 'heldout' : args.includes('--unseen') ? 'unseen' : undefined;
  if (apart) {
    const apartBank = readBank(join(bankDir, apart));
    const { readDecisionModel } = await import('../decision/model.js');
    printTable(figuresOf(knowledge, readDecisionModel(modelFile), apartBank.questions));
    return 0;
  }
  const bank = readBank(bankDir);
  const examples = examplesOf(knowledge, bank.questions);
  if (args.includes('--report')) {
    const byWriter = new Map<string, Figures>();
    const progress = (done: number, of: number) => {
      if (done % 100 === 0 || done === of) console.error(`${done} of ${of} pairs of writers fitted`);
    };
    for (const [writer, model] of writerOutModels(examples, answerWithOf(knowledge), progress)) {
      const held = bank.questions.filter((q) => q.writer === writer);
      byWriter.set(writer, figuresOf(knowledge, model, held).get(writer)!);
      console.error(`${writer}: answer at ${model.answerAt}, related at ${model.relatedAt}`);
    }
    printTable(byWriter);
    return 0;
  }
  const model = fitDecision(examples, answerWithOf(knowledge), { bankSha256: bank.sha256, questions: bank.questions.length, writers: bank.writers });
  const text = serialise(model);
  if (args.includes('--check')) {
    const committed = readFileSync(modelFile, 'utf8');
    if (committed === text) {
      console.log(`${modelFile} is what the bank gives, byte for byte`);
      return 0;
    }
    console.error(`${modelFile} differs from what the bank gives: run \`npm run train\` and commit the result`);
    return 1;
  }
  writeFileSync(modelFile, text);
  writeFileSync(join(root, 'dist', 'src', 'decision', 'model.json'), text);
  console.log(`wrote ${modelFile}: ${bank.questions.length} questions from ${bank.writers.length} writers; answer at ${model.answerAt}, closest passages at ${model.relatedAt}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`train: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
