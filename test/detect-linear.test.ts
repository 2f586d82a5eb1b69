import { describe, expect, it } from "vitest";
import { detect, type DetectStats } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";
import { hostileInputs, realisticLog } from "./support/detect-inputs.js";

// Linear time, two ways. detect() counts the work that depends on the input's content (candidates and the
// bounded windows read around each; the whole-text passes are a fixed number per character): it must stay
// under a constant per input character and grow 4x, not 16x, when the input grows 4x. A backtracking regular
// expression would not show in those counters, so each megabyte must also finish within a generous 5 s
// (it takes well under 200 ms here; a quadratic pattern on 1 MB takes minutes).

const { index } = Errcode.load();
const MB = 1 << 20;
/** Characters read per input character: the whole-text passes (~20) plus context windows, with a wide margin. */
const MAX_WORK_PER_CHAR = 100;
/** Generous enough for a loaded 2-core machine; 25x what 1 MB takes here. */
const MAX_MS_PER_MB = 5_000;

function work(text: string): { total: number; stats: DetectStats; ms: number; found: number } {
  const stats: DetectStats = { scannedChars: 0, candidates: 0, contextChars: 0 };
  const start = performance.now();
  const found = detect(index, text, { minConfidence: 0, stats }).length;
  const ms = performance.now() - start;
  return { total: stats.scannedChars + stats.contextChars + stats.candidates, stats, ms, found };
}

const quarter = hostileInputs(MB / 4);
const full = hostileInputs(MB);
const inputs: Array<[string, string, string]> = [
  ...Object.keys(full).map((name): [string, string, string] => [name, quarter[name]!, full[name]!]),
  ["realistic logs", realisticLog(MB / 4, 5).text, realisticLog(MB, 5).text],
];

describe("detect on 1 MB hostile input", () => {
  it.each(inputs)("%s: finishes, with work linear in the input", (name, small, large) => {
    expect(large.length).toBeGreaterThanOrEqual(MB - 1);
    const a = work(small);
    const b = work(large);
    console.log(`${name}: ${(b.total / large.length).toFixed(1)} chars read per input char, ${b.stats.candidates} candidates, ${b.ms.toFixed(0)} ms`);
    expect(b.total / large.length).toBeLessThan(MAX_WORK_PER_CHAR);
    // Four times the input, four times the work (a little slack for the realistic log's uneven mix).
    expect(b.total / a.total).toBeLessThan(4.4);
    expect(b.stats.candidates).toBeLessThanOrEqual(large.length);
    expect(b.ms).toBeLessThan(MAX_MS_PER_MB);
  });

  it("stays silent on inputs with no codes in them", () => {
    for (const name of ["one digit run", "one '-' run", "'-' then digits, repeated", "nested quotes and braces", "endless URL", "request-id keys without values"]) {
      const found = detect(index, full[name]!, { minConfidence: 0 });
      expect([...found], name).toEqual([]);
      expect(found.unread, name).toBe(0);
    }
  });

  it("scans all of a text past 2 MB (no silent cap), in work linear in its length", () => {
    const two = work("v1-9 ".repeat(400_000));
    const three = work("v1-9 ".repeat(600_000));
    expect(three.total / two.total).toBeGreaterThan(1.4);
    expect(three.total / two.total).toBeLessThan(1.6);
  });
});
