import type { RankedPassage } from '../search/index/passage-index.js';
import {
  askedCoverage,
  askedYears,
  asksUnknownName,
  coverageOf,
  holdsAnswerType,
  isTopical,
  looseCoverage,
  matchesAllNames,
  namesAskedYear,
  missesDateOrCount,
  missesReason,
  missesSubject,
  otherCompaniesNamed,
  namesSubjectItself,
  speaksOfFacts,
  unknownShare,
  type Signals,
} from './signals.js';

/**
 * What the learned decision weighs about one candidate passage for one question. Each feature is
 * a number (0/1 for a yes/no check) with a name that the model file lists, so a model trained for
 * another list is refused at load. Question-level features repeat for every candidate.
 */
export interface Feature {
  name: string;
  /** What it measures and why it should matter. */
  about: string;
  of(s: Signals, hit: RankedPassage, rank: number): number;
}

const yes = (b: boolean) => (b ? 1 : 0);

/** 1 when the passage names everything asked, speaks of the fact asked and holds the kind of answer asked. */
function passesChecks(s: Signals, hit: RankedPassage): number {
  const fact = s.query.attributes.length === 0 || speaksOfFacts(s, hit);
  const type = s.gated.length === 0 || holdsAnswerType(s, hit);
  return yes(matchesAllNames(s, hit) && fact && type);
}
const top = (s: Signals) => s.ranked[0]!;

