import type { Engine } from '../engine-types.js';
import { holdsAnswer, type BankQuestion } from './bank.js';

/** What a writer meets, counted as `shared/eval/score.mjs` counts it. */
export interface Figures {
  answerable: number;
  hit1: number;
  hit3: number;
  useful3: number;
  /** Answered, and no citation holds the answer (off-topic and near questions answered included). */
  wrong: number;
  answered: number;
  /** Near and off-topic questions not answered, of how many. */
  unanswerableDeclined: number;
  unanswerable: number;
  /** Off-topic questions given a plain decline (nothing related shown), of how many. */
  plainDeclined: number;
  offTopic: number;
}

export function emptyFigures(): Figures {
  return { answerable: 0, hit1: 0, hit3: 0, useful3: 0, wrong: 0, answered: 0, unanswerableDeclined: 0, unanswerable: 0, plainDeclined: 0, offTopic: 0 };
}

export function count(figures: Figures, q: BankQuestion, engine: Engine): void {
  const a = engine.answer(q.q);
  const cites = a.citations.slice(0, 3);
  const related = a.answered ? [] : a.related.slice(0, 3);
  if (a.answered) figures.answered++;
  if (q.kind === 'answerable') {
    figures.answerable++;
    const h3 = a.answered && cites.some((c) => holdsAnswer(c.snippet, q));
    figures.hit1 += Number(a.answered && holdsAnswer(cites[0]?.snippet, q));
    figures.hit3 += Number(h3);
    figures.useful3 += Number(h3 || related.some((c) => holdsAnswer(c.snippet, q)));
    figures.wrong += Number(a.answered && !h3);
    return;
  }
  figures.unanswerable++;
  if (a.answered) figures.wrong++;
  else figures.unanswerableDeclined++;
  if (q.kind === 'offtopic') {
    figures.offTopic++;
    figures.plainDeclined += Number(!a.answered && a.related.length === 0);
  }
}

export function add(a: Figures, b: Figures): Figures {
  const out = emptyFigures();
  for (const k of Object.keys(out) as Array<keyof Figures>) out[k] = a[k] + b[k];
  return out;
}

const share = (x: number, n: number) => (n ? x / n : 1);

/** One line of a table: precision of answered, useful@3, hit@1, unanswerable declined, plain declines. */
export function row(name: string, f: Figures): string {
  const precision = share(f.answered - f.wrong, f.answered);
  return [
    name,
    `${precision.toFixed(3)} (${f.answered - f.wrong}/${f.answered})`,
    share(f.useful3, f.answerable).toFixed(3),
    share(f.hit1, f.answerable).toFixed(3),
    `${share(f.unanswerableDeclined, f.unanswerable).toFixed(3)} (${f.unanswerableDeclined}/${f.unanswerable})`,
    `${f.plainDeclined}/${f.offTopic}`,
  ].join(' | ');
}

export const HEADER = 'writer | precision of answered | useful@3 | hit@1 | unanswerable declined | off-topic plainly declined';
