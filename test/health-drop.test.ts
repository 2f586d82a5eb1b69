// /healthz as a load balancer or an orchestrator polls it: 503 within a second of a lost connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../src/adapters/adapter.js";
import { HealthServer } from "../src/health.js";
import type { PrometheusMetrics } from "../src/prometheus-metrics.js";
import { startDiscordApp, type DiscordApp } from "./support/fake-discord-harness.js";
import { startSlackHarness, type SlackHarness } from "./support/fake-slack-harness.js";

let slack: SlackHarness;
let discord: DiscordApp;

beforeAll(async () => {
  [slack, discord] = await Promise.all([startSlackHarness({ mode: "socket" }), startDiscordApp()]);
});

afterAll(async () => {
  await Promise.all([slack?.close(), discord?.close()]);
});

/** Polls /healthz every 10 ms from `since` and resolves with when it first answered 503 (or undefined after 3 s). */
async function first503(url: string, since: number): Promise<number | undefined> {
  while (Date.now() - since < 3000) {
    if ((await fetch(url)).status === 503) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

/** Serves /healthz for one connected adapter while `check` runs (starting from a 200), then closes it. */
async function whileHealthServed(adapter: Adapter, metrics: PrometheusMetrics, check: (url: string) => Promise<void>): Promise<void> {
  const server = new HealthServer([adapter], metrics, 1);
  const { port } = await server.listen(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}/healthz`;
  try {
    expect((await fetch(url)).status).toBe(200);
    await check(url);
  } finally {
    await server.close();
  }
}

describe("/healthz turns 503 within a second of a lost connection", () => {
  it("Slack Socket Mode", async () => {
    await whileHealthServed(slack.adapter, slack.context.metrics, async (url) => {
      const since = Date.now();
      slack.fake.dropSockets();
      expect(await first503(url, since)).toBeLessThan(1000);
      // And back to 200 once the client has reconnected.
      const deadline = Date.now() + 20_000;
      while ((await fetch(url)).status !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await fetch(url)).status).toBe(200);
      expect(slack.fake.openSockets).toBe(1);
    });
  }, 40_000);

  it("the Discord gateway", async () => {
    await whileHealthServed(discord.adapter, discord.context.metrics, async (url) => {
      const since = Date.now();
      const resumed = discord.fake.waitFor("resumed");
      discord.fake.dropConnection();
      const downAfter = await first503(url, since);
      await resumed;
      expect(downAfter).toBeLessThan(1000);
      await discord.fake.callbackFor(discord.fake.slashCommand({ query: "-29036" }));
      expect((await fetch(url)).status).toBe(200);
    });
  }, 40_000);
});
