import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../../src/catalog/loader.js";
import { readVendorDocs } from "../../tools/vendor-docs.js";

const catalogs = loadCatalogs([BUILTIN_CATALOG_DIR]);
const entries = catalogs.flatMap((c) => c.entries);
const vendor = readVendorDocs(join(BUILTIN_CATALOG_DIR, "sources"));
const find = (catalog: string, code: number) => entries.find((e) => e.catalog === catalog && e.code === code);

describe("the vendor documents, parsed", () => {
  it("define 1,296 lines over 876 distinct (catalog, code) pairs", () => {
    expect(vendor).toHaveLength(1296);
    expect(new Set(vendor.map((d) => `${d.catalog}:${d.code}`)).size).toBe(876);
  });
});

describe("catalog coverage of the vendor documents", () => {
  it("has one entry per (catalog, code) the documents define, and no other", () => {
    const documented = new Set(vendor.map((d) => `${d.catalog}:${d.code}`));
    const cataloged = new Set(entries.map((e) => `${e.catalog}:${e.code}`));
    expect([...documented].filter((k) => !cataloged.has(k))).toEqual([]);
    expect([...cataloged].filter((k) => !documented.has(k))).toEqual([]);
  });

  it("keeps every definition: document, line, module, symbol and text, verbatim", () => {
    const missing = vendor.filter((d) => {
      const entry = find(d.catalog, d.code);
      return !entry?.definitions?.some(
        (kept) => kept.doc === d.doc && kept.line === d.line && kept.module === d.module && kept.symbol === d.symbol && kept.text === d.text && kept.http === d.http,
      );
    });
    expect(missing.map((d) => `${d.doc}:${d.line} ${d.code} ${d.symbol ?? ""}`)).toEqual([]);
  });

  it("makes every vendor symbol a symbol of its entry", () => {
    const missing = vendor.filter((d) => d.symbol && !find(d.catalog, d.code)?.symbols.includes(d.symbol));
    expect(missing.map((d) => `${d.catalog} ${d.code} ${d.symbol}`)).toEqual([]);
  });

  it("keeps both definitions of a code defined twice in one module with different symbols", () => {
    for (const code of [-61, -29090, -29091, -29092, -29093, -29094, -29095]) {
      expect(find("tencent-cos-v4", code)!.symbols.length, String(code)).toBeGreaterThanOrEqual(2);
    }
    expect(find("tencent-cos-v4", -46024)!.symbols).toEqual(["COS_COSDELETE_TIMEOUT_ERR", "COS_TEMP_USRIDX_TIMEOUT_ERR"]);
  });
});

describe("what each entry says", () => {
  it("has English, guidance, a category and a retry policy", () => {
    const incomplete = entries.filter((e) => !e.en.trim() || !e.guidance?.trim() || !e.category || !e.retry);
    expect(incomplete.map((e) => `${e.catalog}:${e.code}`)).toEqual([]);
  });

  it("has the vendor's Chinese, or a note saying the vendor gave none", () => {
    const bare = entries.filter((e) => !e.zh?.trim() && !(e.notes ?? []).some((n) => /no description|gives no|gave no|no text/i.test(n)));
    expect(bare.map((e) => `${e.catalog}:${e.code}`)).toEqual([]);
  });

  it("writes English in en, not the vendor's Chinese", () => {
    expect(entries.filter((e) => /\p{Script=Han}/u.test(e.en)).map((e) => `${e.catalog}:${e.code}`)).toEqual([]);
  });

  it("points related codes only at codes that exist", () => {
    const dangling = entries.flatMap((e) =>
      (e.related ?? [])
        .map((ref) => (ref.includes(":") ? [ref.slice(0, ref.lastIndexOf(":")), ref.slice(ref.lastIndexOf(":") + 1)] : [e.catalog, ref]) as [string, string])
        .filter(([catalog, code]) => !find(catalog, Number(code)))
        .map(([catalog, code]) => `${e.catalog}:${e.code} -> ${catalog}:${code}`),
    );
    expect(dangling).toEqual([]);
  });

  it("flags source defects in notes instead of repeating them as truth", () => {
    // Descriptions copied from -29030's line.
    for (const code of [-29114, -29120, -29129]) {
      expect(find("tencent-cos-v4", code)!.notes?.join(" "), String(code)).toMatch(/cop(y|ied)|neighbou?r|same (text|description)/i);
    }
    expect(find("tencent-cos-v4", -296)!.notes?.join(" ")).toMatch(/truncat|cut off/i);
  });

  it("keeps disagreeing documents apart and says which says what", () => {
    for (const code of [-4020, -5991, -4019, -177]) {
      const entry = find("tencent-cos-v4", code)!;
      const docs = new Set(entry.definitions!.map((d) => d.doc));
      expect(docs.has("002"), String(code)).toBe(true);
      expect(entry.notes?.join(" "), String(code)).toMatch(/002/);
    }
  });

  it("carries the vendor's own advice into the guidance", () => {
    const advised = entries.filter((e) => e.definitions?.some((d) => d.text === "内部错误，联系官方处理"));
    expect(advised.length).toBeGreaterThan(50);
    const without = advised.filter((e) => !e.guidance!.includes("内部错误，联系官方处理") && !(e.notes ?? []).join(" ").includes("内部错误"));
    expect(without.map((e) => e.code)).toEqual([]);
  });

  it("gives the HTTP status for UpYun codes and COS backend HTTP codes", () => {
    expect(entries.filter((e) => e.catalog === "upyun" && e.http === undefined)).toEqual([]);
    expect(find("upyun", 40400001)!.http).toBe(404);
    expect(find("tencent-cos-v4", 413)!.http).toBe(413);
  });
});
