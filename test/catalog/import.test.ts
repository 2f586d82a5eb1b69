import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCatalog, type ImportFormat } from "../../src/catalog/import/index.js";
import { parseCatalog } from "../../src/catalog/loader.js";
import { run } from "../support/spawn.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const source = (name: string) => readFileSync(fixture(name), "utf8");
const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

function entriesOf(format: ImportFormat, name: string) {
  const { yaml, warnings } = importCatalog(format, source(name), { id: "payments" });
  return { entries: parseCatalog("payments.yaml", yaml).data.entries, warnings };
}

describe("catalog import", () => {
  it("reads a CSV whatever its column names, Chinese text into zh, skipping what is no code", () => {
    const { entries, warnings } = entriesOf("csv", "payments.csv");
    expect(entries.map((e) => e.code)).toEqual(["PAY-1001", "PAY-1002", "E1234", 1001]);
    expect(entries[0]).toMatchObject({ name: "PAY_CARD_DECLINED", en: "The card issuer declined the charge, see the issuer's reason.", http: 402, guidance: "Ask the customer for another card." });
    expect(entries[1]).toMatchObject({ zh: "卡已过期", en: "Pay card expired." });
    expect(warnings).toEqual([expect.stringMatching(/line 6: "not a code" is not a code/), "code PAY-1001 appears again; the first one is kept"]);
  });

  it("reads every Markdown table of a page, with escaped pipes and code spans", () => {
    const { entries } = entriesOf("markdown", "payments.md");
    expect(entries.map((e) => e.code)).toEqual(["PAY-1001", "PAY-1002", -7, "AccessDenied"]);
    expect(entries[2]!.en).toBe("The ledger did not answer | timed out.");
  });

  it.each([
    ["payments.java", ["PAY-1001", "PAY-1002", 1234], "The card issuer declined the charge."],
    ["payments.h", [0, -1001, -1000, -7], "The card issuer declined the charge."],
    ["payments.ts", ["PAY-1001", "PAY-1002", 7], "The card issuer declined the charge."],
    ["payments.go", [1001, 1002, 1003], "The card issuer declined the charge."],
  ])("reads the enum in %s: values, implicit increments, comments as meanings", (name, codes, first) => {
    const { entries } = entriesOf("enum", name);
    expect(entries.map((e) => e.code)).toEqual(codes);
    expect(entries.find((e) => e.en === first)).toBeDefined();
  });

  it("says clearly when a file holds nothing it can read", () => {
    expect(() => importCatalog("markdown", "no tables here", { id: "x" })).toThrow(/no table found/);
    expect(() => importCatalog("csv", "a,b\n1,2\n", { id: "x" })).toThrow(/no code column/);
    expect(() => importCatalog("enum", "int main() {}", { id: "x" })).toThrow(/no `enum X/);
  });
});

describe("catalog import then catalog check (the built program)", () => {
  it.each([
    ["csv", "payments.csv", 4],
    ["markdown", "payments.md", 4],
    ["enum", "payments.java", 3],
  ])("--from %s round-trips through catalog check", async (format, name, count) => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-import-"));
    const out = join(dir, `team-${format}.yaml`);
    const imported = await run(cli, ["catalog", "import", "--from", format, "--id", `team-${format}`, "--out", out, fixture(name)]);
    expect(imported.stderr).toContain(`wrote ${out}: ${count} codes`);
    expect(imported.code).toBe(0);
    const checked = await run(cli, ["catalog", "check", out]);
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toMatch(/^ok: 4 catalog\(s\)/);
    expect(checked.code).toBe(0);
    const again = await run(cli, ["catalog", "import", "--from", format, "--id", `team-${format}`, "--out", out, fixture(name)]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  }, 60_000);

  it("refuses an id the schema refuses, and an unknown format, with exit 2", async () => {
    const bad = await run(cli, ["catalog", "import", "--from", "csv", "--id", "Bad Id", fixture("payments.csv")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/id: must be lower-case letters, digits and dashes/);
    const dir = mkdtempSync(join(tmpdir(), "errcode-import-"));
    writeFileSync(join(dir, "x.xls"), "");
    const format = await run(cli, ["catalog", "import", "--from", "xls", "--id", "x", join(dir, "x.xls")]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--from must be one of csv, markdown, enum/);
  }, 60_000);
});
