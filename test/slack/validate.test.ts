// Payloads of unexpected shape, signed with the real secret or sent over the real socket, at the real Bolt app:
// each gets a 400 (HTTP) or is dropped (Socket Mode); the process never crashes and answers the next real command.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_SIGNING_SECRET } from "../support/fake-slack.js";
import { slackBodyProblem } from "../../src/adapters/slack/validate.js";
import { startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import { asForm, asInteraction, asJson, commandPayload, eventCallback, FORM, JSON_TYPE, postSigned } from "../support/fake-slack-requests.js";

// Anything thrown and not caught while these tests run: what would end the bot's process.
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
let http: SlackHarness;
let socket: SlackHarness;

beforeAll(async () => {
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  [http, socket] = await Promise.all([startSlackHarness({ mode: "http" }), startSlackHarness({ mode: "socket" })]);
});

afterAll(async () => {
  await Promise.all([http?.close(), socket?.close()]);
  process.off("uncaughtException", onCrash);
  process.off("unhandledRejection", onCrash);
});

const post = (body: string, type: string) => postSigned(http.eventsUrl, body, type, { secret: FAKE_SIGNING_SECRET });

/** A real /errcode still gets its answer: the app is up and its handlers work. */
async function answersNextCommand(h: SlackHarness, via: "http" | "socket") {
  const id = randomUUID();
  const command = commandPayload({ text: "-29036", response_url: h.fake.responseUrl(id) });
  if (via === "http") expect((await post(asForm(command), FORM)).status).toBe(200);
  else await h.fake.sendEnvelope("slash_commands", command);
  const [reply] = await h.fake.waitFor(() => {
    const found = h.fake.sent().filter((m) => m.responseUrlId === id);
    return found.length ? found : undefined;
  });
  expect(JSON.stringify(reply)).toContain("-29036");
}

describe("HTTP receiver: unexpected shapes get a 400", () => {
  it.each([
    ["a JSON null", "null", JSON_TYPE],
    ["a JSON array", "[1,2]", JSON_TYPE],
    ["a JSON string", '"hello"', JSON_TYPE],
    ["a JSON number", "42", JSON_TYPE],
    ["form payload=null", "payload=null", FORM],
    ["form payload=[]", "payload=%5B%5D", FORM],
    ["a command whose text is given twice (an array)", `${asForm(commandPayload({ text: "-1", response_url: "http://127.0.0.1:1/x" }))}&text=again`, FORM],
    ["an event whose text is a number", asJson({ ...eventCallback({ channel: "C1", text: "x", ts: "1.1" }), event: { type: "message", channel: "C1", ts: "1.1", text: 123 } }), JSON_TYPE],
    ["an event_callback without an event (found by the fuzz test: Bolt answered 500)", '{"type":"event_callback","actions":0}', JSON_TYPE],
    ["an event that is null", asJson({ ...eventCallback({ channel: "C1", text: "x", ts: "1.1" }), event: null }), JSON_TYPE],
    ["an interaction whose actions are not a list", asInteraction({ type: "block_actions", actions: "nope" }), FORM],
    ["an interaction with no actions (found by the fuzz test in CI: Bolt answered 500)", '{"type":"block_actions","actions":[]}', JSON_TYPE],
    ["a form interaction with no actions", asInteraction({ type: "block_actions", actions: [] }), FORM],
    ["not JSON at all", "{nope", JSON_TYPE],
  ])("%s", async (_name, body, type) => {
    const answer = await post(body, type);
    expect(answer.status).toBe(400);
  });

  it.each([
    ["an action from an org-wide install (team null)", { type: "block_actions", user: { id: "U1" }, team: null, actions: [{ action_id: "other", type: "button" }] }],
    ["Slack's app_rate_limited notice", { token: "t", type: "app_rate_limited", team_id: "T1", minute_rate_limited: 1518467820, api_app_id: "A1" }],
    ["a view submission with its view", { type: "view_submission", user: { id: "U1" }, view: { id: "V1", app_installed_team_id: "T1" } }],
  ])("lets through %s (Bolt then decides)", (_name, body) => {
    expect(slackBodyProblem(body)).toBeUndefined();
  });

  it("still verifies signatures: a forged well-shaped body is refused by Bolt", async () => {
    const answer = await postSigned(http.eventsUrl, asJson(eventCallback({ channel: "C1", text: "x", ts: "1.2" })), JSON_TYPE, { secret: "wrong" });
    expect(answer.status).toBe(401);
  });

  it("answers the next real command, and nothing crashed", async () => {
    await answersNextCommand(http, "http");
    expect(crashes).toEqual([]);
  });
});

describe("objects with their own toString or valueOf (JSON can carry those keys; discord.js threw on one)", () => {
  const trap = { toString: 1, valueOf: "x" };
  const event = (fields: Record<string, unknown>) => asJson({ ...eventCallback({ channel: "C1", text: "x", ts: "1.1" }), ...fields });
  const message = { type: "message", channel: "C1", ts: "1.1", text: "-29036" };
  const bodies: Array<[string, string, string]> = [
    ["the event's type", event({ event: { ...message, type: trap } }), JSON_TYPE],
    ["the event's channel", event({ event: { ...message, channel: trap } }), JSON_TYPE],
    ["the event's ts", event({ event: { ...message, ts: trap } }), JSON_TYPE],
    ["the event's user", event({ event: { ...message, ts: "1.3", user: trap } }), JSON_TYPE],
    ["the body's type", asJson({ type: trap, event: { type: "message" } }), JSON_TYPE],
    ["the team id", event({ team_id: trap }), JSON_TYPE],
    ["the event id (the retry dedupe's key)", event({ event_id: trap }), JSON_TYPE],
    ["an interaction's user", asInteraction({ type: "block_actions", user: trap, actions: [{ action_id: "x", type: "button", value: "v" }] }), FORM],
    ["an action's id", asInteraction({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: trap, type: "button", value: "v" }] }), FORM],
    ["a button's value", asInteraction({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "errcode-more", type: "button", value: trap }] }), FORM],
  ];

  it.each(bodies)("in %s: answered below 500 over HTTP", async (_name, body, type) => {
    expect((await post(body, type)).status).toBeLessThan(500);
  });

  it("over Socket Mode too; then a real command is answered on both, and nothing crashed", async () => {
    for (const [name, body] of bodies) {
      const form = body.startsWith("payload=");
      const payload = JSON.parse(form ? decodeURIComponent(body.slice("payload=".length).replace(/\+/g, " ")) : body);
      // Ids of their own, so no dedupe shared with the HTTP run could drop them unread.
      if (typeof payload.event_id === "string") payload.event_id = randomUUID();
      await socket.fake.sendRaw(JSON.stringify({ envelope_id: `trap-${name}`, type: form ? "interactive" : "events_api", payload }));
    }
    await answersNextCommand(socket, "socket");
    await answersNextCommand(http, "http");
    expect(crashes).toEqual([]);
  });
});

