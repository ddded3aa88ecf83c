import type { Logistic } from './model.js';

/**
 * Fits a logistic regression by Newton's method (iteratively reweighted least squares, each step
 * halved until the penalised likelihood holds) with an L2 penalty on the standardised weights. No
 * randomness and a fixed order of sums: the same rows give the same model, to the bit, so
 * `npm run train` reproduces the committed file.
 */
export interface FitOptions {
  /** Strength of the L2 penalty (on standardised features); keeps rare features from running away. */
  l2: number;
  iterations: number;
  /**
   * A model fitted on nearly the same rows (all writers, when one is left out): Newton's method
   * starts from it and needs a third of the steps. It converges to the same optimum, so the fit is
   * the same; only the time differs.
   */
  start?: Logistic;
}

export const FIT_DEFAULTS: FitOptions = { l2: 1, iterations: 30 };

/** Digits kept in the model file: enough for the estimates, few enough to read. */
const DIGITS = 6;
const round = (x: number) => Number(x.toFixed(DIGITS));

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], options: FitOptions = FIT_DEFAULTS): Logistic {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  for (const row of rows) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) {
    mean[j] = round(mean[j]!);
    // A feature constant over the training rows carries nothing: scale 1 keeps its weight at 0.
    scale[j] = Math.sqrt(scale[j]!) > 1e-9 ? round(Math.sqrt(scale[j]!)) : 1;
  }
  // Rows flat in one typed array, and w·x[j] taken once per row and feature: the same products,
  // summed in the same order as plain nested arrays, so the fit is the same to the bit.
  const width = d + 1;
  const x = new Float64Array(n * width);
  rows.forEach((row, i) => {
    x[i * width] = 1;
    for (let j = 0; j < d; j++) x[i * width + 1 + j] = (row[j]! - mean[j]!) / scale[j]!;
  });
  const beta = new Float64Array(width);
  if (options.start) startFrom(options.start, mean, scale, beta);
  let current = penalisedLikelihood(x, labels, beta, options.l2);
  for (let it = 0; it < options.iterations; it++) {
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let i = 0; i < n; i++) {
      const o = i * width;
      let z = 0;
      for (let j = 0; j < width; j++) z += beta[j]! * x[o + j]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      const r = labels[i]! - p;
      for (let j = 0; j < width; j++) {
        const xj = x[o + j]!;
        gradient[j]! += r * xj;
        const wxj = w * xj;
        const h = j * width;
        for (let k = j; k < width; k++) hessian[h + k]! += wxj * x[o + k]!;
      }
    }
    for (let j = 0; j < width; j++) for (let k = 0; k < j; k++) hessian[j * width + k] = hessian[k * width + j]!;
    for (let j = 1; j < width; j++) {
      gradient[j]! -= options.l2 * beta[j]!;
      hessian[j * width + j]! += options.l2;
    }
    const step = solve(Array.from({ length: width }, (_, j) => Array.from(hessian.subarray(j * width, (j + 1) * width))), Array.from(gradient));
    // A full Newton step can overshoot and cycle between two points for good (a start far from
    // the optimum, a rare feature on a handful of rows): halve it until the penalised likelihood
    // does not fall. Near the optimum the full step always holds, so a fit that converged before
    // is the same to the bit.
    let fraction = 1;
    let next = stepped(beta, step, fraction);
    let value = penalisedLikelihood(x, labels, next, options.l2);
    while (fraction > 1e-6 && value < current - 1e-9 * (1 + Math.abs(current))) {
      fraction /= 2;
      next = stepped(beta, step, fraction);
      value = penalisedLikelihood(x, labels, next, options.l2);
    }
    let largest = 0;
    for (let j = 0; j < width; j++) largest = Math.max(largest, Math.abs(next[j]! - beta[j]!));
    beta.set(next);
    current = value;
    if (largest < 1e-10) break;
  }
  return { mean, scale, weights: Array.from(beta.subarray(1), round), bias: round(beta[0]!) };
}

/** beta + fraction · step; a fraction of 1 adds the step itself, the same sums as before halving existed. */
function stepped(beta: Float64Array, step: readonly number[], fraction: number): Float64Array {
  const next = new Float64Array(beta.length);
  for (let j = 0; j < beta.length; j++) next[j] = beta[j]! + (fraction === 1 ? step[j]! : fraction * step[j]!);
  return next;
}

/** The log-likelihood of the labels less the L2 penalty (the bias is not penalised): what Newton climbs. */
function penalisedLikelihood(x: Float64Array, labels: readonly number[], beta: Float64Array, l2: number): number {
  const width = beta.length;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const o = i * width;
    let z = 0;
    for (let j = 0; j < width; j++) z += beta[j]! * x[o + j]!;
    // log(1 + e^z), without overflow: the loss of label 0 at z, of label 1 at -z.
    const t = labels[i] ? -z : z;
    sum -= t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
  }
  for (let j = 1; j < width; j++) sum -= (l2 * beta[j]! ** 2) / 2;
  return sum;
}

/** Writes `start`'s weights as weights on features standardised by `mean` and `scale`. */
function startFrom(start: Logistic, mean: readonly number[], scale: readonly number[], beta: Float64Array): void {
  beta[0] = start.bias;
  start.weights.forEach((w, j) => {
    beta[j + 1] = (w * scale[j]!) / start.scale[j]!;
    beta[0]! += (w * (mean[j]! - start.mean[j]!)) / start.scale[j]!;
  });
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (a is small: one row per feature). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * out[k]!;
    out[r] = Math.abs(m[r]![r]!) < 1e-12 ? 0 : s / m[r]![r]!;
  }
  return out;
}
