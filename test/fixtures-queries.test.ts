// Shape of the search query corpus (test/fixtures/queries/README.md). It checks the labels can be scored and the
// split is the documented one; it never runs the search.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../src/catalog/loader.js";

const KINDS = ["code", "symbol", "en", "zh", "mixed", "typo", "s3", "none"] as const;
const CATALOG_IDS = ["tencent-cos-v4", "tencent-ci-image", "upyun"];

const QuerySchema = z.strictObject({
  // `en-017`; parts written whole carry their prefix: `s2-en-017`, `dev-none-004`.
  id: z.string().regex(/^(?:(?:s2|s3p|s4p|s5p|s6p|s7p|s8p|s9p|s1[0-9]p|s[2-5][0-9]p|dev)-)?[a-z0-9]+-\d{3}$/),
  q: z.string().trim().min(1),
  kind: z.enum(KINDS),
  expect: z.array(z.string().regex(/^[a-z0-9-]+:-?\d+$/)),
  source: z.url({ protocol: /^https?$/ }).optional(),
  note: z.string().min(1).optional(),
});
type Query = z.infer<typeof QuerySchema>;

const read = (part: "train" | "sealed" | "dev" | "sealed2" | "sealed3" | "sealed4" | "sealed5" | "sealed6" | "sealed7" | "sealed8" | "sealed9" | "sealed10" | "sealed11" | "sealed12" | "sealed13" | "sealed14" | "sealed15" | "sealed16" | "sealed17" | "sealed18" | "sealed19" | "sealed20" | "sealed21" | "sealed22" | "sealed23" | "sealed24" | "sealed25" | "sealed26" | "sealed27" | "sealed28" | "sealed29" | "sealed30" | "sealed31" | "sealed32" | "sealed33" | "sealed34" | "sealed35" | "sealed36" | "sealed37" | "sealed38" | "sealed39" | "sealed40" | "sealed41" | "sealed42" | "sealed43" | "sealed44" | "sealed45" | "sealed46" | "sealed47" | "sealed48" | "sealed49" | "sealed50" | "sealed51" | "sealed52"): Query[] => {
  const file = new URL(`./fixtures/queries/${part}.yaml`, import.meta.url);
  return z.array(QuerySchema).parse(parse(readFileSync(file, "utf8")));
};
// dev and sealed2 were written whole as parts of their own (README: "Dev part", "Sealed part 2"), not split by sha1.
const parts = {
  train: read("train"),
  sealed: read("sealed"),
  dev: read("dev"),
  sealed2: read("sealed2"),
  sealed3: read("sealed3"),
  sealed4: read("sealed4"),
  sealed5: read("sealed5"),
  sealed6: read("sealed6"),
  sealed7: read("sealed7"),
  sealed8: read("sealed8"),
  sealed9: read("sealed9"),
  sealed10: read("sealed10"),
  sealed11: read("sealed11"),
  sealed12: read("sealed12"),
  sealed13: read("sealed13"),
  sealed14: read("sealed14"),
  sealed15: read("sealed15"),
  sealed16: read("sealed16"),
  sealed17: read("sealed17"),
  sealed18: read("sealed18"),
  sealed19: read("sealed19"),
  sealed20: read("sealed20"),
  sealed21: read("sealed21"),
  sealed22: read("sealed22"),
  sealed23: read("sealed23"),
  sealed24: read("sealed24"),
  sealed25: read("sealed25"),
  sealed26: read("sealed26"),
  sealed27: read("sealed27"),
  sealed28: read("sealed28"),
  sealed29: read("sealed29"),
  sealed30: read("sealed30"),
  sealed31: read("sealed31"),
  sealed32: read("sealed32"),
  sealed33: read("sealed33"),
  sealed34: read("sealed34"),
  sealed35: read("sealed35"),
  sealed36: read("sealed36"),
  sealed37: read("sealed37"),
  sealed38: read("sealed38"),
  sealed39: read("sealed39"),
  sealed40: read("sealed40"),
  sealed41: read("sealed41"),
  sealed42: read("sealed42"),
  sealed43: read("sealed43"),
  sealed44: read("sealed44"),
  sealed45: read("sealed45"),
  sealed46: read("sealed46"),
  sealed47: read("sealed47"),
  sealed48: read("sealed48"),
  sealed49: read("sealed49"),
  sealed50: read("sealed50"),
  sealed51: read("sealed51"),
  sealed52: read("sealed52"),
};
const all = Object.values(parts).flat();
const entries = new Set(loadCatalogs([BUILTIN_CATALOG_DIR]).flatMap((c) => c.entries.map((e) => `${e.catalog}:${e.code}`)));
const isTrain = (id: string) => createHash("sha1").update(id, "utf8").digest()[0]! < 128;

