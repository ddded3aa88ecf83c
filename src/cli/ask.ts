#!/usr/bin/env node
import type { Explanation } from '../answer/explain.js';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { questionProblem, MAX_QUESTION_CHARS } from '../answer/compose.js';
import { answerJsonSchema, errorJson, toAnswerJson, type AnswerJson } from '../answer/json-contract.js';
import type { Answer } from '../answer/types.js';
import { defaultKnowledgeDir, type Engine } from '../engine.js';
import { normaliseQuestion } from '../input/question.js';
import { KnowledgeError } from '../knowledge/load.js';
import { dataDirFromEnvironment } from '../runtime/data-dir.js';
import { buildWithPersistedIndex } from '../runtime/persisted-index.js';
import { loadKnowledgeWithCache } from '../runtime/persisted-knowledge.js';

/** The terminal renderer, only for the readable modes: `--json`, the common case for tools, never loads it. */
const terminal = () => import('./render-terminal.js');

const USAGE = `Ask the knowledge base a question about Chinese large language models.

  npm run ask -- "How many LLMs did China release in 2023?"   a readable answer with sources
  npm run --silent ask -- --json "question"                  one JSON object on stdout
  npm run --silent ask -- --json -                           questions from stdin, one per line; JSON lines out
  npm run ask -- --sources                                   the articles the answers come from
  npm run ask -- --explain "question"                        why it answered so: each candidate passage,
                                                             the decision model's estimate and features
  npm run ask -- --follow-up "What is Qwen?" "who made it?"  a follow-up: a question without its own
                                                             subject takes the previous one's
  npm run ask -- -- "-what is Qwen?"                         -- ends the options: put it before a
                                                             question that starts with -

In batch mode (-), lines that are blank once cleaned are skipped; every other line gets one
JSON line (an error object for a question over ${MAX_QUESTION_CHARS} characters).
`;

/** The decision laid out for a maintainer: the operating points, then each candidate and its features. */
function renderExplanation(x: Explanation): string {
  const lines = [
    `${x.question}`,
    `outcome: ${x.outcome}; about the knowledge at all: ${x.related.toFixed(3)} (plain decline below ${x.relatedAt})`,
    `trust in the first-ranked candidate: ${x.trust.toFixed(3)} (answered from ${x.answerAt}); the rules found nothing topical: ${x.rulesDeclined}`,
  ];
  for (const c of x.candidates) {
    lines.push('', `#${c.rank + 1} ${c.passageId}  ranking estimate ${c.probability.toFixed(3)}`, `   ${c.quote.slice(0, 200)}`);
    lines.push(`   ${Object.entries(c.features).map(([k, v]) => `${k}=${Number(v.toFixed(3))}`).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

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

/** Resolves once stdout can take more, so a slow reader holds the batch back instead of memory filling up. */
async function printJson(obj: AnswerJson): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(answerJsonSchema.parse(obj))}\n`)) await once(process.stdout, 'drain');
}

/**
 * The most of one batch line that is kept: a question of MAX_QUESTION_CHARS with ample room for
 * the spacing and invisible characters the normaliser removes. The rest of a longer line is
 * dropped as it streams past, so one huge line cannot exhaust memory.
 */
const MAX_LINE_CHARS = 8 * MAX_QUESTION_CHARS;

interface BatchLine {
  /** The line, or its first MAX_LINE_CHARS characters when `overLong`. */
  text: string;
  overLong: boolean;
}

/** Lines of a stream, read chunk by chunk (UTF-8 safe across chunk edges), each held up to `maxChars`. */
async function* streamLines(input: AsyncIterable<Buffer | string>, maxChars: number): AsyncGenerator<BatchLine> {
  const decoder = new StringDecoder('utf8');
  let held = '';
  let overLong = false;
  const keep = (piece: string) => {
    if (overLong) return;
    if (held.length + piece.length <= maxChars) held += piece;
    else {
      held += piece.slice(0, maxChars - held.length);
      overLong = true;
    }
  };
  const decoded = async function* () {
    for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
    yield decoder.end();
  };
  for await (const text of decoded()) {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      keep(text.slice(start, end));
      yield { text: held, overLong };
      held = '';
      overLong = false;
      start = end + 1;
    }
    keep(text.slice(start));
  }
  if (held !== '' || overLong) yield { text: held, overLong };
}