describe("Socket Mode: unexpected envelopes are dropped", () => {
  it.each([
    ["events_api with payload null", { envelope_id: "e1", type: "events_api", payload: null }],
    ["slash_commands with payload null", { envelope_id: "e2", type: "slash_commands", payload: null }],
    ["interactive with a string payload", { envelope_id: "e3", type: "interactive", payload: "x" }],
    ["events_api whose event has a numeric text", { envelope_id: "e4", type: "events_api", payload: { type: "event_callback", event: { type: "message", text: 5, channel: "C", ts: "1.1" } } }],
    ["an envelope without an id", { type: "events_api", payload: eventCallback({ channel: "C", text: "-29036", ts: "1.1" }) }],
    ["a type that is not a string", { envelope_id: "e5", type: 7, payload: {} }],
  ])("%s", async (_name, envelope) => {
    await socket.fake.sendRaw(JSON.stringify(envelope));
    await socket.waitForLog("unexpected Socket Mode envelope dropped", 1);
  });

  it("answers the next real command, and nothing crashed", async () => {
    await answersNextCommand(socket, "socket");
    expect(crashes).toEqual([]);
  });
});

// ---- fuzz ----

const jsonText = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
/** Bodies shaped like Slack's, with fields of any type: closer to what breaks a handler than random bytes. */
const slackish = fc.record(
  {
    type: fc.oneof(fc.constantFrom("event_callback", "block_actions", "message_action", "url_verification", "shortcut"), fc.jsonValue({ maxDepth: 1 })),
    event: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ type: fc.constantFrom("message", "app_mention"), text: fc.jsonValue({ maxDepth: 1 }), channel: fc.jsonValue({ maxDepth: 1 }), ts: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] })),
    command: fc.oneof(fc.constant("/errcode"), fc.jsonValue({ maxDepth: 1 })),
    text: fc.jsonValue({ maxDepth: 1 }),
    actions: fc.jsonValue({ maxDepth: 2 }),
    user: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const httpBody = fc.oneof(
  jsonText.map((body) => ({ body, type: JSON_TYPE })),
  slackish.map((body) => ({ body: JSON.stringify(body), type: JSON_TYPE })),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 }).map((fields) => ({ body: asForm(fields), type: FORM })),
  fc.oneof(jsonText, slackish.map((v) => JSON.stringify(v))).map((payload) => ({ body: asForm({ payload }), type: FORM })),
  fc.record({ body: fc.string({ maxLength: 200 }), type: fc.constantFrom(JSON_TYPE, FORM, "text/plain") }),
);
const envelope = fc.oneof(
  jsonText,
  fc
    .record({
      envelope_id: fc.oneof(fc.uuid(), fc.jsonValue({ maxDepth: 1 })),
      type: fc.oneof(fc.constantFrom("events_api", "slash_commands", "interactive", "hello", "disconnect"), fc.jsonValue({ maxDepth: 1 })),
      payload: fc.oneof(fc.jsonValue({ maxDepth: 3 }), slackish),
      retry_attempt: fc.jsonValue({ maxDepth: 1 }),
    }, { requiredKeys: [] })
    // A disconnect frame would only make the client reconnect, which is not what is being fuzzed here.
    .filter((e) => e.type !== "disconnect")
    .map((e) => JSON.stringify(e)),
);

describe("fuzz: random JSON, forms and envelopes never take the bot down", () => {
  it("HTTP receiver: every answer is a 2xx/4xx, then a real command is answered", async () => {
    await fc.assert(
      fc.asyncProperty(httpBody, async ({ body, type }) => {
        const { status } = await post(body, type);
        return status < 500;
      }),
      { numRuns: 150 },
    );
    await answersNextCommand(http, "http");
    expect(crashes).toEqual([]);
  }, 120_000);

  it("Socket Mode client: frames of any shape, then a real command is answered", async () => {
    await fc.assert(
      fc.asyncProperty(envelope, async (frame) => {
        await socket.fake.sendRaw(frame);
      }),
      { numRuns: 150 },
    );
    await answersNextCommand(socket, "socket");
    expect(crashes).toEqual([]);
    expect(socket.fake.openSockets).toBe(1);
  }, 120_000);
});
