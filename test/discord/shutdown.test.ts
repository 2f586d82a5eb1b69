// Shutdown with Discord replies queued behind a rate limit: the gateway closes first, the queued replies still go
// out through REST within the grace period, and the adapter stops cleanly.
import { describe, expect, it } from "vitest";
import { IDS } from "../support/fake-discord.js";
import { metricValue, startDiscordApp } from "../support/fake-discord-harness.js";

const MESSAGES = new RegExp(`^/channels/${IDS.general}/messages$`);

describe("shutdown, Discord", () => {
  it("delivers all 30 replies queued behind a rate limit, closes the gateway, loses nothing", async () => {
    const app = await startDiscordApp({ env: { SHUTDOWN_GRACE_SECONDS: "20" } });
    try {
      app.fake.rateLimitNext("POST", MESSAGES, 2);
      const mentions = Array.from({ length: 30 }, (_, i) => app.fake.message({ content: `<@${IDS.bot}> -${29036 + (i % 3)}`, channelId: IDS.general, mentionsBot: true }));
      // The first reply hits the rate limit: the rest queue behind it in discord.js's REST queue.
      await app.fake.waitForCall((c) => c.method === "POST" && MESSAGES.test(c.path) && c.status === 429);
      await app.adapter.stop();
      const replied = new Set(
        app.fake.calls.filter((c) => c.method === "POST" && MESSAGES.test(c.path) && c.status === 200).map((c) => (c.body as { message_reference?: { message_id: string } }).message_reference?.message_id),
      );
      expect(mentions.filter((m) => replied.has(m.id))).toHaveLength(30);
      expect(app.fake.connected).toBe(false);
      expect(await metricValue(app.context.metrics, "errcode_replies_lost_total")).toBe(0);
    } finally {
      await app.close();
    }
  }, 60_000);
});
