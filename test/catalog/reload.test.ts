import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { lookup } from "../../src/core/lookup.js";
import { catalogReloader, type CatalogReloader } from "../../src/core/reload.js";
import { until } from "../support/wait.js";

const catalog = (codes: string[]) =>
  ["id: payments", "name: Payments API", "entries:", ...codes.flatMap((code) => [`  - code: ${code}`, `    en: Meaning of ${code}.`])].join("\n") + "\n";
const BROKEN = "id: payments\nname: Payments API\nentries:\n  - code: PAY 3003\n    en: oops\n";

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), "errcode-reload-"));
  const file = join(dir, "payments.yaml");
  writeFileSync(file, catalog(["PAY-1001"]));
  const errcode = Errcode.load([dir]);
  const logs: Array<{ level: "info" | "error"; details: Record<string, unknown>; message: string }> = [];
  const logger = {
    info: (details: object, message: string) => logs.push({ level: "info", details: details as Record<string, unknown>, message }),
    error: (details: object, message: string) => logs.push({ level: "error", details: details as Record<string, unknown>, message }),
  };
  return { dir, file, errcode, logs, logger };
}

const finds = (errcode: Errcode, code: string) => lookup(errcode.index, code).matches.some((m) => m.entry.code === code);

let reloader: CatalogReloader | undefined;
afterEach(() => reloader?.close());

describe("live reload of CATALOG_PATHS", () => {
  it("picks up a new code within 2 s of the file changing, swapping the whole index", async () => {
    const { file, errcode, logger, logs } = setUp();
    reloader = catalogReloader(errcode, [file], logger);
    const before = errcode.index;
    expect(finds(errcode, "PAY-2002")).toBe(false);
    writeFileSync(file, catalog(["PAY-1001", "PAY-2002"]));
    await until(() => (finds(errcode, "PAY-2002") ? true : undefined), 2000, "PAY-2002 to be loaded");
    expect(errcode.index).not.toBe(before);
    // A request that started with the old index finishes with it: the old index is untouched.
    expect(before.byExactCode("PAY-2002")).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ level: "info", message: "catalogs reloaded" });
  });

  it("keeps the old catalog in service on a broken edit, and logs why", async () => {
    const { dir, file, errcode, logger, logs } = setUp();
    reloader = catalogReloader(errcode, [dir], logger);
    const before = errcode.index;
    writeFileSync(file, BROKEN);
    const refused = await until(() => logs.find((l) => l.level === "error"), 2000, "the refusal to be logged");
    expect(refused.message).toBe("catalog reload refused; the catalogs already loaded stay in service");
    expect(refused.details.problem).toMatch(/payments\.yaml:4: entries\[0\]\.code: must be an integer or a code token/);
    expect(errcode.index).toBe(before);
    expect(finds(errcode, "PAY-1001")).toBe(true);
    // Fixing the file puts the fixed version in service.
    writeFileSync(file, catalog(["PAY-1001", "PAY-3003"]));
    await until(() => (finds(errcode, "PAY-3003") ? true : undefined), 2000, "the fixed catalog to be loaded");
  });

  it("ignores files in a watched folder that are not catalogs", async () => {
    const { dir, errcode, logger, logs } = setUp();
    reloader = catalogReloader(errcode, [dir], logger, { debounceMs: 20 });
    writeFileSync(join(dir, "notes.txt"), "not a catalog");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logs).toEqual([]);
  });

  it("reloads on SIGHUP", () => {
    const { file, errcode, logger } = setUp();
    reloader = catalogReloader(errcode, [], logger);
    writeFileSync(file, catalog(["PAY-1001", "PAY-4004"]));
    process.emit("SIGHUP", "SIGHUP");
    expect(finds(errcode, "PAY-4004")).toBe(true);
  });
});

describe("the built bot", () => {
  it("answers with a code added to its catalog after kill -HUP, and survives a broken edit", async () => {
    const { dir, file } = setUp();
    const child = spawn(process.execPath, ["dist/main.js"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CATALOG_PATHS: dir, ADAPTERS: "shell" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      // Piped, `/errcode` takes the lines pasted with it up to a blank line: end each command with one.
      child.stdin.write("/errcode PAY-1001\n\n");
      await until(() => (stdout.includes("PAY-1001") ? true : undefined), 15_000, "the first answer");
      writeFileSync(file, BROKEN);
      await until(() => (stderr.includes("catalog reload refused") ? true : undefined), 5000, "the refusal");
      child.stdin.write("/errcode pay-1001\n\n");
      await until(() => (stdout.split("Meaning of PAY-1001.").length > 2 ? true : undefined), 5000, "the old catalog to answer");
      writeFileSync(file, catalog(["PAY-1001", "PAY-5005"]));
      child.kill("SIGHUP");
      await until(async () => {
        child.stdin.write("/errcode PAY-5005\n\n");
        await new Promise((resolve) => setTimeout(resolve, 200));
        return stdout.includes("Meaning of PAY-5005.") ? true : undefined;
      }, 5000, "the new code");
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.on("close", resolve));
    }
    expect(stderr).not.toMatch(/Error:|at .*\.js:\d+/);
  }, 40_000);
});
