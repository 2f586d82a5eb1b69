import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOG_LIMITS, CatalogError, loadCatalogs } from "../../src/catalog/loader.js";
import { run } from "../support/spawn.js";

/** Loading every catalog into the index takes seconds on a busy shared machine; these runs are not about speed. */
const SLOW = 40_000;
const dir = mkdtempSync(join(tmpdir(), "errcode-limits-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): CatalogError {
  try {
    loadCatalogs([path]);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error("expected the catalog to be rejected");
}

const entry = (code: number, en: string) => `  - code: ${code}\n    en: ${en}\n`;

/** The classic "billion laughs": nine levels of ten aliases each. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const prev = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  return `id: bomb\nname: Bomb\n${lines.map((l) => `x${l}`).join("\n")}\nentries:\n${entry(1, "x")}`;
}

describe("catalog files are loaded within limits, and every refusal names the file", () => {
  it("an empty file says it is empty", () => {
    expect(errorOf(file("empty.yaml", "")).message).toMatch(/empty\.yaml: the file is empty/);
    expect(errorOf(file("comments.yaml", "# nothing here yet\n")).message).toMatch(/comments\.yaml:1: must be a mapping with id, name and entries, not an empty document/);
    expect(errorOf(file("list.yaml", "- 1\n- 2\n")).message).toMatch(/list\.yaml:1: must be a mapping .* not a list/);
  });

  it("a symbolic link loop is called one, as a file and inside a folder", () => {
    const folder = mkdtempSync(join(tmpdir(), "errcode-loop-"));
    symlinkSync(join(folder, "b.yaml"), join(folder, "a.yaml"));
    symlinkSync(join(folder, "a.yaml"), join(folder, "b.yaml"));
    expect(errorOf(join(folder, "a.yaml")).message).toMatch(/a\.yaml: symbolic link loop/);
    expect(errorOf(folder).message).toMatch(/a\.yaml: symbolic link loop/);
  });

  it("an alias bomb is refused, naming the file, without expanding it", () => {
    const error = errorOf(file("bomb.yaml", aliasBomb()));
    expect(error.message).toMatch(/bomb\.yaml: YAML aliases: .*at most 100 alias expansions/);
  });

  it("a few aliases are still fine", () => {
    const text = `id: anchors\nname: Anchors\nentries:\n  - &first\n    code: 1\n    en: One.\n  - code: 2\n    en: Two.\n    guidance: &g Retry.\n  - code: 3\n    en: Three.\n    guidance: *g\n`;
    expect(loadCatalogs([file("anchors.yaml", text)])[0]!.entries.map((e) => e.guidance)).toEqual([undefined, "Retry.", "Retry."]);
  });

  it("a huge string is refused with its file, line and field", () => {
    const text = `id: huge\nname: Huge\nentries:\n${entry(1, "fine")}${entry(2, "x".repeat(200_000))}`;
    expect(errorOf(file("huge.yaml", text)).message).toBe(`${join(dir, "huge.yaml").replace(process.cwd() + "/", "")}:7: entries[1].en: a text of 200000 characters; at most ${CATALOG_LIMITS.stringChars} are allowed`);
  });

  it("a file over the size limit is refused before it is read, valid or not", () => {
    const big = `id: big\nname: Big\nentries:\n${"  - code: 1\n    en: x\n".repeat(Math.ceil(CATALOG_LIMITS.fileBytes / 20))}`;
    const limit = `at most ${CATALOG_LIMITS.fileBytes.toLocaleString("en-US")} bytes`;
    expect(errorOf(file("big.yaml", big)).message).toContain(`big.yaml: is ${Buffer.byteLength(big).toLocaleString("en-US")} bytes; a catalog file may be ${limit}`);
    const invalid = `id: bad\n  name: [unclosed\n${"x".repeat(5 * 1024 * 1024)}`;
    expect(errorOf(file("invalid-5mb.yaml", invalid)).message).toContain(`invalid-5mb.yaml: is ${Buffer.byteLength(invalid).toLocaleString("en-US")} bytes; a catalog file may be ${limit}`);
  });
});

describe("catalog check refuses what start-up refuses", () => {
  it("a huge string fails the check (exit 2, file named) instead of passing and crashing start-up", async () => {
    const path = file("huge-check.yaml", `id: hugecheck\nname: Huge\nentries:\n${entry(1, "y".repeat(100_000))}`);
    const result = await run("dist/cli.js", ["catalog", "check", path], { timeoutMs: SLOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/catalog error: .*huge-check\.yaml:5: entries\[0\]\.en: a text of 100000 characters/);
  }, 60_000);

  it("an alias bomb fails the check with exit 2 and one line naming the file, not a stack trace", async () => {
    const result = await run("dist/cli.js", ["catalog", "check", file("bomb-check.yaml", aliasBomb())], { timeoutMs: SLOW });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^catalog error: .*bomb-check\.yaml: YAML aliases/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a valid custom catalog still passes", async () => {
    const result = await run("dist/cli.js", ["catalog", "check", file("ok.yaml", `id: okcat\nname: Ok\nentries:\n${entry(7, "Seven.")}`)], { timeoutMs: SLOW });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^ok: 4 catalog\(s\), \d+ entries in 4 file\(s\)/);
    expect(result.code).toBe(0);
  }, 60_000);

  it("the built-in folder named on the command line is counted once", async () => {
    const result = await run("dist/cli.js", ["catalog", "check", "catalog"], { timeoutMs: SLOW });
    expect(result.stdout).toMatch(/^ok: 3 catalog\(s\), \d+ entries in 3 file\(s\)/);
  }, 60_000);
});

describe("malformed nesting gets a syntax error naming the file, never a stack overflow", () => {
  it("a million open brackets are refused at once", () => {
    const text = `id: deep\nname: Deep\nentries: ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}\n`;
    expect(errorOf(file("deep.yaml", text)).message).toMatch(/deep\.yaml:3: more than 64 nested \[ or \{/);
  });

  it("text that sends the YAML parser past the stack is a syntax error", () => {
    const text = `id: bad\n  name: [unclosed\n${"  - code: 1\n    en: x\n".repeat(15_000)}`;
    expect(errorOf(file("overflow.yaml", text)).message).toMatch(/overflow\.yaml: syntax error/);
  });
});
