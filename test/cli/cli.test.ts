import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../support/spawn.js";

const CLI = "dist/cli.js";
const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe("errcode lookup", () => {
  it("--json prints one object, best first, with the contract's fields; exit 0", async () => {
    const result = await run(CLI, ["lookup", "--json", "-29036"]);
    expect(result.code).toBe(0);
    const out = json(result.stdout);
    expect(out.query).toBe("-29036");
    expect(out.results[0]).toMatchObject({ catalog: "tencent-cos-v4", code: "-29036", name: "ERR_DOWN_NOTFINISHED_FILE" });
    expect(out.results[0].en).toMatch(/upload/i);
    expect(out.results[0].zh).toContain("文件没上传完整");
    expect(out.results[0].guidance).toBeTruthy();
  });

  it("joins several words into one query and takes --catalog", async () => {
    const out = json((await run(CLI, ["lookup", "--catalog", "tencent-ci-image", "--json", "-197"])).stdout);
    expect(out.results.map((r: any) => r.catalog)).toEqual(["tencent-ci-image"]);
    const words = json((await run(CLI, ["lookup", "--json", "signature", "expired"])).stdout);
    expect(words.query).toBe("signature expired");
    expect(words.results.map((r: any) => r.code)).toContain("-96");
  });

  it("exits 1 when nothing matched, with suggestions", async () => {
    const result = await run(CLI, ["lookup", "--json", "-29937"]);
    expect(result.code).toBe(1);
    expect(json(result.stdout).results).toEqual([]);
    expect(json(result.stdout).suggestions.map((s: any) => s.code)).toContain("-29037");
  });

  it("exits 2 on a usage error", async () => {
    expect((await run(CLI, ["lookup"])).code).toBe(2);
    expect((await run(CLI, ["lookup", "--frobnicate", "1"])).code).toBe(2);
    expect((await run(CLI, ["lookup", "--catalog", "nope", "-1"])).code).toBe(2);
    expect((await run(CLI, ["explode"])).code).toBe(2);
  });

  it("prints a card for people without --json", async () => {
    const result = await run(CLI, ["lookup", "-29036"]);
    expect(result.stdout).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(result.stdout).toContain("What to do");
    expect(result.stdout).not.toContain("\u001b["); // no colour when not a terminal
  });
});

describe("errcode scan", () => {
  it("lists each (catalog, code) once with confidence and auto", async () => {
    const input = 'upload failed: {"code": -29036, "message": "ERR_DOWN_NOTFINISHED_FILE"}\nretry: {"code": -29036}\n';
    const result = await run(CLI, ["scan", "--json"], { input });
    expect(result.code).toBe(0);
    const detections = json(result.stdout).detections;
    expect(detections).toHaveLength(1);
    expect(detections[0]).toMatchObject({ catalog: "tencent-cos-v4", code: "-29036", auto: true });
    expect(detections[0].confidence).toBeGreaterThan(0.8);
    expect(detections[0].confidence).toBeLessThanOrEqual(1);
  });

  it("finds nothing in text without codes; exit 1", async () => {
    const result = await run(CLI, ["scan", "--json"], { input: "deployed v2.0.197 to 10.0.0.12:8080 at 2024-05-01T12:00:00Z\n" });
    expect(result.code).toBe(1);
    expect(json(result.stdout).detections).toEqual([]);
  });
});

describe("errcode catalog", () => {
  it("export --json prints every entry of every catalog", async () => {
    const entries = json((await run(CLI, ["catalog", "export", "--json"])).stdout) as unknown as any[];
    expect(entries).toHaveLength(876);
    for (const field of ["catalog", "code", "en", "zh", "guidance", "category", "retry", "definitions"]) expect(entries[0]).toHaveProperty(field);
  });

  it("check validates the built-in catalogs and custom paths", async () => {
    const ok = await run(CLI, ["catalog", "check"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok: 3 catalog\(s\), 876 entries/);
  });

  it("check exits non-zero naming file, line and field of the first error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-cli-"));
    const bad = join(dir, "team.yaml");
    writeFileSync(bad, "id: team\nname: Team\nentries:\n  - code: 12 x\n    en: Broken\n");
    const result = await run(CLI, ["catalog", "check", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/team\.yaml:4: entries\[0\]\.code: must be an integer or a code token/);
  });

  it("check loads custom catalogs beside the built-in ones, as start-up does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-cli-"));
    const clash = join(dir, "mine.yaml");
    writeFileSync(clash, "id: mine\nname: Mine\naliases: [upyun]\nentries:\n  - code: 1\n    en: One\n");
    const result = await run(CLI, ["catalog", "check", clash]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mine\.yaml:3: aliases\[0\]: "upyun" already names catalog upyun/);
    const good = join(dir, "good.yaml");
    writeFileSync(good, "id: good\nname: Good\nentries:\n  - code: 1\n    en: One\n");
    expect((await run(CLI, ["catalog", "check", good])).stdout).toMatch(/ok: 4 catalog\(s\), 877 entries in 4 file\(s\)/);
  });

  it("adds CATALOG_PATHS catalogs to lookups, with owner and runbook on the card", async () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-cli-"));
    writeFileSync(
      join(dir, "payments.yaml"),
      "id: payments\nname: Payments API\nowner: '@pay-oncall'\nrunbook: https://runbooks.example.com/pay\nentries:\n  - code: -29036\n    en: Our gateway timed out.\n",
    );
    const out = json((await run(CLI, ["lookup", "--json", "-29036"], { env: { CATALOG_PATHS: dir } })).stdout);
    expect(out.results.map((r: any) => r.catalog)).toEqual(expect.arrayContaining(["tencent-cos-v4", "payments"]));
    const card = (await run(CLI, ["lookup", "payments", "-29036"], { env: { CATALOG_PATHS: dir } })).stdout;
    expect(card).toContain("Owner: @pay-oncall");
    expect(card).toContain("Runbook: https://runbooks.example.com/pay");
  });
});
