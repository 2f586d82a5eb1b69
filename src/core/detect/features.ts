// Each candidate (a number or a symbol read as one catalog entry) described by a fixed list of features, and the
// logistic model over them whose weights tools/fit-detector.ts fits on the labelled corpora (weights.json).
import { logistic, weightsFor } from "../../logistic.js";
import weights from "./weights.json" with { type: "json" };

export const FEATURES = [
  "bias",
  // a number's shape
  "negative-5", "long-8", "negative-4", "negative-3", "negative-2", "negative-1", "http-status", "positive-3", "other-shape", "roundish",
  // the key before it
  "key-code", "key-errno", "key-status", "key-verb", "key-structured", "key-header", "short-and-keyed", "short-and-structured", "case-or-comparison",
  // the message around it
  "vendor-named", "other-vendor-named", "long-code-beside", "short-and-vendor", "failure-nearby", "failure-adjacent", "chinese-near", "question", "short-message",
  // meaning agreement
  "symbol-agrees", "message-agrees", "words-agree", "message-contradicts", "foreign-symbol",
  // context kinds
  "listing", "table-or-enum-line", "other-api", "sign-restored",
  // symbols alone
  "symbol", "symbol-lowercase", "symbol-part", "symbol-widely-used", "symbol-go-style", "symbol-other-number", "symbol-defined", "symbol-compared", "symbols-many",
  // vendor messages alone
  "vendor-message", "vendor-message-long",
] as const;
export type Feature = (typeof FEATURES)[number];

/** Feature name -> position in the features vector. */
export const FEATURE = Object.freeze(Object.fromEntries(FEATURES.map((f, i) => [f, i]))) as Readonly<Record<Feature, number>>;

/** The committed weights, by feature position. */
const WEIGHTS = weightsFor(FEATURES, weights);

/** P(the candidate is this entry, worth explaining) under the fitted model. */
export function probability(x: Float64Array, w: ArrayLike<number> = WEIGHTS): number {
  return logistic(x, w);
}

/** The present feature that pushed the score up the most: what decided, for the reason. */
export function strongestFeature(x: Float64Array, w: ArrayLike<number> = WEIGHTS): Feature {
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 1; i < x.length; i++) {
    if (x[i] === 0) continue;
    const v = w[i]! * x[i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return FEATURES[best]!;
}
