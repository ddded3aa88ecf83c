import type { Answer } from '../answer/types.js';
import { newQuestionId } from '../store/sqlite-store.js';
import { outcomeOf, placeOf, type QuestionStore, type Surface } from '../store/types.js';
import type { QuestionMetrics } from './metrics.js';

/** What a surface knows about a question it answered: who asked, where (the server, or `null` in a DM), how and what. */
export interface Asked {
  answer: Answer;
  userId: string;
  /** The server it was asked in; `null` in a DM. Recorded so that a server's /gaps shows its own questions only. */
  guildId: string | null;
  surface: Surface;
  question: string;
}

/**
 * Records what a person asked and what they got, off the reply path (the store only queues it),
 * and counts it for `/metrics`. Returns the question's id for the vote buttons, or null when
 * nothing is recorded.
 */
export function recordAnswer({ store, metrics }: { store: QuestionStore; metrics?: QuestionMetrics | undefined }, asked: Asked): string | null {
  // Nothing was asked: an empty or over-long question says nothing about the knowledge.
  if (asked.answer.declineReason === 'empty' || asked.answer.declineReason === 'too-long') return null;
  const { answer } = asked;
  metrics?.question(asked.surface, outcomeOf(answer));
  if (!store.recording) return null;
  const id = newQuestionId();
  const shown = answer.answered ? answer.citations : answer.related;
  store.record({
    id,
    userId: asked.userId,
    surface: asked.surface,
    place: placeOf(asked.guildId),
    question: asked.question,
    resolved: answer.question !== asked.question ? answer.question : undefined,
    outcome: outcomeOf(answer),
    passageIds: shown.map((c) => c.passageId),
  });
  return id;
}
