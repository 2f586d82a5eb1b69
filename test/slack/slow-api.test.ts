// A slow Slack: chat.postMessage answering after the client's 30 s timeout must not produce a second reply.
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_SIGNING_SECRET } from "../support/fake-slack.js";
import { FAST_RETRIES, startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import { asJson, eventCallback, JSON_TYPE, postSigned } from "../support/fake-slack-requests.js";
import { postOnceFetch } from "../../src/adapters/slack/post-once.js";

const AUTO = "CAUTO00077";
let h: SlackHarness | undefined;
let tsCounter = 0;
const nextTs = () => `1731000000.${String(++tsCounter).padStart(6, "0")}`;

afterEach(async () => {
  await h?.close();
  h = undefined;
}, 90_000);

/** Resolves once `count` message handlers have finished, however long Slack takes. */
async function handled(harness: SlackHarness, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await harness.handled("message")) < count) {
    if (Date.now() > deadline) throw new Error(`the message handler had not finished after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function pasteInAutoChannel(harness: SlackHarness): Promise<string> {
  const ts = nextTs();
  const body = asJson(eventCallback({ channel: AUTO, text: 'upload failed: {"code": -29036, "message": "x"}', ts }));
  expect((await postSigned(harness.eventsUrl, body, JSON_TYPE, { secret: FAKE_SIGNING_SECRET })).status).toBe(200);
  return ts;
}

const postsIn = (harness: SlackHarness, ts: string) => harness.fake.sent().filter((m) => m.channel === AUTO && m.thread_ts === ts);

describe("no duplicate post when chat.postMessage is slow", () => {
  it("Slack answering after 35 s (past the 30 s client timeout) gets one post", async () => {
    // The real timings: default client timeout, retries enabled (fast back-off only).
    h = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: AUTO }, adapterOptions: FAST_RETRIES });
    h.fake.slowDown("chat.postMessage", 35_000);
    const ts = await pasteInAutoChannel(h);
    // A blind retry at 30 s would keep the handler busy until the second post is answered, at about 65 s.
    await handled(h, 1, 80_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postsIn(h, ts)).toHaveLength(1);
  }, 100_000);

  it("the same at a tenth of the scale: a 300 ms client timeout and an answer after 350 ms", async () => {
    h = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: AUTO }, adapterOptions: { ...FAST_RETRIES, webApiTimeoutMs: 300, postTimeoutMs: 30_000 } });
    h.fake.slowDown("chat.postMessage", 350);
    const ts = await pasteInAutoChannel(h);
    await h.waitForHandled("message", 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(postsIn(h, ts)).toHaveLength(1);
  });

  it("a post still unanswered at its own long timeout fails without a blind retry", async () => {
    h = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: AUTO }, adapterOptions: { ...FAST_RETRIES, webApiTimeoutMs: 100, postTimeoutMs: 300 } });
    h.fake.slowDown("chat.postMessage", 800);
    const ts = await pasteInAutoChannel(h);
    await h.waitForLog("post_timed_out_not_retried");
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(postsIn(h, ts)).toHaveLength(1);
  });

  it("other Web API calls keep the caller's timeout", async () => {
    h = await startSlackHarness({ mode: "http", env: { AUTO_EXPLAIN_CHANNELS: AUTO }, adapterOptions: FAST_RETRIES });
    h.fake.slowDown("auth.test", 1000);
    const call = postOnceFetch(30_000)(`${h.fake.apiUrl}auth.test`, { method: "POST", body: "", signal: AbortSignal.timeout(100) });
    await expect(call).rejects.toThrow();
  });
});
