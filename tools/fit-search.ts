// Fits the search's answer-or-nothing model (src/catalog/answer-weights.json) by logistic regression on the spent
// parts of the query corpus, and checks it part by part: each part is scored with weights fitted without it
// (leave one part out), beside the committed model, at a few thresholds. A sealed part not yet scored is never
// read here: a part joins SCORED_PARTS (bench/lookup-corpus.ts) only after its first run is recorded in test/fixtures/queries/README.md.
//
//   npx tsx tools/fit-search.ts          fit, print the check, write the weights
//   npx tsx tools/fit-search.ts --check  print the check for the committed weights, write nothing
import { writeFileSync } from "node:fs";
import { SCORED_PARTS, type CorpusPart } from "../bench/lookup-corpus.js";
import { ANSWER_FEATURES, ANSWER_THRESHOLD, ANSWER_WEIGHTS, answerProbability } from "../src/catalog/answer-model.js";
import { Errcode } from "../src/core/errcode.js";
import { answerRows, type AnswerRow } from "./answer-rows.js";
import { fitLogistic } from "./logistic.js";

const FIT_PARTS: readonly CorpusPart[] = SCORED_PARTS;
const WEIGHTS_FILE = new URL("../src/catalog/answer-weights.json", import.meta.url);
const L2 = 0.1;
const THRESHOLDS = [0.6, 0.7, 0.75, 0.8, 0.85];

const { index } = Errcode.load();
const { rows } = answerRows(index, FIT_PARTS);

const fit = (subset: AnswerRow[]) => fitLogistic(subset, ANSWER_FEATURES.length, L2);

function check(title: string, weightsFor: (part: CorpusPart) => ArrayLike<number>): void {
  console.log(`\n${title}: answerable with a right entry found / all such, "nothing" right / out-of-catalog`);
  for (const threshold of THRESHOLDS) {
    const total = { answered: 0, answerable: 0, silent: 0, outside: 0 };
    const cells = FIT_PARTS.map((part) => {
      const own = rows.filter((r) => r.part === part);
      const w = weightsFor(part);
      const answered = own.filter((r) => r.y === 1 && answerProbability(r.x, w) >= threshold).length;
      const silent = own.filter((r) => r.y === 0 && answerProbability(r.x, w) < threshold).length;
      const answerable = own.filter((r) => r.y === 1).length;
      const outside = own.filter((r) => r.y === 0).length;
      total.answered += answered;
      total.answerable += answerable;
      total.silent += silent;
      total.outside += outside;
      return `${part} ${answered}/${answerable} ${silent}/${outside}`;
    });
    const pooled = `all ${total.answered}/${total.answerable} ${total.silent}/${total.outside}`;
    console.log(`  ${threshold.toFixed(2)}${threshold === ANSWER_THRESHOLD ? "*" : " "} ${pooled} | ${cells.join(" | ")}`);
  }
}

console.log(`${rows.length} word searches (${rows.filter((r) => r.y === 1).length} answerable, ${rows.filter((r) => r.y === 0).length} out of catalog)`);
const heldOut = new Map(FIT_PARTS.map((part) => [part, fit(rows.filter((r) => r.part !== part))]));
check("leave one part out", (part) => heldOut.get(part)!);
if (process.argv.includes("--check")) {
  check("committed weights (in sample)", () => ANSWER_WEIGHTS);
} else {
  const w = fit(rows);
  console.log(`\nweights: ${ANSWER_FEATURES.map((f, i) => `${f} ${w[i]!.toFixed(3)}`).join(", ")}`);
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify({ features: ANSWER_FEATURES, weights: [...w].map((v) => Number(v.toFixed(4))) }, null, 2)}\n`);
  console.log(`written ${WEIGHTS_FILE.pathname}`);
}
