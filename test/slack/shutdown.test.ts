// Shutdown in Slack HTTP mode: no new connections, every request already under way acknowledged (never reset),
// every reply already queued delivered within the grace period, and what the grace period could not save counted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_SIGNING_SECRET, FakeSlack } from "../support/fake-slack.js";
import { startSlackHarness } from "../support/fake-slack-harness.js";
import { asForm, commandPayload, FORM, postSigned } from "../support/fake-slack-requests.js";

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
});

afterAll(async () => {
  await fake?.close();
});

type Outcome = { id: string; status?: number; error?: string };

async function command(url: string): Promise<Outcome> {
  const id = randomUUID();
  try {
    const answer = await postSigned(url, asForm(commandPayload({ text: "-29036", response_url: fake.responseUrl(id) })), FORM, { secret: FAKE_SIGNING_SECRET });
    return { id, status: answer.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { id, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

const delivered = (id: string) => fake.sent().filter((m) => m.responseUrlId === id).length;

describe("shutdown, Slack HTTP mode", () => {
  it("acknowledges the requests arriving as it stops, refuses new connections, and delivers every queued reply", async () => {
    const h = await startSlackHarness({ mode: "http", fake, env: { SHUTDOWN_GRACE_SECONDS: "15" } });
    fake.slowDown("response_url", 400);
    try {
      const before = await Promise.all(Array.from({ length: 10 }, () => command(h.eventsUrl)));
      expect(before.map((o) => o.status)).toEqual(Array(10).fill(200));
      // Requests on the same keep-alive connections while stop() begins.
      const stopping = h.adapter.stop();
      const during = await Promise.all(Array.from({ length: 10 }, () => command(h.eventsUrl)));
      await stopping;
      for (const outcome of during) expect(outcome.status === 200 || outcome.error === "ECONNREFUSED", JSON.stringify(outcome)).toBe(true);
      const acked = [...before, ...during].filter((o) => o.status === 200);
      for (const { id } of acked) expect(delivered(id), id).toBe(1);
      expect(await h.metric("errcode_replies_lost_total")).toBe(0);
      const after = await command(h.eventsUrl);
      expect(after.error).toBe("ECONNREFUSED");
    } finally {
      fake.slowDown("response_url", 0);
      await h.close();
    }
  }, 60_000);

  it("counts, in /metrics and the log, the replies the grace period could not save", async () => {
    const h = await startSlackHarness({ mode: "http", fake, env: { SHUTDOWN_GRACE_SECONDS: "0" } });
    fake.slowDown("response_url", 3000);
    try {
      const sent = await Promise.all(Array.from({ length: 3 }, () => command(h.eventsUrl)));
      expect(sent.map((o) => o.status)).toEqual([200, 200, 200]);
      await h.adapter.stop();
      expect(await h.metric("errcode_replies_lost_total", { adapter: "slack" })).toBe(3);
      const [line] = await h.waitForLog("shutdown grace period ran out");
      expect(JSON.parse(line!)).toMatchObject({ adapter: "slack", lost: 3 });
    } finally {
      fake.slowDown("response_url", 0);
      await h.close();
    }
  }, 60_000);
});
