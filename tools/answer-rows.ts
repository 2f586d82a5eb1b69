// The answer model's training rows from the query corpus, shared by tools/fit-search.ts and tools/tune-search.ts.
import { isRight, loadCorpus, type CorpusPart } from "../bench/lookup-corpus.js";
import type { CatalogIndex } from "../src/catalog/catalog-index.js";
import { lookup } from "../src/core/lookup.js";

export interface AnswerRow {
  part: CorpusPart;
  x: Float64Array;
  /** 1: answerable, and a right entry is among the first three candidates; 0: out of catalog ("nothing" is right). */
  y: number;
  weight: number;
}

/**
 * Every word search of `parts` the answer model decides, as a row; and, per part, how many of the questions it does
 * not decide are answered right anyway (codes, symbols, other APIs' error names: answered before any word search).
 */
export function answerRows(index: CatalogIndex, parts: readonly CorpusPart[]): { rows: AnswerRow[]; rightBeforeSearch: Map<CorpusPart, number> } {
  const rows: AnswerRow[] = [];
  const rightBeforeSearch = new Map<CorpusPart, number>(parts.map((part) => [part, 0]));
  for (const part of parts) {
    for (const query of loadCorpus(part)) {
      const { matches, search } = lookup(index, query.q);
      if (query.kind === "code" || query.kind === "symbol" || !search || (matches[0] && matches[0].via !== "text")) {
        if (isRight(query, matches.map((m) => `${m.entry.catalog}:${m.entry.code}`))) rightBeforeSearch.set(part, rightBeforeSearch.get(part)! + 1);
        continue;
      }
      // The search's best three, answer or not: labels never depend on the committed model.
      const candidates = search.best.map((s) => `${s.entry.catalog}:${s.entry.code}`);
      // An answerable question whose right entry the ranking does not find is a ranking miss either way: no lesson here.
      if (query.kind !== "none" && !isRight(query, candidates)) continue;
      rows.push({ part, x: search.answer.features, y: query.kind === "none" ? 0 : 1, weight: 1 });
    }
  }
  return { rows, rightBeforeSearch };
}
