// The search query corpus (test/fixtures/queries/, rules in its README): loading a part and scoring a search
// engine on it. Shared by test/search-corpus.test.ts and the lookup benchmark.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const QUERY_KINDS = ["code", "symbol", "en", "zh", "mixed", "typo", "s3", "none"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface CorpusQuery {
  id: string;
  q: string;
  kind: QueryKind;
  expect: string[];
}

/** An engine under test: the `catalog:code` keys of its results for a query, best first; [] for "nothing". */
export type Ranker = (query: string) => string[];

export interface PartScore {
  /** Share of answerable queries right: top 1 for code and symbol, top 3 for the other kinds. */
  accuracy: number;
  answerable: number;
  /** Share of `none` queries answered with nothing. */
  noneRate: number;
  none: number;
  byKind: Map<QueryKind, { right: number; total: number }>;
  misses: Array<{ query: CorpusQuery; got: string[] }>;
}

/**
 * The parts already scored: the bench, the test gates and tools/fit-search.ts read these. A sealed part joins the
 * list only after its first run is recorded in test/fixtures/queries/README.md.
 */
export const SCORED_PARTS = ["train", "sealed", "dev", "sealed2", "sealed3", "sealed4", "sealed5", "sealed6", "sealed7", "sealed8", "sealed9", "sealed10", "sealed11", "sealed12", "sealed13", "sealed14", "sealed15", "sealed16", "sealed17", "sealed18", "sealed19", "sealed20", "sealed21", "sealed22", "sealed23", "sealed24", "sealed25", "sealed26", "sealed27", "sealed28", "sealed29", "sealed30", "sealed31", "sealed32", "sealed33", "sealed34", "sealed35", "sealed36", "sealed37", "sealed38", "sealed39", "sealed40", "sealed41", "sealed42", "sealed43", "sealed44", "sealed45", "sealed46", "sealed47", "sealed48", "sealed49", "sealed50", "sealed51", "sealed52"] as const;
export type CorpusPart = (typeof SCORED_PARTS)[number];

export function corpusFile(part: CorpusPart): string {
  return fileURLToPath(new URL(`../test/fixtures/queries/${part}.yaml`, import.meta.url));
}

export function loadCorpus(part: CorpusPart): CorpusQuery[] {
  const file = corpusFile(part);
  if (!existsSync(file)) return [];
  return (parse(readFileSync(file, "utf8")) ?? []) as CorpusQuery[];
}

export function isRight(query: CorpusQuery, got: string[]): boolean {
  if (query.kind === "none") return got.length === 0;
  const depth = query.kind === "code" || query.kind === "symbol" ? 1 : 3;
  return got.slice(0, depth).some((key) => query.expect.includes(key));
}

export function scoreCorpus(queries: CorpusQuery[], rank: Ranker): PartScore {
  const byKind = new Map<QueryKind, { right: number; total: number }>();
  const misses: PartScore["misses"] = [];
  for (const query of queries) {
    const got = rank(query.q);
    const right = isRight(query, got);
    const tally = byKind.get(query.kind) ?? { right: 0, total: 0 };
    tally.total++;
    if (right) tally.right++;
    else misses.push({ query, got: got.slice(0, 3) });
    byKind.set(query.kind, tally);
  }
  const none = byKind.get("none") ?? { right: 0, total: 0 };
  const answerable = queries.length - none.total;
  const answeredRight = [...byKind].filter(([kind]) => kind !== "none").reduce((sum, [, t]) => sum + t.right, 0);
  return {
    accuracy: answerable ? answeredRight / answerable : NaN,
    answerable,
    noneRate: none.total ? none.right / none.total : NaN,
    none: none.total,
    byKind,
    misses,
  };
}

export function describeScore(score: PartScore): string {
  const kinds = [...score.byKind].map(([kind, t]) => `${kind} ${t.right}/${t.total}`).join(", ");
  return `${score.accuracy.toFixed(3)} of ${score.answerable} answerable, none ${score.noneRate.toFixed(3)} of ${score.none} (${kinds})`;
}
