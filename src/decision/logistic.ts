import type { Logistic } from './model.js';

/**
 * Fits a logistic regression by Newton's method (iteratively reweighted least squares) with an L2
 * penalty on the standardised weights. No randomness and a fixed order of sums: the same rows give
 * the same model, to the bit, so `npm run train` reproduces the committed file.
 */
export interface FitOptions {
  /** Strength of the L2 penalty (on standardised features); keeps rare features from running away. */
  l2: number;
  iterations: number;
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
  const x = rows.map((row) => [1, ...row.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  const beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < options.iterations; it++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let j = 0; j <= d; j++) z += beta[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      const r = labels[i]! - p;
      for (let j = 0; j <= d; j++) {
        gradient[j]! += r * xi[j]!;
        const hj = hessian[j]!;
        for (let k = j; k <= d; k++) hj[k]! += w * xi[j]! * xi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j <= d; j++) {
      gradient[j]! -= options.l2 * beta[j]!;
      hessian[j]![j]! += options.l2;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      beta[j]! += step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-10) break;
  }
  return { mean, scale, weights: beta.slice(1).map(round), bias: round(beta[0]!) };
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
