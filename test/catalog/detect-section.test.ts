import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError, loadCatalogs } from "../../src/catalog/loader.js";
import { unsafePatternReason } from "../../src/catalog/safe-pattern.js";

const dir = mkdtempSync(join(tmpdir(), "errcode-detect-"));
const catalog = (detect: string, code = "PAY-1001") => `id: payments\nname: Payments\n${detect}entries:\n  - code: ${code}\n    en: Declined.\n`;

function problem(text: string): string {
  const file = join(dir, "payments.yaml");
  writeFileSync(file, text);
  try {
    loadCatalogs([file]);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return (error as CatalogError).message;
  }
  return "loaded";
}

describe("a catalog's detect section", () => {
  it("loads words, keys and a safe pattern", () => {
    expect(problem(catalog("detect:\n  words: [payments-api, pay.internal]\n  keys: [errorCode]\n  pattern: 'PAY-\\d{4}'\n"))).toBe("loaded");
  });

  it.each([
    ["(a+)+", /nest quantifiers/],
    ["(\\w*x)*y", /nest quantifiers/],
    ["(a)\\1", /backreferences/],
    ["x(?=y)", /lookarounds/],
    ["[", /not a valid regular expression/],
    ["a".repeat(201), /at most 200 characters/],
  ])("refuses the pattern %j", (pattern, reason) => {
    expect(unsafePatternReason(pattern)).toMatch(reason);
    expect(problem(catalog(`detect:\n  pattern: '${pattern}'\n`))).toMatch(/payments\.yaml:4: detect\.pattern: /);
  });

  it("accepts patterns without nested repetition", () => {
    for (const pattern of ["PAY-\\d{4}", "(?:PAY|REF)-\\d{1,6}", "([A-Z]+)?-\\d+", "(ab)+", "[(a+)]+"]) expect(unsafePatternReason(pattern)).toBeUndefined();
  });

  it("refuses a code the pattern does not match, naming the entry", () => {
    expect(problem(catalog("detect:\n  pattern: 'PAY-\\d{4}'\n", "REF-1"))).toMatch(/payments\.yaml:6: entries\[0\]\.code: REF-1 does not match detect\.pattern/);
  });

  it("refuses unknown fields and keys that are no field names", () => {
    expect(problem(catalog("detect:\n  hosts: [a]\n"))).toMatch(/detect: unknown field "hosts"/);
    expect(problem(catalog("detect:\n  keys: ['error code']\n"))).toMatch(/detect\.keys\[0\]: must be a field name/);
  });
});

describe("the README's custom catalog example", () => {
  it("loads as written, string code, detect section and all", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    const example = readme.slice(readme.indexOf("## Custom catalogs")).match(/```yaml\n([\s\S]*?)```/)![1]!;
    expect(problem(example)).toBe("loaded");
  });
});
