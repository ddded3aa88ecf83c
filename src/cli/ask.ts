#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { questionProblem, MAX_QUESTION_CHARS } from '../answer/compose.js';
import { answerJsonSchema, errorJson, toAnswerJson, type AnswerJson } from '../answer/json-contract.js';
import type { Answer } from '../answer/types.js';
import { loadEngine, type Engine } from '../engine.js';
import { KnowledgeError } from '../knowledge/load.js';
import { renderAnswerText, renderSourcesText } from './render-terminal.js';

const USAGE = `Ask the knowledge base a question about Chinese large language models.

  npm run ask -- "How many LLMs did China release in 2023?"   a readable answer with sources
  npm run --silent ask -- --json "question"                  one JSON object on stdout
  npm run --silent ask -- --json -                           questions from stdin, one per line; JSON lines out
  npm run ask -- --sources                                   the articles the answers come from
`;

/** Exit codes: 0 done (an answer or a polite decline), 1 the knowledge failed to load, 2 bad input. */
const EXIT_BAD_INPUT = 2;

function problemMessage(problem: 'empty' | 'too-long'): string {
  return problem === 'empty'
    ? 'the question is empty: ask something, e.g. npm run ask -- "What is Qwen?"'
    : `the question is longer than ${MAX_QUESTION_CHARS} characters: please shorten it`;
}

/** The terminal's way to the sources, added to a declined answer (other surfaces add their own). */
const SOURCES_HINT = 'To see the articles I know: npm run ask -- --sources';

function forTerminal(answer: Answer): Answer {
  return answer.declineReason === 'off-topic' ? { ...answer, text: `${answer.text}\n${SOURCES_HINT}` } : answer;
}

function printJson(obj: AnswerJson): void {
  process.stdout.write(`${JSON.stringify(answerJsonSchema.parse(obj))}\n`);
}

async function runBatch(engine: Engine): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const question = line.trim();
    if (question === '') continue;
    const problem = questionProblem(question);
    printJson(problem ? errorJson(question, problemMessage(problem)) : toAnswerJson(engine.answer(question)));
  }
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => /^--?[a-z]/.test(a)));
  const words = argv.filter((a) => !/^--?[a-z]/.test(a));
  const unknown = [...flags].filter((f) => !['--json', '--sources', '--help', '-h'].includes(f));
  if (flags.has('--help') || flags.has('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (unknown.length) {
    process.stderr.write(`ask: unknown option ${unknown.join(', ')}\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const json = flags.has('--json');
  const batch = words.length === 1 && words[0] === '-';
  const question = batch ? '' : words.join(' ');
  if (!batch && !flags.has('--sources')) {
    const problem = questionProblem(question);
    if (problem) {
      process.stderr.write(`ask: ${problemMessage(problem)}\n`);
      return EXIT_BAD_INPUT;
    }
  }

  let engine: Engine;
  try {
    engine = await loadEngine(process.env.KNOWLEDGE_DIR || undefined);
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    process.stderr.write(`ask: the knowledge failed to load:\n${err.message}\n`);
    return 1;
  }

  if (flags.has('--sources')) {
    const sources = engine.sources();
    process.stdout.write(json ? `${JSON.stringify(sources)}\n` : renderSourcesText(sources));
    return 0;
  }
  if (batch) {
    await runBatch(engine);
    return 0;
  }
  // The JSON answer is what a person reads anywhere: terminal hints go only to the terminal.
  const answer = engine.answer(question);
  if (json) printJson(toAnswerJson(answer));
  else process.stdout.write(renderAnswerText(forTerminal(answer), { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ask: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