describe("the search query corpus", () => {
  it("has at least 300 queries, every kind represented", () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((q) => q.kind))).toEqual(new Set(KINDS));
  });

  it("has unique ids, and no query text twice within a part", () => {
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
    // Parts written blind (dev, sealed2) repeat some queries of parts their writers could not read: 16 of sealed2's
    // 180 are in sealed, 10 in dev (README, "Sealed part 2"). Within a part each query is there once.
    for (const [part, queries] of Object.entries(parts)) {
      const texts = queries.map((q) => q.q.trim().toLowerCase());
      expect(texts.filter((t, i) => texts.indexOf(t) !== i), part).toEqual([]);
    }
    const earlier = new Set([...parts.train].map((q) => q.q.trim().toLowerCase()));
    expect([...parts.dev, ...parts.sealed2, ...parts.sealed3].filter((q) => earlier.has(q.q.trim().toLowerCase())).map((q) => q.id)).toEqual([]);
    const before3 = new Set([...parts.sealed, ...parts.dev, ...parts.sealed2].map((q) => q.q.trim().toLowerCase()));
    // Parts 3 to 52 were checked against every earlier part by their writers' scripts (README): none repeats one.
    const seen = new Set([...earlier, ...before3]);
    for (const part of [parts.sealed3, parts.sealed4, parts.sealed5, parts.sealed6, parts.sealed7, parts.sealed8, parts.sealed9, parts.sealed10, parts.sealed11, parts.sealed12, parts.sealed13, parts.sealed14, parts.sealed15, parts.sealed16, parts.sealed17, parts.sealed18, parts.sealed19, parts.sealed20, parts.sealed21, parts.sealed22, parts.sealed23, parts.sealed24, parts.sealed25, parts.sealed26, parts.sealed27, parts.sealed28, parts.sealed29, parts.sealed30, parts.sealed31, parts.sealed32, parts.sealed33, parts.sealed34, parts.sealed35, parts.sealed36, parts.sealed37, parts.sealed38, parts.sealed39, parts.sealed40, parts.sealed41, parts.sealed42, parts.sealed43, parts.sealed44, parts.sealed45, parts.sealed46, parts.sealed47, parts.sealed48, parts.sealed49, parts.sealed50, parts.sealed51, parts.sealed52]) {
      expect(part.filter((q) => seen.has(q.q.trim().toLowerCase())).map((q) => q.id)).toEqual([]);
      for (const q of part) seen.add(q.q.trim().toLowerCase());
    }
  });

  it("labels every expected answer with an entry of catalog/*.yaml", () => {
    const unknown = all.flatMap((q) => q.expect.filter((key) => !entries.has(key)).map((key) => `${q.id} ${key}`));
    expect(unknown).toEqual([]);
    expect(all.flatMap((q) => q.expect.map((key) => key.split(":")[0]))).toSatisfy((ids: string[]) =>
      ids.every((id) => CATALOG_IDS.includes(id)),
    );
  });

  it("expects nothing for out-of-catalog queries and something for every other kind", () => {
    expect(all.filter((q) => (q.kind === "none") !== (q.expect.length === 0)).map((q) => q.id)).toEqual([]);
    expect(all.filter((q) => new Set(q.expect).size !== q.expect.length).map((q) => q.id)).toEqual([]);
  });

  it("names each id after its kind", () => {
    expect(all.filter((q) => !q.id.replace(/^(?:s2|s3p|s4p|s5p|s6p|s7p|s8p|s9p|s1[0-9]p|s[2-5][0-9]p|dev)-/, "").startsWith(`${q.kind}-`)).map((q) => q.id)).toEqual([]);
  });

  it("splits by the first byte of sha1(id): < 128 train, else sealed", () => {
    expect(parts.train.filter((q) => !isTrain(q.id)).map((q) => q.id)).toEqual([]);
    expect(parts.sealed.filter((q) => isTrain(q.id)).map((q) => q.id)).toEqual([]);
    expect(parts.train.length).toBeGreaterThan(0);
    expect(parts.sealed.length).toBeGreaterThan(0);
  });
});
