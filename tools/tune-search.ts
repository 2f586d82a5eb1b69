// Chooses the text search's ranking constants (src/catalog/ranking.json) on the spent parts of the query corpus, and
// checks the choice on parts it did not choose on. Each setting is scored as the search would answer: the answer
// model is fitted again for it, leaving each choosing part out in turn (as tools/fit-search.ts checks). A coordinate search
// tries each constant 0.7x and 1.4x (b: -0.15 and +0.15) and keeps a change that gains at least two right answers or
// "nothing"s on the choosing parts. The newest HELD_OUT spent parts are only checked. A sealed part not yet scored is
// never read: a part joins SCORED_PARTS only after its first run is recorded.
//
//   npx tsx tools/tune-search.ts            choose, print the check, write ranking.json (then refit: tools/fit-search.ts)
//   npx tsx tools/tune-search.ts --check    print the committed constants' scores, write nothing
import { writeFileSync } from "node:fs";
import { loadCorpus, SCORED_PARTS, type CorpusPart } from "../bench/lookup-corpus.js";
import { ANSWER_FEATURES, ANSWER_THRESHOLD, answerProbability } from "../src/catalog/answer-model.js";
import { CatalogIndex } from "../src/catalog/catalog-index.js";
import { RANKING, type Ranking } from "../src/catalog/ranking.js";
import { Errcode } from "../src/core/errcode.js";
import { answerRows } from "./answer-rows.js";
import { fitLogistic } from "./logistic.js";

const RANKING_FILE = new URL("../src/catalog/ranking.json", import.meta.url);
const HELD_OUT = 10;
const L2 = 0.1;
const MIN_GAIN = 2;
const MAX_PASSES = 3;

const parts = SCORED_PARTS.map((part) => ({ part, queries: loadCorpus(part).length }));
const heldOut = new Set<CorpusPart>(SCORED_PARTS.slice(-HELD_OUT));
const { catalogs } = Errcode.load().index;

/**
 * Right answers (an answer when there is one, "nothing" when there is none) per part, for one setting. A choosing part
 * is scored with the answer model fitted on the other choosing parts, a held-out part with it fitted on all choosing
 * parts: the held-out parts never shape the choice.
 */
function rightByPart(ranking: Ranking): Map<CorpusPart, number> {
  const { rows, rightBeforeSearch } = answerRows(new CatalogIndex(catalogs, { ranking }), SCORED_PARTS);
  const choosing = rows.filter((r) => !heldOut.has(r.part));
  const right = new Map(rightBeforeSearch);
  const fitted = fitLogistic(choosing, ANSWER_FEATURES.length, L2);
  for (const part of SCORED_PARTS) {
    const w = heldOut.has(part) ? fitted : fitLogistic(choosing.filter((r) => r.part !== part), ANSWER_FEATURES.length, L2);
    const own = rows.filter((r) => r.part === part);
    right.set(part, right.get(part)! + own.filter((r) => (answerProbability(r.x, w) >= ANSWER_THRESHOLD) === (r.y === 1)).length);
  }
  return right;
}

function totals(ranking: Ranking): { choosing: number; held: number } {
  let choosing = 0;
  let held = 0;
  for (const [part, n] of rightByPart(ranking)) heldOut.has(part) ? (held += n) : (choosing += n);
  return { choosing, held };
}

const queries = parts.reduce((n, p) => n + p.queries, 0);
const heldQueries = parts.filter((p) => heldOut.has(p.part)).reduce((n, p) => n + p.queries, 0);
const start = totals(RANKING);
console.log(`right answers or "nothing"s, each part scored with the answer model fitted without it`);
console.log(`committed: choosing parts ${start.choosing}/${queries - heldQueries}, held-out parts (${[...heldOut].join(", ")}) ${start.held}/${heldQueries}`);
if (process.argv.includes("--check")) process.exit(0);

type Knob = { name: string; get: (r: Ranking) => number; set: (r: Ranking, v: number) => Ranking };
const knobs: Knob[] = [
  ...(Object.keys(RANKING.fields) as Array<keyof Ranking["fields"]>).map((f) => ({ name: `fields.${f}`, get: (r: Ranking) => r.fields[f], set: (r: Ranking, v: number) => ({ ...r, fields: { ...r.fields, [f]: v } }) })),
  ...(Object.keys(RANKING.unknownWeight) as Array<keyof Ranking["unknownWeight"]>).map((u) => ({
    name: `unknownWeight.${u}`,
    get: (r: Ranking) => r.unknownWeight[u],
    set: (r: Ranking, v: number) => ({ ...r, unknownWeight: { ...r.unknownWeight, [u]: v } }),
  })),
  ...(["k1", "b", "typo", "synonym", "namedCatalogBoost", "phraseBonus"] as const).map((k) => ({ name: k, get: (r: Ranking) => r[k], set: (r: Ranking, v: number) => ({ ...r, [k]: v }) })),
];
const round = (v: number) => Number(v.toFixed(3));

let best = RANKING;
let score = start;
for (let pass = 0; pass < MAX_PASSES; pass++) {
  let changed = false;
  for (const knob of knobs) {
    const value = knob.get(best);
    const tries = knob.name === "b" ? [Math.max(0, value - 0.15), Math.min(1, value + 0.15)] : [value * 0.7, value * 1.4];
    for (const v of tries.map(round)) {
      const candidate = knob.set(best, v);
      const s = totals(candidate);
      if (s.choosing < score.choosing + MIN_GAIN) continue;
      console.log(`  ${knob.name} ${value} -> ${v}: choosing ${s.choosing}, held-out ${s.held}`);
      best = candidate;
      score = s;
      changed = true;
      break;
    }
  }
  if (!changed) break;
}
console.log(`chosen: choosing parts ${start.choosing} -> ${score.choosing}, held-out parts ${start.held} -> ${score.held}`);
writeFileSync(RANKING_FILE, `${JSON.stringify(best, null, 2)}\n`);
console.log(`written ${RANKING_FILE.pathname}; refit the answer model next: npx tsx tools/fit-search.ts`);
