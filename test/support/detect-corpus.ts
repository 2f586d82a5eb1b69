// Scoring a labelled detection corpus (test/fixtures/detection-corpus*.yaml, test/fixtures/real/*.yaml): auto-reply
// precision and recall of one part, with every mistake named. Each part is gated on its own, never pooled.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { CatalogIndex } from "../../src/catalog/catalog-index.js";
import { AUTO_REPLY_CONFIDENCE, detect, type Detection } from "../../src/core/detect/index.js";

export interface Labelled {
  id: string;
  text: string;
  expect: string[];
  request_id?: string;
  explicit?: string[];
  note?: string;
}

export interface Score {
  messages: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  mistakes: string[];
}

export const keyOf = (d: Pick<Detection, "catalog" | "code">) => `${d.catalog}:${d.code}`;

/** A part of a corpus, by its path under test/fixtures/. */
export function loadPart(path: string): Labelled[] {
  const messages = parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8")) as Labelled[];
  if (!Array.isArray(messages)) throw new Error(`${path}: not a list of messages`);
  return messages.map((m) => ({ ...m, expect: m.expect ?? [] }));
}

export function scorePart(index: CatalogIndex, messages: Labelled[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: string[] = [];
  for (const message of messages) {
    const auto = detect(index, message.text, { minConfidence: AUTO_REPLY_CONFIDENCE });
    const found = new Set(auto.map(keyOf));
    const wanted = new Set(message.expect);
    for (const d of auto) {
      if (wanted.has(keyOf(d))) tp++;
      else {
        fp++;
        mistakes.push(`false positive in ${message.id}: ${keyOf(d)} (${d.confidence}, ${d.reason}) in "${d.evidence}"`);
      }
    }
    for (const key of wanted) {
      if (found.has(key)) continue;
      fn++;
      mistakes.push(`missed in ${message.id}: ${key}`);
    }
  }
  return { messages: messages.length, tp, fp, fn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), mistakes };
}

export function report(name: string, s: Score): string {
  return [
    `| part | messages | precision | recall | tp | fp | fn |`,
    `|---|---|---|---|---|---|---|`,
    `| ${name} | ${s.messages} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.tp} | ${s.fp} | ${s.fn} |`,
    ...s.mistakes,
  ].join("\n");
}
