import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codeKey, compareCodes } from "../../src/catalog/code.js";
import { CatalogError } from "../../src/catalog/loader.js";
import { Errcode } from "../../src/core/errcode.js";
import { lookup } from "../../src/core/lookup.js";
import { parseQuery } from "../../src/core/query.js";
import { suggest } from "../../src/core/suggest.js";
import { run } from "../support/spawn.js";
import { renderTerminal } from "../../src/render/terminal.js";

const TEAM = fileURLToPath(new URL("../fixtures/team/payments.yaml", import.meta.url));
const errcode = Errcode.load([TEAM]);
const { index } = errcode;
const found = (query: string) => lookup(index, query).matches.map((m) => `${m.entry.catalog}:${m.entry.code}`);

describe("string codes", () => {
  it("are kept as written and keyed case-insensitively", () => {
    expect(index.byExactCode("pay-1001").map((e) => e.code)).toEqual(["PAY-1001"]);
    expect(codeKey("accessdenied")).toBe(codeKey("AccessDenied"));
    expect(codeKey("1001")).toBe(codeKey(1001));
    expect([..."b a".split(" "), -3, 7].sort(compareCodes)).toEqual([-3, 7, "a", "b"]);
  });

  it.each([
    ["PAY-1001", "payments:PAY-1001"],
    ["pay-1001", "payments:PAY-1001"],
    ["code: PAY-1001", "payments:PAY-1001"],
    ['"PAY-1001"', "payments:PAY-1001"],
    ["payments pay-1002", "payments:PAY-1002"],
    ["accessdenied", "payments:AccessDenied"],
    ["E1234", "payments:E1234"],
  ])("%j is a code lookup", (query, expected) => {
    const result = lookup(index, query);
    expect(result.parsed.kind).toBe("code");
    expect(found(query)).toEqual([expected]);
  });

  it("parses a token as a code only when a catalog has it", () => {
    const has = (t: string) => index.hasTokenCode(t);
    expect(parseQuery("PAY-1001", () => undefined, has)).toEqual({ kind: "code", code: "PAY-1001", signed: false });
    expect(parseQuery("PAY-9999", () => undefined, has).kind).toBe("text");
    expect(parseQuery("1001", () => undefined, has)).toMatchObject({ kind: "code", code: 1001 });
  });

  it("an integer code beside string codes still restores a dropped minus only where nothing has it", () => {
    expect(found("1001")).toEqual(["payments:1001"]);
  });

  it("autocompletes a typed prefix of a string code", () => {
    expect(suggest(index, "pay-10", { catalog: "payments" }).map((e) => e.code)).toEqual(expect.arrayContaining(["PAY-1001", "PAY-1002"]));
    expect(suggest(index, "PAY-100").map((e) => e.code)).toEqual(expect.arrayContaining(["PAY-1001", "PAY-1002"]));
  });

  it("offers close string codes for a near miss", () => {
    expect(index.closest("PAY-1003").map((e) => e.code)).toEqual(["PAY-1001", "PAY-1002"]);
    const near = lookup(index, "PAY-1003");
    expect([...near.matches.map((m) => m.entry), ...near.suggestions].map((e) => e.code)).toContain("PAY-1001");
  });

  it("resolves related codes written in another case and across catalogs", () => {
    const card = errcode.command("PAY-1001").cards[0]!;
    expect(card.title).toBe("PAY-1001 PAY_CARD_DECLINED");
    const related = card.sections.find((s) => s.title === "Related codes")!.text;
    expect(related).toContain("PAY-1002 PAY_CARD_EXPIRED: The card has expired.");
    expect(related).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE (Tencent Cloud COS (JSON API v4))");
    expect(renderTerminal(errcode.command("accessdenied"))).toContain("AccessDenied");
  });

  it("refuses a token with other characters, naming the field", () => {
    const error = (() => {
      try {
        Errcode.load([TEAM, fileURLToPath(new URL("../fixtures/team/bad-code.yaml", import.meta.url))]);
      } catch (e) {
        return e as CatalogError;
      }
    })();
    expect(error).toBeInstanceOf(CatalogError);
    expect(error!.message).toMatch(/bad-code\.yaml:5: entries\[0\]\.code: must be an integer or a code token/);
  });
});

describe("string codes through the CLI", () => {
  const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
  it("lookup --json keeps the code a string, as written", async () => {
    const { code, stdout } = await run(cli, ["lookup", "--json", "pay-1001"], { env: { CATALOG_PATHS: TEAM } });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { results: Array<{ code: string; catalog: string; owner: string }> };
    expect(json.results[0]).toMatchObject({ catalog: "payments", code: "PAY-1001" });
  });
});
