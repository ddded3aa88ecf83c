import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FEATURE_NAMES } from './features.js';

/**
 * The learned decision, as data: three logistic regressions over the features of features.ts, and
 * the operating points chosen on their risk-coverage curves (see src/train/). Nothing trains at
 * start: the committed file is read, checked against the code's feature list, and used.
 */
const logisticSchema = z.object({
  /** Per feature: subtracted, then divided by, before weighing (the training set's mean and spread). */
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});
export type Logistic = z.infer<typeof logisticSchema>;

export const decisionModelSchema = z
  .object({
    /**
     * 3: one model ranks the candidates and another, fitted on first-ranked candidates only,
     * decides whether to answer; version 2 decided on the ranking model's own estimate.
     */
    version: z.literal(3),
    /** The features each candidate row holds, in order: must equal the code's. */
    features: z.array(z.string()).min(1),
    /** P(this passage answers the question), from a candidate's features: which passage is first. */
    answer: logisticSchema,
    /**
     * P(the passage `answer` ranks first answers the question), from that passage's features.
     * Fitted on first-ranked passages only, so it learns what tells a right first passage from a
     * wrong one, not what tells any answer from the many passages far down the list.
     */
    trust: logisticSchema,
    /**
     * P(the question is about something in the knowledge), from [1]'s features, the trust in the
     * first-ranked passage and the rules' plain decline: below `relatedAt`, nothing is shown.
     */
    related: logisticSchema,
    /** Answer with the first-ranked candidate when the trust in it is at least this. */
    answerAt: z.number().min(0).max(1),
    /** Show the closest passages when not answering and the related probability is at least this. */
    relatedAt: z.number().min(0).max(1),
    /** …and, where the rules found nothing topical, only when it is at least this. */
    showAt: z.number().min(0).max(1),
    /** What it was trained on, so a change to the bank shows in the file. */
    trainedOn: z.object({ bankSha256: z.string(), questions: z.number().int(), writers: z.array(z.string()) }),
  })
  .superRefine((m, ctx) => {
    const n = m.features.length;
    for (const [key, lr, want] of [['answer', m.answer, n], ['trust', m.trust, n], ['related', m.related, n + 2]] as const) {
      for (const field of ['mean', 'scale', 'weights'] as const) {
        if (lr[field].length !== want) ctx.addIssue({ code: 'custom', path: [key, field], message: `has ${lr[field].length} numbers, expected ${want}` });
      }
    }
  });
export type DecisionModel = z.infer<typeof decisionModelSchema>;

export const MODEL_FILE = new URL('./model.json', import.meta.url);

/** Why a model cannot be used with this code, or null when it can. */
export function modelProblem(model: DecisionModel): string | null {
  const want = FEATURE_NAMES.join(',');
  if (model.features.join(',') !== want) {
    return `it was trained for the features [${model.features.join(', ')}], but the code computes [${FEATURE_NAMES.join(', ')}]: run \`npm run train\` to fit it again`;
  }
  return null;
}

/** Reads and checks a model file; throws an error naming the file and what to do. */
export function readDecisionModel(file: URL | string = MODEL_FILE): DecisionModel {
  const where = typeof file === 'string' ? file : file.pathname;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${where}: cannot read the decision model (${(err as Error).message}); run \`npm run train\` to write it`);
  }
  const parsed = decisionModelSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: ${issue.path.join('.') || 'model'}: ${issue.message}; run \`npm run train\` to write it again`);
  }
  const problem = modelProblem(parsed.data);
  if (problem) throw new Error(`${where}: ${problem}`);
  return parsed.data;
}

let committed: DecisionModel | undefined;
/** The model committed beside this file, read once. */
export function defaultDecisionModel(): DecisionModel {
  return (committed ??= readDecisionModel());
}

/**
 * Which candidate the ranking model puts first: the highest estimate, the earliest on a tie. The
 * engine answers with it and the trust model is fitted on it, so both pick it here.
 */
export function firstRanked(estimates: readonly number[]): number {
  let first = 0;
  estimates.forEach((p, i) => {
    if (p > estimates[first]!) first = i;
  });
  return first;
}

/** The logistic's estimate for one row of features. */
export function probability(lr: Logistic, row: readonly number[]): number {
  let z = lr.bias;
  for (let i = 0; i < row.length; i++) z += (lr.weights[i] ?? 0) * ((row[i]! - lr.mean[i]!) / lr.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}
