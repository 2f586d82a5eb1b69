// The CLI as a new user meets it: --help everywhere, scan with arguments, a code asked in the wrong catalog.
import { describe, expect, it } from "vitest";
import { run } from "../support/spawn.js";

const CLI = "dist/cli.js";

describe("errcode <command> --help", () => {
  const cases: Array<[string[], string]> = [
    [["lookup", "--help"], "usage: errcode lookup"],
    [["lookup", "-h"], "usage: errcode lookup"],
    [["lookup", "-29036", "--help"], "usage: errcode lookup"],
    [["scan", "--help"], "usage: errcode scan"],
    [["catalog", "--help"], "errcode catalog export"],
    [["catalog", "export", "--help"], "errcode catalog export"],
    [["catalog", "check", "--help"], "errcode catalog check"],
    [["--help"], "errcode <command> --help"],
  ];
  for (const [args, usage] of cases) {
    it(`${args.join(" ")}: its usage on stdout, exit 0`, async () => {
      const result = await run(CLI, args);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(usage);
    });
  }

  it("an unknown option names it, with that command's usage, and quotes nothing half-way; exit 2", async () => {
    const result = await run(CLI, ["lookup", "--bogus", "-29036"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^errcode: unknown option --bogus\nusage: errcode lookup/);
    for (const quote of [`"`, "'"]) expect(result.stderr.split(quote).length % 2).toBe(1);
  });
});

describe("errcode scan", () => {
  it("scans text given as arguments", async () => {
    const result = await run(CLI, ["scan", "--json", "upload", "failed:", "errno=-29036"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).detections.map((d: { code: string }) => d.code)).toEqual(["-29036"]);
  });

  it("takes a bare negative code as text, not as an option", async () => {
    const result = await run(CLI, ["scan", "-29036"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
  });

  it("still reads stdin without arguments", async () => {
    const result = await run(CLI, ["scan"], { input: "X-ErrNo: -6101\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("-6101");
  });

  it("says it needs text when given none; exit 2", async () => {
    const result = await run(CLI, ["scan"], { input: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("scan needs text: as arguments, or on stdin");
  });
});

describe("errcode lookup in a catalog that lacks the code", () => {
  it("names the catalog that has it: upyun has no -29036; tencent-cos-v4 does", async () => {
    for (const code of ["-29036", "29036"]) {
      const result = await run(CLI, ["lookup", "--catalog", "upyun", code]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("upyun has no -29036; tencent-cos-v4 does: -29036 ERR_DOWN_NOTFINISHED_FILE");
      expect(result.stdout).not.toContain("No catalog defines that");
    }
  });

  it("the same through a scope word in the query", async () => {
    const result = await run(CLI, ["lookup", "upyun", "-29036"]);
    expect(result.stdout).toContain("upyun has no -29036; tencent-cos-v4 does");
  });

  it("takes --catalog by alias", async () => {
    const result = await run(CLI, ["lookup", "--json", "--catalog", "image", "-6101"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results.map((r: { catalog: string }) => r.catalog)).toEqual(["tencent-ci-image"]);
  });
});
