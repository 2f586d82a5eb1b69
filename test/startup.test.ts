// Start-up as an operator meets it: every mistake is one line on stderr naming the variable, and exit status 2.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { parse as parseDotenv } from "dotenv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configWarnings, listenError } from "../src/startup.js";
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FakeSlack } from "./support/fake-slack.js";
import { run } from "./support/spawn.js";

const MAIN = "dist/main.js";
/** Loading the catalogs on a busy shared machine can take several seconds; these runs are not about speed. */
const SLOW = 30_000;
let busy: Server;
let busyPort = 0;
let slack: FakeSlack;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  busyPort = (busy.address() as AddressInfo).port;
  slack = await FakeSlack.start();
});

afterAll(async () => {
  await new Promise((resolve) => busy.close(resolve));
  await slack.close();
});

/** A port nothing listens on: bound, then released. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const slackHttp = () => ({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, HOST: "127.0.0.1", PORT: "0", HEALTH_PORT: "0" });

function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("listen errors name the variable and exit 2", () => {
  it("HEALTH_PORT in use", async () => {
    const result = await run(MAIN, [], { env: { ...slackHttp(), HEALTH_PORT: String(busyPort) }, timeoutMs: SLOW });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, new RegExp(`^errcode: configuration error: HEALTH_PORT: port ${busyPort} is already in use on 127\\.0\\.0\\.1`, "m"));
  }, 40_000);

  it("PORT in use (Slack HTTP mode)", async () => {
    const result = await run(MAIN, [], { env: { ...slackHttp(), PORT: String(busyPort) }, timeoutMs: SLOW });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, new RegExp(`^errcode: configuration error: PORT: port ${busyPort} is already in use`, "m"));
  }, 40_000);

  it("a HOST that does not resolve", async () => {
    const result = await run(MAIN, [], { env: { ...slackHttp(), HOST: "no-such-host.invalid" }, timeoutMs: SLOW });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^errcode: configuration error: HOST: "no-such-host\.invalid" does not resolve/m);
  }, 40_000);
});

describe("API bases that refuse connections stop start-up within 10 s, naming the variable", () => {
  it("SLACK_API_URL", async () => {
    const url = `http://127.0.0.1:${await refusedPort()}/api/`;
    // The run is killed after 10 s: a bot still retrying then has no exit code.
    const result = await run(MAIN, [], { env: { ...slackHttp(), SLACK_API_URL: url }, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, new RegExp(`^errcode: configuration error: SLACK_API_URL: cannot connect to ${url.replace(/[.]/g, "\\.")}: ECONNREFUSED`, "m"));
  });

  it("DISCORD_API_URL", async () => {
    const url = `http://127.0.0.1:${await refusedPort()}/api`;
    const env = { DISCORD_TOKEN: "MTA.b.c", DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_API_URL: url, HEALTH_PORT: "0" };
    const result = await run(MAIN, [], { env, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^errcode: configuration error: DISCORD_API_URL: cannot connect to .*ECONNREFUSED/m);
  });
});

describe("likely mistakes are warned about on stderr", () => {
  it("a mistyped token variable with stdin not a terminal: a warning, and which adapter runs and why", async () => {
    const result = await run(MAIN, [], { input: "/errcode -29036\n", env: { SLACK_BOT_TOKN: "xoxb-1-abc" }, timeoutMs: SLOW });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("errcode: warning: SLACK_BOT_TOKN is set but errcode does not read it; did you mean SLACK_BOT_TOKEN?");
    expect(result.stderr).toContain("errcode: running the shell adapter because neither SLACK_BOT_TOKEN nor DISCORD_TOKEN is set");
    expect(result.stderr).not.toContain("xoxb-1-abc");
    expect(result.stdout).toContain("-29036");
  }, 40_000);

  it(".env.example copied to .env as the README says starts without a warning", () => {
    expect(configWarnings(parseDotenv(readFileSync(".env.example")))).toEqual([]);
  });

  it("the shell chat logs warnings only, unless LOG_LEVEL is set (even to the default, info)", async () => {
    const quiet = await run(MAIN, [], { input: "/errcode -29036\n", timeoutMs: SLOW });
    const asked = await run(MAIN, [], { input: "/errcode -29036\n", env: { LOG_LEVEL: "info" }, timeoutMs: SLOW });
    expect(quiet.stdout).toContain("-29036");
    expect(quiet.stderr).not.toContain("catalogs loaded");
    expect(asked.stderr).toContain("catalogs loaded");
  }, 40_000);

  it("half configurations", () => {
    expect(configWarnings({ DISCORD_APPLICATION_ID: "123456789012345678" })).toEqual(["DISCORD_APPLICATION_ID is set without DISCORD_TOKEN, so it is ignored"]);
    expect(configWarnings({ DISCORD_GUILD_ID: "1", DISCORD_REGISTER_COMMANDS: "true" })).toEqual(["DISCORD_GUILD_ID, DISCORD_REGISTER_COMMANDS are set without DISCORD_TOKEN, so they are ignored"]);
    expect(configWarnings({ SLACK_API_URL: "https://x/api/" })).toEqual(["SLACK_API_URL is set without SLACK_BOT_TOKEN, so it is ignored"]);
    expect(configWarnings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s" })).toEqual([
      "SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both set: Socket Mode is used and SLACK_SIGNING_SECRET is ignored",
    ]);
    expect(configWarnings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "1", PATH: "/bin" })).toEqual([]);
    expect(configWarnings({ DISCORD_TOKNE: "x", SLACK_WEBHOOK: "y" })).toEqual([
      "DISCORD_TOKNE is set but errcode does not read it; did you mean DISCORD_TOKEN?",
      "SLACK_WEBHOOK is set but errcode does not read it",
    ]);
  });

  it("an unknown listen error is left to the caller", () => {
    expect(listenError(Object.assign(new Error("x"), { code: "EMFILE" }), { portVariable: "PORT", port: 1, host: "h" })).toBeUndefined();
  });
});
