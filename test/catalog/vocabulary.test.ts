import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../../src/catalog/loader.js";
import { OTHER_TOPICS, OUT_OF_SCOPE } from "../../src/catalog/out-of-scope.js";

// Search vocabulary (issue 11): every built-in entry carries reviewed keywords in English and Chinese,
// and aliases only where another API (S3 / COS XML) has an error name meaning the same thing.
const entries = loadCatalogs([BUILTIN_CATALOG_DIR]).flatMap((c) => c.entries);
const id = (e: (typeof entries)[number]) => `${e.catalog}:${e.code}`;
const HAN = /\p{Script=Han}/u;
const isChinese = (k: string) => HAN.test(k);
const isEnglish = (k: string) => /[A-Za-z]/.test(k) && !HAN.test(k);
/** An S3-style error name: CamelCase words, capitals allowed for acronyms (InvalidURI, InvalidSHA1Digest). */
const S3_STYLE_NAME = /^[A-Z][a-z]+(?:[A-Z]+[a-z0-9]*|[0-9]+)+$/;

describe("search vocabulary of the built-in catalogs", () => {
  it("covers all three built-in catalogs", () => {
    expect(new Set(entries.map((e) => e.catalog))).toEqual(new Set(["tencent-cos-v4", "tencent-ci-image", "upyun"]));
  });

  it("gives every entry 4 to 14 keywords", () => {
    const off = entries.filter((e) => (e.keywords?.length ?? 0) < 4 || (e.keywords?.length ?? 0) > 14);
    expect(off.map((e) => `${id(e)} (${e.keywords?.length ?? 0})`)).toEqual([]);
  });

  it("gives every entry at least one English and one Chinese keyword", () => {
    expect(entries.filter((e) => !(e.keywords ?? []).some(isEnglish)).map(id)).toEqual([]);
    expect(entries.filter((e) => !(e.keywords ?? []).some(isChinese)).map(id)).toEqual([]);
  });

  it("keeps keywords short phrases, not repeated and not a copy of text the entry already has", () => {
    // Case and spacing only: a joined spelling (`secretid` for `secret id`) is a variant worth keeping.
    const squash = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
    const bad = entries.flatMap((e) => {
      const own = new Set([e.en, e.zh ?? "", ...(e.zh ?? "").split(" / "), ...(e.definitions ?? []).map((d) => d.text)].map(squash));
      const keywords = (e.keywords ?? []).map(squash);
      return (e.keywords ?? [])
        .filter((k, i) => k.length > 40 || keywords.indexOf(keywords[i]!) !== i || own.has(keywords[i]!))
        .map((k) => `${id(e)}: ${k}`);
    });
    expect(bad).toEqual([]);
  });

  it("uses no word that marks another topic (磁盘, login…): the catalogs using it would take it off the out-of-scope lists", () => {
    const han = [...OUT_OF_SCOPE].filter((w) => HAN.test(w));
    const english = new Set([...OTHER_TOPICS].filter((w) => !HAN.test(w)));
    const bad = entries.flatMap((e) =>
      (e.keywords ?? []).filter((k) => han.some((w) => k.includes(w)) || (k.toLowerCase().match(/[a-z0-9]+/g) ?? []).some((w) => english.has(w))).map((k) => `${id(e)}: ${k}`),
    );
    expect(bad).toEqual([]);
  });

  it("uses only CamelCase S3-style error names as aliases, never the entry's own symbols", () => {
    const bad = entries.flatMap((e) =>
      (e.aliases ?? []).filter((a) => !S3_STYLE_NAME.test(a) || e.symbols.includes(a)).map((a) => `${id(e)}: ${a}`),
    );
    expect(bad).toEqual([]);
  });

  it("the alias check itself tells S3 names from other words", () => {
    for (const name of ["NoSuchBucket", "SlowDown", "InvalidURI", "InvalidSHA1Digest", "AccessDenied"]) expect(S3_STYLE_NAME.test(name), name).toBe(true);
    for (const word of ["no such bucket", "ERR_NOT_FOUND", "nosuchbucket", "Access", "ACCESS_DENIED", "ErrNotSameSHA "]) expect(S3_STYLE_NAME.test(word), word).toBe(false);
  });
});
