// Search quality on the query corpus (test/fixtures/queries/, rules in its README), one describe per part.
// The sealed part is scored by the lead, never tuned to: run only `-t train` while working on search.
import { describe, expect, it } from "vitest";
import { describeScore, loadCorpus, scoreCorpus, type PartScore } from "../bench/lookup-corpus.js";
import { Errcode } from "../src/core/errcode.js";
import { lookup } from "../src/core/lookup.js";

const { index } = Errcode.load();
const rank = (query: string) => lookup(index, query).matches.map((m) => `${m.entry.catalog}:${m.entry.code}`);

// The sealed part's first run (2026-12-02, lead): answerable 0.957 (155/162), `none` 0.800 (20/25) against the
// 0.95 target. Its `none` gate holds that first figure so it cannot regress; the target is not met on sealed
// data, and raising it means new sealed queries, not tuning to these.
const NONE_FLOOR = { train: 0.95, sealed: 0.8 } as const;

function gate(part: "train" | "sealed") {
  let score: PartScore;

  it("has queries to score, `none` ones among them", () => {
    // Loaded here, not when the file is collected: `-t train` never reads the sealed part.
    const queries = loadCorpus(part);
    expect(queries.length).toBeGreaterThan(0);
    score = scoreCorpus(queries, rank);
    console.log(`${part}: ${describeScore(score)}`);
    expect(score.answerable).toBeGreaterThan(0);
    expect(score.none).toBeGreaterThan(0);
  });

  it("finds the right entry: top 1 for codes and symbols, top 3 for words (at least 0.90)", () => {
    const misses = score.misses.filter((m) => m.query.kind !== "none").map((m) => `${m.query.id} ${m.query.q} -> ${m.got.join(", ") || "nothing"}`);
    expect(score.accuracy, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it(`answers nothing for what no catalog covers (at least ${NONE_FLOOR[part]})`, () => {
    const answered = score.misses.filter((m) => m.query.kind === "none").map((m) => `${m.query.id} ${m.query.q} -> ${m.got.join(", ")}`);
    expect(score.noneRate, answered.join("\n")).toBeGreaterThanOrEqual(NONE_FLOOR[part]);
  });
}

describe("train", () => gate("train"));
describe("sealed", () => gate("sealed"));
