import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "./support/spawn.js";

// Every built module loads on its own, first, in a fresh process. An import cycle works in the order the entry points
// happen to load it and throws in another (`Cannot access 'HASH_SEED' before initialization` when the tokenizer came
// first), so each module is the first one loaded once.

/** Programs, not libraries: loading them starts something. */
const ENTRY_POINTS = new Set(["main.js", "cli.js", "healthcheck.js", "discord-register.js", "build-catalog-snapshot.js", "adapters/slack/manifest.js"]);

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? modules(join(dir, d.name)) : d.name.endsWith(".js") ? [join(dir, d.name)] : []));
}

const library = modules("dist").filter((file) => !ENTRY_POINTS.has(relative("dist", file)));

describe("the built module graph", () => {
  it("has library modules to check", () => {
    expect(library.length).toBeGreaterThan(50);
  });

  it("loads every library module first in a process of its own", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    const queue = [...library];
    const worker = async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const result = await run("--input-type=module", ["-e", `await import(${JSON.stringify(pathToFileURL(file).href)});`]);
        if (result.code !== 0) failures.push(`${file}: ${result.stderr.split("\n").find((l) => /Error/.test(l)) ?? result.stderr}`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(failures).toEqual([]);
  });
});
