import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogError, loadCatalogs } from "../../src/catalog/loader.js";

const dir = mkdtempSync(join(tmpdir(), "errcode-catalogs-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `id: payments
name: Payments API
owner: "@payments-oncall"
runbook: https://wiki.example.com/payments
entries:
  - code: 1001
    name: PAY_CARD_DECLINED
    en: The card issuer declined the charge.
    guidance: Ask the customer for another card.
    category: invalid-request
    retry: after-fix
  - code: -7
    name: PAY_LEDGER_TIMEOUT
    en: The ledger did not answer in time.
    owner: "@ledger"
    runbook: https://wiki.example.com/ledger
`;

function errorOf(text: string, name = "bad.yaml"): CatalogError {
  try {
    loadCatalogs([file(name, text)]);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error("expected the catalog to be rejected");
}

describe("loading a custom catalog", () => {
  it("loads entries and inherits owner and runbook from the catalog", () => {
    const [catalog] = loadCatalogs([file("payments.yaml", VALID)]);
    expect(catalog!.id).toBe("payments");
    expect(catalog!.entries.map((e) => [e.code, e.owner, e.runbook])).toEqual([
      [1001, "@payments-oncall", "https://wiki.example.com/payments"],
      [-7, "@ledger", "https://wiki.example.com/ledger"],
    ]);
  });

  it("reads JSON catalogs with the same schema", () => {
    const json = JSON.stringify({ id: "search", name: "Search", entries: [{ code: 5, en: "Index is rebuilding." }] });
    expect(loadCatalogs([file("search.json", json)])[0]!.entries[0]!.en).toBe("Index is rebuilding.");
  });

  it("loads every catalog file of a folder", () => {
    const folder = mkdtempSync(join(tmpdir(), "errcode-folder-"));
    writeFileSync(join(folder, "a.yaml"), VALID);
    writeFileSync(join(folder, "b.yml"), VALID.replace("id: payments", "id: billing"));
    writeFileSync(join(folder, "notes.txt"), "not a catalog");
    expect(loadCatalogs([folder]).map((c) => c.id)).toEqual(["payments", "billing"]);
  });
});

describe("a malformed catalog stops the load with file, line and field", () => {
  it("bad YAML syntax", () => {
    const error = errorOf("id: x\nname: X\nentries:\n  - code: 1\n    en: [unclosed\n", "syntax.yaml");
    expect(error.message).toMatch(/syntax\.yaml:\d+: syntax error/);
    expect(error.line).toBeGreaterThanOrEqual(5);
  });

  it("a missing required field", () => {
    const error = errorOf(VALID.replace("    en: The card issuer declined the charge.\n", ""), "missing.yaml");
    expect(error.field).toBe("entries[0].en");
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/missing\.yaml:6: entries\[0\]\.en: is required/);
  });

  it("a code that is neither an integer nor a code token", () => {
    const text = VALID.replace("code: -7", 'code: "-7x"');
    const error = errorOf(text, "code.yaml");
    expect(error.field).toBe("entries[1].code");
    expect(error.line).toBe(text.split("\n").findIndex((l) => l.includes('"-7x"')) + 1);
    expect(error.message).toMatch(/entries\[1\]\.code: must be an integer or a code token/);
  });

  it("a fractional code", () => {
    expect(errorOf(VALID.replace("code: -7", "code: -7.5")).message).toMatch(/entries\[1\]\.code: must be an integer or a code token/);
  });

  it("the same code twice in one catalog", () => {
    const text = VALID.replace("code: -7", "code: 1001");
    const error = errorOf(text, "dup.yaml");
    expect(error.field).toBe("entries[1].code");
    expect(error.line).toBe(12);
    expect(error.message).toMatch(/code 1001 is already defined by entries\[0\]/);
  });

  it("the same catalog id in two files", () => {
    const first = file("one.yaml", VALID);
    const second = file("two.yaml", VALID);
    try {
      loadCatalogs([first, second]);
      throw new Error("expected rejection");
    } catch (error) {
      expect((error as CatalogError).message).toMatch(/two\.yaml:1: id: catalog id "payments" is already used by .*one\.yaml/);
    }
  });

  it("an alias that another catalog already answers to", () => {
    const first = file("first.yaml", VALID.replace("name: Payments API", "name: Payments API\naliases: [pay]"));
    const second = file("second.yaml", VALID.replace("id: payments", "id: billing").replace("name: Payments API", "name: Billing\naliases: [invoices, pay]"));
    try {
      loadCatalogs([first, second]);
      throw new Error("expected rejection");
    } catch (error) {
      expect((error as CatalogError).message).toMatch(/second\.yaml:3: aliases\[1\]: "pay" already names catalog payments/);
    }
  });

  it("an id or alias that would swallow a query word or a code", () => {
    expect(errorOf(VALID.replace("id: payments", "id: code")).message).toMatch(/bad\.yaml:1: id: "code" is a query word/);
    expect(errorOf(VALID.replace("name: Payments API", "name: Payments API\naliases: [\"404\"]")).message).toMatch(/aliases\[0\]: "404" looks like a code/);
  });

  it("an unknown field (a typo must not be silently ignored)", () => {
    const text = VALID.replace("    guidance:", "    guidence:");
    const error = errorOf(text);
    expect(error.message).toMatch(/entries\[0\]: unknown field "guidence"/);
    // The line of the unknown field itself, not of the entry it sits in.
    expect(error.line).toBe(text.split("\n").findIndex((line) => line.includes("guidence:")) + 1);
    expect(text.split("\n").findIndex((line) => line.includes("guidence:")) + 1).not.toBe(text.split("\n").findIndex((line) => line.includes("- code:")) + 1);
  });

  it("a category outside the fixed set", () => {
    expect(errorOf(VALID.replace("category: invalid-request", "category: oops")).field).toBe("entries[0].category");
  });

  it("a runbook that is not a URL", () => {
    expect(errorOf(VALID.replace("runbook: https://wiki.example.com/ledger", "runbook: see wiki")).message).toMatch(/entries\[1\]\.runbook: must be an http\(s\) URL/);
  });

  it("a runbook link that is not http(s), such as javascript:", () => {
    expect(errorOf(VALID.replace("runbook: https://wiki.example.com/payments", "runbook: javascript:alert(1)")).field).toBe("runbook");
  });

  it("no entries at all", () => {
    expect(errorOf("id: empty\nname: Empty\nentries: []\n").message).toMatch(/entries: must hold at least one entry/);
  });

  it("a file that does not exist", () => {
    expect(() => loadCatalogs([join(dir, "nope.yaml")])).toThrow(/nope\.yaml: no such file or folder/);
  });

  it("nothing half-loaded: one bad file fails the whole load", () => {
    const good = file("good.yaml", VALID.replace("id: payments", "id: good"));
    const bad = file("bad2.yaml", "id: bad\nname: Bad\nentries:\n  - code: one two\n    en: x\n");
    expect(() => loadCatalogs([good, bad])).toThrow(CatalogError);
  });
});
