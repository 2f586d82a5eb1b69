// The build-time snapshot of the built-in catalogs (dist/catalog-snapshot.json, made by `npm run build`):
// the same catalogs as parsing the YAML, used only while it matches the files, and no YAML or zod without team catalogs.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG_DIR, catalogFiles, loadCatalogs, parseBuiltinCatalogs } from "../../src/catalog/loader.js";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CatalogIndex } from "../../src/catalog/catalog-index.js";
import { preparedTextsFor, readSnapshot, SEARCH_SNAPSHOT_FILE, SNAPSHOT_FILE, snapshotOf } from "../../src/catalog/snapshot.js";

const files = catalogFiles([BUILTIN_CATALOG_DIR]);
const parsed = parseBuiltinCatalogs();

describe("the catalog snapshot", () => {
  it("the build wrote one that matches the catalog files, and it holds what parsing the YAML gives", () => {
    const fromSnapshot = readSnapshot(files, (name) => join("catalog", name));
    expect(fromSnapshot).toBeDefined();
    expect(fromSnapshot).toEqual(JSON.parse(JSON.stringify(parsed)));
    expect(loadCatalogs([BUILTIN_CATALOG_DIR])).toEqual(fromSnapshot);
  });

  it("is not used once a catalog file differs from the one it was made from", () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-snapshot-"));
    const copies = files.map((file) => {
      const copy = join(dir, file.split("/").pop()!);
      copyFileSync(file, copy);
      return copy;
    });
    const snapshot = join(dir, "snapshot.json");
    writeFileSync(snapshot, snapshotOf(copies, parsed).catalogs);
    expect(readSnapshot(copies, (name) => name, snapshot)).toHaveLength(parsed.length);
    writeFileSync(copies[0]!, "# edited\n", { flag: "a" });
    expect(readSnapshot(copies, (name) => name, snapshot)).toBeUndefined();
    expect(readSnapshot(copies.slice(1), (name) => name, snapshot)).toBeUndefined();
    expect(readSnapshot(copies, (name) => name, join(dir, "missing.json"))).toBeUndefined();
  });

  it("start-up loads neither YAML nor zod for the built-in catalogs, and both for a team catalog", () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-team-"));
    writeFileSync(join(dir, "payments.yaml"), "id: payments\nname: Payments API\nentries:\n  - code: 1001\n    en: The card was declined.\n");
    const probe = (extra: string[]) => {
      const script = `
        import { createRequire } from "node:module";
        const { Errcode } = await import("./dist/core/errcode.js");
        const errcode = Errcode.load(${JSON.stringify(extra)});
        const loaded = Object.keys(createRequire(import.meta.url).cache);
        console.log(JSON.stringify({ entries: errcode.index.entries.length, yaml: loaded.some((k) => k.includes("/node_modules/yaml/")), zod: loaded.some((k) => k.includes("/node_modules/zod/")) }));`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      return JSON.parse(run.stdout) as { entries: number; yaml: boolean; zod: boolean };
    };
    expect(SNAPSHOT_FILE).toMatch(/dist[/\\]catalog-snapshot\.json$/);
    const builtin = probe([]);
    expect(builtin).toEqual({ entries: parsed.reduce((n, c) => n + c.entries.length, 0), yaml: false, zod: false });
    expect(probe([dir])).toEqual({ entries: builtin.entries + 1, yaml: true, zod: true });
  });

  it("its build-time search terms give the same search as tokenizing the entries at start-up", () => {
    const fromSnapshot = new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR]));
    const tokenized = new CatalogIndex(parsed);
    const queries = (parse(readFileSync("test/fixtures/queries/train.yaml", "utf8")) as Array<{ q: string }>).map((q) => q.q);
    expect(queries.length).toBeGreaterThan(100);
    const answers = (index: CatalogIndex) => queries.map((q) => index.search(q).hits.map((h) => `${h.entry.catalog}:${h.entry.code}:${h.score.toFixed(9)}`));
    expect(answers(fromSnapshot)).toEqual(answers(tokenized));
    expect(JSON.parse(readFileSync(SEARCH_SNAPSHOT_FILE, "utf8")).texts).toHaveLength(parsed.length);
  });

  it("a team catalog that adds Chinese words has the built-in entries tokenized again with them", () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-team-zh-"));
    // 文件没有 is in built-in Chinese text but no built-in keyword: with it in the vocabulary, that text gains the word.
    writeFileSync(join(dir, "payments.yaml"), "id: payments\nname: Payments API\nentries:\n  - code: 1001\n    en: The card was declined.\n    keywords: [文件没有]\n");
    const withTeam = new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, dir]));
    const tokenized = new CatalogIndex([...parsed, ...loadCatalogs([dir])]);
    expect(withTeam.search("文件没有").hits.length).toBeGreaterThan(1);
    for (const q of ["文件没有", "签名过期了", "bucket不存在", "signature expired"]) {
      expect(withTeam.search(q).hits.map((h) => [h.entry.code, h.score])).toEqual(tokenized.search(q).hits.map((h) => [h.entry.code, h.score]));
    }
  });

  it("its build-time terms are not used once today's tokenizer would make them differently", () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-search-snapshot-"));
    const made = JSON.parse(snapshotOf(files, parsed).search) as { sources: Record<string, string>; texts: Array<Array<{ terms: string }>> };
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(made));
    expect(preparedTextsFor(made, parsed, good)).toBeDefined();
    // The first entry is always among those tokenized again: terms made by other code give themselves away.
    made.texts[0]![0]!.terms = made.texts[0]![0]!.terms.replace(/\S+/, "stale");
    const stale = join(dir, "stale.json");
    writeFileSync(stale, JSON.stringify(made));
    expect(preparedTextsFor(made, parsed, stale)).toBeUndefined();
    expect(preparedTextsFor({ sources: {} }, parsed, good)).toBeUndefined();
  });
});
