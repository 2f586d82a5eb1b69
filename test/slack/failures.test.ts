// Slack API failures: 429 with Retry-After, 5xx, not_in_channel, a slow or expired response_url. Retried where it
// makes sense, logged and counted, never a crash, and never at the cost of the 3-second ack.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_SIGNING_SECRET, type SentMessage } from "../support/fake-slack.js";
import { startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import { asForm, asJson, commandPayload, eventCallback, FORM, JSON_TYPE, postSigned } from "../support/fake-slack-requests.js";

const AUTO = "CAUTO00002";
const NOT_A_MEMBER = "CNOTIN0002";
let h: SlackHarness;
let tsCounter = 0;
const nextTs = () => `1720000000.${String(++tsCounter).padStart(6, "0")}`;

beforeAll(async () => {
  // FAST_RETRIES (the harness default): 2 Web API retries, 2 response_url retries, short backoff.
  h = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: `${AUTO},${NOT_A_MEMBER}`, AUTO_EXPLAIN_COOLDOWN_SECONDS: "0", AUTO_EXPLAIN_MAX_PER_MINUTE: "1000" } });
});

afterAll(async () => {
  await h?.close();
});

async function autoExplain(text: string, channel = AUTO): Promise<string> {
  const ts = nextTs();
  const before = await h.handled("message");
  const answer = await postSigned(h.eventsUrl, asJson(eventCallback({ channel, text, ts })), JSON_TYPE, { secret: FAKE_SIGNING_SECRET });
  expect(answer.status).toBe(200);
  await h.waitForHandled("message", before + 1);
  return ts;
}

async function slash(text: string) {
  const id = randomUUID();
  const answer = await postSigned(h.eventsUrl, asForm(commandPayload({ text, response_url: h.fake.responseUrl(id) })), FORM, { secret: FAKE_SIGNING_SECRET });
  expect(answer.status).toBe(200);
  return { id, answer };
}

const repliesTo = (ts: string): SentMessage[] => h.fake.sent().filter((m) => m.thread_ts === ts);
const postAttempts = (ts: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.args.thread_ts === ts);

