// Logistic regression for the small models the tools fit (the detector's, the search's answer-or-nothing).
import { logistic } from "../src/logistic.js";

export interface LogisticRow {
  x: ArrayLike<number>;
  /** The label, 0..1 (a soft label is allowed). */
  y: number;
  /** How much this row counts. */
  weight: number;
}

/**
 * Logistic regression by Newton's method (IRLS): few features, so each step solves a small linear system. Feature 0
 * is the bias, which `l2` does not penalise.
 */
export function fitLogistic(rows: LogisticRow[], d: number, l2: number): Float64Array {
  const w = new Float64Array(d);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(d);
    const hessian = Array.from({ length: d }, () => new Float64Array(d));
    for (const row of rows) {
      const p = logistic(row.x, w);
      const r = (p - row.y) * row.weight;
      const s = Math.max(p * (1 - p), 1e-9) * row.weight;
      for (let i = 0; i < d; i++) {
        const xi = row.x[i]!;
        if (xi === 0) continue;
        gradient[i]! += r * xi;
        const hi = hessian[i]!;
        for (let j = 0; j < d; j++) if (row.x[j] !== 0) hi[j]! += s * xi * row.x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      gradient[i]! += l2 * w[i]!;
      hessian[i]![i]! += l2;
    }
    hessian[0]![0]! += 1e-6;
    const step = solve(hessian, gradient);
    let change = 0;
    for (let i = 0; i < d; i++) {
      w[i]! -= step[i]!;
      change = Math.max(change, Math.abs(step[i]!));
    }
    if (change < 1e-7) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting; features never seen get a zero step. */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => (Math.abs(m[i]![i]!) < 1e-12 ? 0 : m[i]![n]! / m[i]![i]!));
}
