import { Worker } from "node:worker_threads";

// Small timing helpers shared by the benchmarks. Figures are reported as ratios against a baseline
// measured in the same process, because absolute numbers on a shared machine mean little.

export interface Timing {
  perOpNs: number;
  ops: number;
}

/** Runs `work` over `inputs` repeatedly for at least `minMs`, after a warm-up, and returns ns per call. */
export function timePerCall<T>(inputs: T[], work: (input: T) => unknown, minMs = 400): Timing {
  for (let i = 0; i < Math.min(inputs.length * 3, 3000); i++) work(inputs[i % inputs.length]!);
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BigInt(minMs) * 1_000_000n) {
    for (const input of inputs) work(input);
    ops += inputs.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return { perOpNs: Number(elapsed) / ops, ops };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function formatNs(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}

/**
 * A TypeScript module (a fake platform) on a thread of its own: another machine in life, so its work must not
 * share the event loop being measured. `script` is relative to bench/.
 */
export function typeScriptWorker(script: string, workerData?: unknown): Worker {
  const url = new URL(script, import.meta.url).href;
  return new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`, { eval: true, workerData });
}

/**
 * The built module (dist/, which `npm run bench` builds first) for a path under src/: benches measure the code
 * `npm start` runs. Through tsx, src carries esbuild's keepNames wrappers, which slow every closure made on a hot
 * path several-fold (a word search measured 0.3 ms inside the Discord bench, 0.04 ms built). Typed by the source:
 * `await built<typeof import("../src/x.js")>("../src/x.js")`.
 */
export async function built<T>(sourcePath: string): Promise<T> {
  if (!sourcePath.startsWith("../src/")) throw new Error(`built(): ${sourcePath} is not under ../src/`);
  return (await import(new URL(`../dist/${sourcePath.slice("../src/".length)}`, import.meta.url).href)) as T;
}
