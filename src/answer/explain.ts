import { FEATURE_NAMES } from '../decision/features.js';
import { judge, spanOf, type Corpus } from './compose.js';

/** Why the engine answered as it did: each candidate passage's features and the model's estimate. */
export interface Explanation {
  question: string;
  outcome: 'answered' | 'related' | 'declined';
  /** The trust model's estimate that the candidate ranked first answers: it decides the answer. */
  trust: number;
  /** The model's estimate that the question is about something in the knowledge at all. */
  related: number;
  /** The hand-written rules found nothing topical to show (one of the related model's inputs). */
  rulesDeclined: boolean;
  answerAt: number;
  relatedAt: number;
  candidates: Array<{
    /** Place in retrieval order, from 0. */
    rank: number;
    passageId: string;
    /** What a reader would see quoted for it, whole. */
    quote: string;
    /** The ranking model's estimate that this passage answers the question. */
    probability: number;
    features: Record<string, number>;
  }>;
}

export function explainAnswer(question: string, corpus: Corpus): Explanation {
  const { query, judgement } = judge(question, corpus);
  return {
    question,
    outcome: judgement.verdict.outcome,
    trust: judgement.trust,
    related: judgement.related,
    rulesDeclined: judgement.rulesDeclined,
    answerAt: corpus.model.answerAt,
    relatedAt: corpus.model.relatedAt,
    candidates: judgement.candidates.map((c) => ({
      rank: c.rank,
      passageId: c.hit.passage.id,
      quote: spanOf(c.hit, corpus, query).text,
      probability: c.probability,
      features: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, c.features[i]!])),
    })),
  };
}