export const FEATURES: readonly Feature[] = [
  {
    name: 'coverage',
    about: "share of the question's information (words weighted by rarity) the passage and its context match",
    of: (s, hit) => coverageOf(s, hit),
  },
  {
    name: 'ownCoverage',
    about: "the same, counting only the passage's own words: context alone rarely answers",
    of: (s, hit) => coverageOf(s, hit, hit.textWords),
  },
  {
    name: 'topCoverage',
    about: "[1]'s coverage: when even the best passage matches little, nothing does",
    of: (s) => coverageOf(s, top(s)),
  },
  {
    name: 'checkedCoverage',
    about: 'coverage of a passage that passes every evidence check (all names, the fact asked, the kind of answer), else 0: the checks hold together',
    of: (s, hit) => coverageOf(s, hit) * passesChecks(s, hit),
  },
  {
    name: 'checkedOwnCoverage',
    about: "the same for the passage's own words",
    of: (s, hit) => coverageOf(s, hit, hit.textWords) * passesChecks(s, hit),
  },
  {
    name: 'looseCoverage',
    about: 'coverage counting WordNet relatives as matches ("ahead" → leading): paraphrase',
    of: (s, hit) => looseCoverage(s, hit),
  },
  {
    name: 'unknownShare',
    about: 'share of the question in words the knowledge has never seen: what it asks may not be here',
    of: (s) => unknownShare(s),
  },
  {
    name: 'unknownName',
    about: 'the question hinges on a name the knowledge has never seen ("Everest", "Kling")',
    of: (s) => yes(asksUnknownName(s)),
  },
  {
    name: 'topical',
    about: 'the passage shares a word with the question that is not everyday English, nor only a city where something happened',
    of: (s, hit) => yes(isTopical(s, hit)),
  },
  {
    name: 'namesMatched',
    about: 'the passage is about every name asked that the knowledge knows',
    of: (s, hit) => yes(matchesAllNames(s, hit)),
  },
  {
    name: 'subjectMissed',
    about: 'the question asks about a company, or a name other than a place, that the passage and its context never name: "what about Tencent?" is not answered by China\'s count',
    of: (s, hit) => yes(missesSubject(s, hit)),
  },
  {
    name: 'subjectElsewhere',
    about: 'the passage misses the subject asked while another candidate names it: "Huawei\'s chatbot" is not answered by a sentence about chatbots in general when one names Huawei\'s',
    of: (s, hit) => yes(missesSubject(s, hit) && s.subjectNamedSomewhere),
  },
  {
    name: 'namesInOwnText',
    about: 'the passage names the subject itself, not only the sentence beside it',
    of: (s, hit) => yes(namesSubjectItself(s, hit)),
  },
  {
    name: 'asksFact',
    about: 'the question asks a fact news often leaves out (who leads it, what it costs, its founding …)',
    of: (s) => yes(s.query.attributes.length > 0),
  },
  {
    name: 'factSpoken',
    about: 'the passage speaks of that fact, a role in the clause of the company asked about',
    of: (s, hit) => yes(s.query.attributes.length > 0 && speaksOfFacts(s, hit)),
  },
  {
    name: 'asksType',
    about: 'the question asks for a date, a count, a person, a reason or companies',
    of: (s) => yes(s.gated.length > 0),
  },
  {
    name: 'typeHeld',
    about: 'the passage holds that kind of fact',
    of: (s, hit) => yes(s.gated.length > 0 && holdsAnswerType(s, hit)),
  },
  {
    name: 'scoreShare',
    about: "the passage's retrieval score as a share of [1]'s",
    of: (s, hit) => (top(s).score > 0 ? hit.score / top(s).score : 0),
  },
  {
    name: 'topScore',
    about: "log of [1]'s retrieval score: many weighty matches or few light ones",
    of: (s) => Math.log1p(top(s).score),
  },
  {
    name: 'topGap',
    about: "how far [1] is ahead of [2]: a clear winner or a toss-up",
    of: (s) => {
      const second = s.ranked[1];
      return second && top(s).score > 0 ? (top(s).score - second.score) / top(s).score : 1;
    },
  },
  {
    name: 'heading',
    about: 'the passage is a heading or a title: it names a topic, it rarely states the fact asked',
    of: (_s, hit) => yes(hit.passage.kind === 'heading'),
  },
  {
    name: 'first',
    about: 'the passage is [1] in retrieval order',
    of: (_s, _hit, rank) => yes(rank === 0),
  },
  {
    name: 'rank',
    about: 'log of the retrieval rank: lower passages answer less often',
    of: (_s, _hit, rank) => Math.log1p(rank),
  },
  {
    name: 'agreement',
    about: "share of the first five passages from the passage's article: neighbours that agree",
    of: (s, hit) => {
      const five = s.ranked.slice(0, 5);
      return five.filter((h) => h.passage.articleId === hit.passage.articleId).length / five.length;
    },
  },
  {
    name: 'contextShare',
    about: "share of the passage's matched weight that only its context holds",
    of: (s, hit) => {
      const all = coverageOf(s, hit);
      return all > 0 ? (all - coverageOf(s, hit, hit.textWords)) / all : 0;
    },
  },
  {
    name: 'heaviestMissed',
    about: "weight of the weightiest question word the passage does not match: the one thing it misses",
    of: (s, hit) => {
      let most = 0;
      s.query.words.forEach((_, i) => {
        if (!hit.matchedWords.has(i)) most = Math.max(most, (s.weights[i] ?? 0) * (s.query.salience[i] ?? 1));
      });
      return s.totalWeight > 0 ? most / s.totalWeight : 0;
    },
  },
  {
    name: 'namesAsked',
    about: 'the question names something the knowledge knows',
    of: (s) => yes(s.names.length > 0),
  },
  {
    name: 'contentWords',
    about: "log of the question's content words: a long question is matched less completely",
    of: (s) => Math.log1p(s.query.words.length),
  },
  {
    name: 'askedCoverage',
    about: 'coverage of the words of the question itself, not of the context told before it',
    of: (s, hit) => askedCoverage(s, hit),
  },
  {
    name: 'yearHeld',
    about: 'the question asks about a year and the quote names it',
    of: (s, hit) => yes(askedYears(s).length > 0 && namesAskedYear(s, hit)),
  },
  {
    name: 'yearMissed',
    about: 'the question asks about a year and the quote does not name it ("in 2021" against "The year 2020 saw…")',
    of: (s, hit) => yes(askedYears(s).length > 0 && !namesAskedYear(s, hit)),
  },
  {
    name: 'dateOrCountMissed',
    about: 'the question asks for a date, a count (a multiple, a share) or a length of time and the passage holds none',
    of: (s, hit) => yes(missesDateOrCount(s, hit)),
  },
  {
    name: 'reasonMissed',
    about: 'the question asks why and the passage gives no reason: a sentence saying what happened is not why',
    of: (s, hit) => yes(missesReason(s, hit)),
  },
  {
    name: 'otherCompanies',
    about: 'for "which companies" or "who", the companies the passage names that the question does not (up to 3): a list answers, one name may not',
    of: (s, hit) => otherCompaniesNamed(s, hit),
  },
  {
    name: 'ruleAnswer',
    about: "the passage is the hand-written rules' answer (every name, the fact and the kind asked, in order): what they knew, weighed",
    of: (s, hit) => yes(hit === s.ruleAnswer),
  },
  {
    name: 'chinese',
    about: 'the question is written in Chinese characters, read through the glossary',
    of: (s) => yes(/\p{Script=Han}/u.test(s.query.text)),
  },
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((f) => f.name);

/** Every feature of one candidate, in FEATURE_NAMES order. */
export function featuresOf(s: Signals, hit: RankedPassage, rank: number): number[] {
  return FEATURES.map((f) => f.of(s, hit, rank));
}
