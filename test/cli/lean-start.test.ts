// What a command loads is what it costs to start: the CLI and the local shell never load a chat SDK, the Redis
// client, or the catalog import readers they do not use (issue 14). A module hook records every package resolved.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../support/spawn.js";

const dir = mkdtempSync(join(tmpdir(), "errcode-lean-"));
const hooks = join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url)?.[1];
  if (name) appendFileSync(process.env.PACKAGES_LOG, name + "\\n");
  return result;
}`,
);
const register = join(dir, "register.mjs");
writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
const NO_TOKENS = { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "", REDIS_URL: "", WEB_PORT: "" };

let runs = 0;
async function packagesLoadedBy(script: string, args: string[], input = ""): Promise<string[]> {
  const log = join(dir, `packages-${runs++}.log`);
  writeFileSync(log, "");
  const result = await run(script, args, { input, env: { ...NO_TOKENS, NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, PACKAGES_LOG: log } });
  expect(result.code, result.stderr).toBe(0);
  return [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))].sort();
}

const CHAT_AND_SERVERS = ["@slack/bolt", "@slack/web-api", "discord.js", "@discordjs/ws", "redis", "@redis/client"];

describe("start-up loads only what the command needs", () => {
  it("the hook sees packages at all (a dynamic import of one is recorded)", async () => {
    const loaded = await packagesLoadedBy("dist/cli.js", ["catalog", "import", "--from", "csv", "--id", "lean", "--out", join(dir, "lean.yaml"), writeCsv()]);
    expect(loaded).toContain("csv-parse");
  });

  it("errcode lookup: no chat SDK, no Redis client, no YAML, no zod, no import readers", async () => {
    for (const args of [["lookup", "-29036"], ["lookup", "signature", "expired"]]) {
      const loaded = await packagesLoadedBy("dist/cli.js", args);
      for (const heavy of [...CHAT_AND_SERVERS, "yaml", "zod", "csv-parse"]) expect(loaded, args.join(" ")).not.toContain(heavy);
    }
  });

  it("errcode scan: no chat SDK and no Redis client", async () => {
    const loaded = await packagesLoadedBy("dist/cli.js", ["scan"], '{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE"}');
    for (const heavy of CHAT_AND_SERVERS) expect(loaded).not.toContain(heavy);
  });

  it("the shell chat (npm start without tokens): no chat SDK, no Redis client, no zod, no metrics client", async () => {
    const loaded = await packagesLoadedBy("dist/main.js", [], "/errcode -29036\nsignature expired\n");
    // It serves no /metrics, and its configuration is checked with valibot.
    for (const heavy of [...CHAT_AND_SERVERS, "zod", "prom-client", "yaml"]) expect(loaded).not.toContain(heavy);
    expect(loaded).toEqual(expect.arrayContaining(["pino", "valibot"]));
  });
});

function writeCsv(): string {
  const file = join(dir, "codes.csv");
  writeFileSync(file, "code,message\nLEAN-1,Something failed\n");
  return file;
}
