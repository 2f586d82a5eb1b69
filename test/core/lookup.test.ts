import { describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { lookup } from "../../src/core/lookup.js";
import { parseQuery } from "../../src/core/query.js";

const { index } = Errcode.load();
const top = (query: string, catalog?: string) => lookup(index, query, { catalog }).matches.map((m) => `${m.entry.catalog}:${m.entry.code}`);

describe("a code, in any spelling people paste", () => {
  it.each([
    ["-29036"],
    ["29036"],
    ["\u221229036"],
    ["\uFF0D29036"],
    ["\uFF0D\uFF12\uFF19\uFF10\uFF13\uFF16"],
    ["  -29036  "],
    ["code -29036"],
    ["code: -29036"],
    ["errno=-29036"],
    ["X-ErrNo: -29036"],
    ['"code": -29036'],
    ["error code -29036"],
    ["错误码：-29036"],
  ])("%j finds -29036 ERR_DOWN_NOTFINISHED_FILE", (query) => {
    const result = lookup(index, query);
    expect(result.matches[0]?.entry.code).toBe(-29036);
    expect(result.matches[0]?.entry.name).toBe("ERR_DOWN_NOTFINISHED_FILE");
    expect(result.matches[0]?.via).toBe("code");
  });

  it("keeps a positive code when a catalog has it, instead of flipping the sign", () => {
    expect(top("40400001")).toEqual(["upyun:40400001"]);
    expect(top("413")).toEqual(["tencent-cos-v4:413"]);
  });

  it("puts the vendor's code before the HTTP status pasted with it, and still answers a status alone", () => {
    expect(top('HTTP/1.1 403 Forbidden {"code":40300011}')[0]).toBe("upyun:40300011");
    expect(top("upload fails: 403 forbidden")[0]).toBe("tencent-cos-v4:403");
  });

  it("reads -0 and 0 as the success code", () => {
    expect(top("-0")).toEqual(["tencent-cos-v4:0"]);
  });

  it("returns every catalog that defines a code, best documented first", () => {
    expect(top("-6101").sort()).toEqual(["tencent-ci-image:-6101", "tencent-cos-v4:-6101"]);
    expect(top("-96")).toEqual(["tencent-cos-v4:-96", "tencent-ci-image:-96"]);
  });
});

describe("scoping by a catalog word in front", () => {
  it.each([
    ["upyun 40100006", ["upyun:40100006"]],
    ["cos -197", ["tencent-cos-v4:-197"]],
    ["image -6101", ["tencent-ci-image:-6101"]],
    ["又拍云 40400001", ["upyun:40400001"]],
  ])("%j", (query, expected) => {
    expect(top(query)).toEqual(expected);
  });

  it("scopes by --catalog too", () => {
    expect(top("-197", "tencent-ci-image")).toEqual(["tencent-ci-image:-197"]);
  });

  it("parses the scope word out of the query", () => {
    expect(parseQuery("upyun 40100006", (w) => index.catalogFor(w))).toEqual({ kind: "code", code: 40100006, signed: false, catalog: "upyun" });
    // An alias written as two words (`cos-v4` typed `cos v4`) is one scope, and the code after it keeps its minus.
    expect(parseQuery("cos v4 166", (w) => index.catalogFor(w))).toEqual({ kind: "code", code: 166, signed: false, catalog: "tencent-cos-v4" });
    expect(lookup(index, "cos v4 166").matches.map((m) => `${m.entry.catalog}:${m.entry.code}`)).toEqual(["tencent-cos-v4:-166"]);
  });
});

describe("a symbol", () => {
  it.each(["ERR_DOWN_NOTFINISHED_FILE", "err_down_notfinished_file", "Err_Down_NotFinished_File"])("%j exactly, any case", (query) => {
    const result = lookup(index, query);
    expect(result.matches.map((m) => [m.entry.code, m.via])).toEqual([[-29036, "symbol"]]);
  });

  it("a unique part of one", () => {
    const result = lookup(index, "NOTFINISHED_FILE");
    expect(result.matches.map((m) => [m.entry.code, m.via])).toEqual([[-29036, "symbol-part"]]);
  });

  it("a part shared by several symbols returns them all, closest fit first", () => {
    const codes = lookup(index, "PROXY_AUTH").matches.map((m) => m.entry.symbols[0]);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.every((s) => s?.includes("PROXY_AUTH"))).toBe(true);
  });

  it("an UpYun message", () => {
    const result = lookup(index, "file or directory not found");
    expect(result.matches[0]).toMatchObject({ via: "message", entry: { catalog: "upyun", code: 40400001 } });
  });

  it("a symbol defined twice in one module finds its code", () => {
    expect(top("COS_TEMP_USRIDX_TIMEOUT_ERR")).toEqual(["tencent-cos-v4:-46024"]);
    expect(top("ERR_NOVALID_TMASTER")).toEqual(["tencent-cos-v4:-29090"]);
  });
});

describe("free text, English or Chinese, ranked", () => {
  it.each([
    ["signature expired", [-96, -46619, -29042]],
    ["签名过期", [-96, -46619]],
    ["bucket not empty", [-46624]],
    ["bucket does not exist", [-133, -46629]],
    ["file not fully uploaded", [-29036]],
  ])("%j ranks the expected codes near the top", (query, expected) => {
    const codes = lookup(index, query).matches.slice(0, 6).map((m) => m.entry.code);
    for (const code of expected) expect(codes, `${query} -> ${codes.join(",")}`).toContain(code);
  });

  it("ranks best first", () => {
    const scores = lookup(index, "signature expired").matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("scopes free text by a catalog word", () => {
    const result = lookup(index, "upyun signature");
    expect(result.matches.length).toBeGreaterThan(0);
    expect(result.matches.every((m) => m.entry.catalog === "upyun")).toBe(true);
  });
});

describe("no match", () => {
  it("offers the closest codes for a code nobody defines", () => {
    const result = lookup(index, "-29937");
    expect(result.matches).toEqual([]);
    expect(result.suggestions.map((e) => e.code)).toContain(-29037);
  });

  it("finds a symbol with a typo or two in it", () => {
    const result = lookup(index, "ERR_DOWN_NOTFINISHD_FILE");
    expect(result.matches.map((m) => [m.entry.code, m.via])).toEqual([[-29036, "symbol-typo"]]);
  });

  it("offers the closest symbols for a symbol too misspelt to be a match", () => {
    const result = lookup(index, "ERR_DOWN_NOTFINSHD_FLE");
    expect(result.matches).toEqual([]);
    expect(result.suggestions[0]?.code).toBe(-29036);
  });

  it("offers nothing for nonsense rather than something random", () => {
    const result = lookup(index, "zzzz");
    expect(result.matches).toEqual([]);
    expect(result.suggestions).toEqual([]);
  });
});

describe("suggestions while typing", () => {
  it("offers codes that start with the typed digits, shortest first", async () => {
    const { suggest } = await import("../../src/core/suggest.js");
    const codes = suggest(index, "-2903").map((e) => String(e.code));
    const prefixed = codes.filter((c) => c.startsWith("-2903"));
    expect(prefixed).toContain("-29036");
    expect(codes.slice(0, prefixed.length)).toEqual(prefixed);
  });

  it("puts an exact match first, respects the catalog and the limit", async () => {
    const { suggest } = await import("../../src/core/suggest.js");
    expect(suggest(index, "-29036")[0]!.code).toBe(-29036);
    expect(suggest(index, "40", { catalog: "upyun", limit: 7 }).map((e) => e.catalog)).toEqual(Array(7).fill("upyun"));
    expect(suggest(index, "")).toEqual([]);
  });
});
