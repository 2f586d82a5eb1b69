// Whether a word search has an answer at all: a logistic model over what the search saw (how much of the question
// its best entry covers, how strongly, and the words nobody's catalog uses), with weights tools/fit-search.ts fits
// on the spent parts of the query corpus (answer-weights.json). It replaces a fixed coverage floor, which long
// questions told as a story could not clear.
import { logistic, weightsFor } from "../logistic.js";
import weights from "./answer-weights.json" with { type: "json" };

export const ANSWER_FEATURES = [
  "bias",
  // the best entry
  "coverage",
  "coverage-margin",
  "log-score",
  // the question's words no entry uses
  "foreign",
  "unknown-words",
  "unknown-han",
  "chinese-share",
  "known-terms",
  // the question's own plain language ("why do we get"; none when it names another system), and words read only
  // through a typo
  "plain-language",
  "typo-words",
  // the whole question is one of the best entry's keywords, or a word of it one of its symbols or aliases
  "exact-name",
] as const;
export type AnswerFeature = (typeof ANSWER_FEATURES)[number];

/** At or above this probability the search answers; below it, its best entries are only "did you mean". */
// 0.75 was chosen by tools/fit-search.ts's leave-one-part-out check: as many right "nothing" answers as the old
// 0.6 coverage floor, and more questions answered.
export const ANSWER_THRESHOLD = 0.75;

/** The committed weights, by feature position. */
export const ANSWER_WEIGHTS = weightsFor(ANSWER_FEATURES, weights);

export function answerProbability(x: ArrayLike<number>, w: ArrayLike<number> = ANSWER_WEIGHTS): number {
  return logistic(x, w);
}