describe("Web API failures", () => {
  it("a 429 is retried after its Retry-After, and the reply arrives once", async () => {
    h.fake.respondNext("chat.postMessage", { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } });
    const ts = await autoExplain('upload failed: {"code": -29036, "message": "x"}');
    const attempts = postAttempts(ts);
    expect(attempts.map((a) => a.outcome)).toEqual(["ratelimited", "ok"]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it("5xx answers are retried", async () => {
    h.fake.respondNext("chat.postMessage", { status: 503, body: "upstream unavailable" }, { status: 500, body: "oops" });
    const ts = await autoExplain('upload failed: {"code": -29036, "message": "x"}');
    expect(postAttempts(ts).map((a) => a.outcome)).toEqual(["http_503", "http_500", "ok"]);
    expect(repliesTo(ts)).toHaveLength(1);
  });

  it("when the retries run out the failure is logged and counted, and the bot carries on", async () => {
    const errorsBefore = await h.metric("errcode_errors_total", { adapter: "slack", kind: "message" });
    h.fake.respondNext("chat.postMessage", { status: 500 }, { status: 500 }, { status: 500 });
    const ts = await autoExplain('upload failed: {"code": -29036, "message": "x"}');
    expect(postAttempts(ts)).toHaveLength(3);
    expect(repliesTo(ts)).toEqual([]);
    expect(await h.metric("errcode_errors_total", { adapter: "slack", kind: "message" })).toBe(errorsBefore + 1);
    await h.waitForLog("Slack reply failed");

    const { id } = await slash("-29036");
    await h.fake.waitFor(() => h.fake.sent().find((m) => m.responseUrlId === id));
    expect(h.adapter.ready()).toBe(true);
  });

  it("not_in_channel is logged and counted, not retried and not thrown", async () => {
    h.fake.notInChannel.add(NOT_A_MEMBER);
    const errorsBefore = await h.metric("errcode_errors_total", { adapter: "slack", kind: "not_in_channel" });
    const repliesBefore = await h.metric("errcode_auto_replies_total");
    const ts = await autoExplain('upload failed: {"code": -29036, "message": "x"}', NOT_A_MEMBER);
    expect(postAttempts(ts).map((a) => a.outcome)).toEqual(["not_in_channel"]);
    expect(await h.metric("errcode_errors_total", { adapter: "slack", kind: "not_in_channel" })).toBe(errorsBefore + 1);
    expect(await h.metric("errcode_auto_replies_total")).toBe(repliesBefore);
    const [line] = await h.waitForLog("Slack refused the post");
    expect(line).toContain("not_in_channel");
  });
});

describe("response_url failures", () => {
  it("a 5xx is retried", async () => {
    h.fake.respondNext("response_url", { status: 502, body: "bad gateway" });
    const { id } = await slash("-29036");
    const [reply] = await h.fake.waitFor(() => {
      const found = h.fake.sent().filter((m) => m.responseUrlId === id);
      return found.length ? found : undefined;
    });
    expect(reply!.response_type).toBe("ephemeral");
  });

  it("a 429 waits for Retry-After", async () => {
    h.fake.respondNext("response_url", { status: 429, headers: { "retry-after": "1" }, body: "rate limited" });
    const started = Date.now();
    const { id } = await slash("-6101");
    await h.fake.waitFor(() => h.fake.sent().find((m) => m.responseUrlId === id));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("an expired response_url (404) is not retried: logged and counted", async () => {
    const errorsBefore = await h.metric("errcode_errors_total", { adapter: "slack", kind: "command" });
    const failuresBefore = h.logs.filter((l) => l.includes("Slack reply failed")).length;
    h.fake.respondNext("response_url", { status: 404, body: "expired_url" }, { status: 200, body: "would have been a retry" });
    const { id } = await slash("-29036");
    await h.waitForLog("Slack reply failed", failuresBefore + 1);
    expect(await h.metric("errcode_errors_total", { adapter: "slack", kind: "command" })).toBe(errorsBefore + 1);
    expect(h.fake.sent().filter((m) => m.responseUrlId === id)).toEqual([]);
    // The canned 200 is still queued: nothing retried the 404.
    expect(h.fake.cannedLeft("response_url")).toBe(1);
    h.fake.clearCanned("response_url");
    expect(h.logs.filter((l) => l.includes("Slack reply failed")).at(-1)).toContain("http_404");
  });
});

describe("starting with bad credentials", () => {
  it("a bot token Slack rejects fails start() with a clear message, and never shows the token", async () => {
    const token = "xoxb-revoked-token-0000000000";
    const start = startSlackHarness({ mode: "http", fake: h.fake, env: { SLACK_BOT_TOKEN: token } });
    await expect(start).rejects.toThrow("Slack did not accept SLACK_BOT_TOKEN: auth.test failed (invalid_auth)");
    await start.catch((error: Error) => expect(error.message).not.toContain(token));
  });

  it("an app token Slack rejects fails start() in Socket Mode instead of retrying for ever", async () => {
    const start = startSlackHarness({ mode: "socket", fake: h.fake, env: { SLACK_APP_TOKEN: "xapp-1-revoked-0000000000" } });
    await expect(start).rejects.toThrow("Socket Mode could not connect (apps.connections.open with SLACK_APP_TOKEN): invalid_auth");
  });

  it("SLACK_API_URL works without its trailing slash", async () => {
    const authBefore = h.fake.callsTo("auth.test").length;
    const other = await startSlackHarness({ mode: "http", fake: h.fake, env: { SLACK_API_URL: h.fake.apiUrl.replace(/\/$/, "") } });
    await other.close();
    expect(h.fake.callsTo("auth.test")).toHaveLength(authBefore + 1);
    expect(h.fake.unknown).toEqual([]);
  });

  it("a port already in use fails start() and says which", async () => {
    const port = h.adapter.address()!.port;
    await expect(startSlackHarness({ mode: "http", fake: h.fake, env: { PORT: String(port) } })).rejects.toThrow(`could not listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});

describe("acknowledge first, work after", () => {
  it("stop() lets in-flight replies finish", async () => {
    const second = await startSlackHarness({ mode: "http", fake: h.fake });
    h.fake.slowDown("response_url", 800);
    try {
      const id = randomUUID();
      const answer = await postSigned(second.eventsUrl, asForm(commandPayload({ text: "-29036", response_url: h.fake.responseUrl(id) })), FORM, { secret: FAKE_SIGNING_SECRET });
      expect(answer.status).toBe(200);
      await second.close();
      expect(h.fake.sent().filter((m) => m.responseUrlId === id)).toHaveLength(1);
      expect(second.adapter.ready()).toBe(false);
    } finally {
      h.fake.slowDown("response_url", 0);
    }
  });

  it("a slow Slack delays the answer, never the ack", async () => {
    h.fake.slowDown("response_url", 1500);
    try {
      const started = Date.now();
      const { id, answer } = await slash("-29036");
      expect(answer.ms).toBeLessThan(1000);
      await h.fake.waitFor(() => h.fake.sent().find((m) => m.responseUrlId === id));
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    } finally {
      h.fake.slowDown("response_url", 0);
    }
  });
});

describe("an auto-explain card that could not be posted", () => {
  let c: SlackHarness;
  beforeAll(async () => {
    c = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: AUTO, AUTO_EXPLAIN_COOLDOWN_SECONDS: "600" } });
  });
  afterAll(async () => {
    await c?.close();
  });

  async function paste(text: string): Promise<string> {
    const ts = nextTs();
    const before = await c.handled("message");
    const answer = await postSigned(c.eventsUrl, asJson(eventCallback({ channel: AUTO, text, ts })), JSON_TYPE, { secret: FAKE_SIGNING_SECRET });
    expect(answer.status).toBe(200);
    await c.waitForHandled("message", before + 1);
    return ts;
  }
  const cards = (ts: string) => c.fake.sent().filter((m) => m.thread_ts === ts);

  it("does not keep its code quiet for the cooldown: the next paste gets the card, the one after is quiet", async () => {
    c.fake.respondNext("chat.postMessage", { status: 500 }, { status: 500 }, { status: 500 });
    const failed = await paste('upload failed: {"code": -29036, "message": "x"}');
    expect(c.fake.callsTo("chat.postMessage").filter((call) => call.args.thread_ts === failed)).toHaveLength(3);
    expect(cards(failed)).toEqual([]);
    const next = await paste('again: {"code": -29036, "message": "x"}');
    expect(cards(next)).toHaveLength(1);
    const quiet = await paste('and again: {"code": -29036, "message": "x"}');
    expect(cards(quiet)).toEqual([]);
  });
});