async function runBatch(engine: Engine): Promise<void> {
  for await (const line of streamLines(process.stdin, MAX_LINE_CHARS)) {
    const question = normaliseQuestion(line.text);
    if (line.overLong) {
      await printJson(errorJson(`${[...question].slice(0, MAX_QUESTION_CHARS).join('')}…`, problemMessage('too-long')));
      continue;
    }
    if (question === '') continue;
    const problem = questionProblem(question);
    await printJson(problem ? errorJson(question, problemMessage(problem)) : toAnswerJson(engine.answer(question)));
  }
}

interface Args {
  options: Set<string>;
  words: string[];
  /** `-` given as an option: questions come from stdin. */
  batch: boolean;
  /** `--follow-up PREVIOUS`: the question this one follows. */
  previous?: string;
}

/** Options are words starting with "-" and a letter, up to `--`; after it, everything is the question. */
function parseArgs(argv: string[]): Args {
  const args: Args = { options: new Set(), words: [], batch: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--follow-up') {
      args.options.add(arg);
      args.previous = normaliseQuestion(argv[++i] ?? '');
    } else if (arg === '-') args.batch = true;
    else if (/^--?[a-z]/.test(arg)) args.options.add(arg);
    else args.words.push(arg);
  }
  return args;
}

async function main(argv: string[]): Promise<number> {
  const { options: flags, words, batch, previous } = parseArgs(argv);
  const unknown = [...flags].filter((f) => !['--json', '--sources', '--help', '-h', '--follow-up', '--explain'].includes(f));
  if (flags.has('--help') || flags.has('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (unknown.length) {
    process.stderr.write(`ask: unknown option ${unknown.join(', ')} (to ask a question that starts with -, put -- before it)\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (flags.has('--follow-up') && !previous) {
    process.stderr.write(`ask: --follow-up takes the previous question, e.g. --follow-up "What is Qwen?" "who made it?"\n`);
    return EXIT_BAD_INPUT;
  }
  if (batch && words.length) {
    process.stderr.write(`ask: - reads the questions from stdin; give no question with it\n\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const json = flags.has('--json');
  const question = normaliseQuestion(words.join(' '));
  if (!batch && !flags.has('--sources')) {
    const problem = questionProblem(question);
    if (problem) {
      process.stderr.write(`ask: ${problemMessage(problem)}\n`);
      return EXIT_BAD_INPUT;
    }
  }

  let engine: Engine;
  try {
    const dataDir = dataDirFromEnvironment();
    // What DATA_DIR keeps from the last start spares this one parsing the same files again…
    const knowledge = await loadKnowledgeWithCache(process.env.KNOWLEDGE_DIR || defaultKnowledgeDir(), dataDir, { blocking: true });
    // …and, like the bot's persisted index, re-analysing every article.
    const built = buildWithPersistedIndex(knowledge, dataDir);
    if (built.problem) process.stderr.write(`ask: note: ${built.problem}\n`);
    engine = built.engine;
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    process.stderr.write(`ask: the knowledge failed to load:\n${err.message}\n`);
    return 1;
  }

  if (flags.has('--sources')) {
    const sources = engine.sources();
    process.stdout.write(json ? `${JSON.stringify(sources)}\n` : (await terminal()).renderSourcesText(sources));
    return 0;
  }
  if (batch) {
    await runBatch(engine);
    return 0;
  }
  if (flags.has('--explain')) {
    const explanation = engine.explain(question);
    process.stdout.write(json ? `${JSON.stringify(explanation)}\n` : renderExplanation(explanation));
    return 0;
  }
  // The JSON answer is what a person reads anywhere: terminal hints go only to the terminal.
  const answer = engine.answer(question, { previous });
  if (json) await printJson(toAnswerJson(answer));
  else {
    const { renderAnswerText } = await terminal();
    // A follow-up says what it took the question to mean, so a wrong guess is plain to see.
    if (answer.question !== question) process.stdout.write(`Taken as: ${answer.question}\n\n`);
    process.stdout.write(renderAnswerText(forTerminal(answer), { colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  }
  return 0;
}

// A reader that stops early (`ask --json - | head -1`) closes the pipe: there is no one left to
// answer, which is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`ask: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`ask: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
