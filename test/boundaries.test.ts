import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CHAT_SDKS = /^(?:@slack\/(?!types$)[\w-]+|discord\.js|@discordjs\/[\w-]+|ws|undici)(?:\/.*)?$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts"))
    .map((d) => join(d.parentPath, d.name));
}

/** Module specifiers a file imports at run time (`import type` is erased by the compiler and allowed). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const statics = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gms)].map((m) => m[1]!);
  const bare = [...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...bare, ...dynamic];
}

describe("module boundaries", () => {
  it("finds the modules it guards (the check itself works)", () => {
    expect(sources("src/core").length).toBeGreaterThan(5);
    expect(runtimeImports("src/main.ts")).toContain("./adapters/shell/adapter.js");
    expect(runtimeImports("src/core/detect/index.ts").length).toBeGreaterThan(0);
    expect(CHAT_SDKS.test("@slack/bolt")).toBe(true);
    expect(CHAT_SDKS.test("discord.js")).toBe(true);
    expect(CHAT_SDKS.test("@slack/types")).toBe(false);
  });

  it.each(["src/core", "src/catalog"])("nothing under %s imports a chat SDK, even as a type", (dir) => {
    const offenders = sources(dir).flatMap((file) => {
      const all = [...readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2]!);
      return all.filter((s) => CHAT_SDKS.test(s) || s.startsWith("@slack/") || s.startsWith("discord-api-types")).map((s) => `${file}: ${s}`);
    });
    expect(offenders).toEqual([]);
  });

  it("core and catalog never import an adapter or a renderer", () => {
    const offenders = [...sources("src/core"), ...sources("src/catalog")].flatMap((file) =>
      runtimeImports(file).filter((s) => /\/(adapters|render)\//.test(s)).map((s) => `${file}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it("renderers import no chat SDK at run time (types only)", () => {
    const offenders = sources("src/render").flatMap((file) => runtimeImports(file).filter((s) => CHAT_SDKS.test(s) || s.startsWith("discord-api-types") || s.startsWith("@slack/")).map((s) => `${file}: ${s}`));
    expect(offenders).toEqual([]);
  });
});
