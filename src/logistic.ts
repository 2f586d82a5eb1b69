// The small logistic models errcode runs (the detector's, the search's answer-or-nothing), whose weights the tools
// fit and commit as JSON: { features: [names], weights: [numbers] }.

/** P(yes) for features `x` under weights `w`: the logistic of their dot product. */
export function logistic(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) z += w[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** Committed weights by feature position: a feature the file does not know weighs 0, one it knows but we dropped is ignored. */
export function weightsFor(features: readonly string[], data: { features: string[]; weights: number[] }): Float64Array {
  const weights = new Float64Array(features.length);
  data.features.forEach((name, i) => {
    const at = features.indexOf(name);
    if (at >= 0) weights[at] = data.weights[i] ?? 0;
  });
  return weights;
}
