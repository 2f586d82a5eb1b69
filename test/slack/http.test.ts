// The Slack adapter in HTTP mode: real Bolt on 127.0.0.1, signed requests in, a fake Slack recording what it sends.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeButtonPayload } from "../../src/core/button-request.js";
import { FAKE_BOT_TOKEN, FAKE_BOT_USER, FAKE_SIGNING_SECRET, type SentMessage } from "../support/fake-slack.js";
import { startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import {
  asForm,
  asInteraction,
  asJson,
  blockActionPayload,
  commandPayload,
  eventCallback,
  FORM,
  JSON_TYPE,
  type MessageEventFields,
  messageShortcutPayload,
  postSigned,
  type SignedRequestOptions,
} from "../support/fake-slack-requests.js";

// block JSON is untyped here on purpose
type Json = any;

const AUTO = "CAUTO00001";
const PRIVATE = "GPRIV00001";
const DM = "DIM0000001";
const GROUP_DM = "GMPIM00001";
const QUIET = "CQUIET0001";
const ONCALL = "CONCALL001";

let h: SlackHarness;
let tsCounter = 0;
const nextTs = () => `1710000000.${String(++tsCounter).padStart(6, "0")}`;
const signed = (extra: Partial<SignedRequestOptions> = {}): SignedRequestOptions => ({ secret: FAKE_SIGNING_SECRET, ...extra });

beforeAll(async () => {
  h = await startSlackHarness({
    mode: "http",
    env: { AUTO_EXPLAIN_CHANNELS: [AUTO, PRIVATE, DM, GROUP_DM].join(","), ONCALL_CHANNELS: ONCALL, AUTO_EXPLAIN_MAX_PER_MINUTE: "1000" },
  });
});

afterAll(async () => {
  await h?.close();
});

// ---- helpers ----

async function slash(text: string, extra: { channel_id?: string; channel_name?: string } = {}) {
  const id = randomUUID();
  const answer = await postSigned(h.eventsUrl, asForm(commandPayload({ text, response_url: h.fake.responseUrl(id), ...extra })), FORM, signed());
  return { answer, id };
}

function viaResponseUrl(id: string): SentMessage[] {
  return h.fake.sent().filter((m) => m.responseUrlId === id);
}

function waitForResponseUrl(id: string, count = 1): Promise<SentMessage[]> {
  return h.fake.waitFor(() => (viaResponseUrl(id).length >= count ? viaResponseUrl(id) : undefined), 10_000, `${count} post(s) to response_url ${id}`);
}

function postedTo(channel: string): SentMessage[] {
  return h.fake.sent().filter((m) => m.channel === channel);
}

function waitForPost(channel: string, count = 1): Promise<SentMessage[]> {
  return h.fake.waitFor(() => (postedTo(channel).length >= count ? postedTo(channel) : undefined), 10_000, `${count} post(s) in ${channel}`);
}

async function event(fields: MessageEventFields, options: { eventId?: string; retryNum?: number } = {}) {
  const body = eventCallback(fields, options.eventId);
  const answer = await postSigned(h.eventsUrl, asJson(body), JSON_TYPE, signed({ retryNum: options.retryNum }));
  expect(answer.status).toBe(200);
  return body.event_id as string;
}

/** Sends an auto-explain candidate and waits until its handler has finished, whatever it decided. */
async function message(fields: Omit<MessageEventFields, "ts"> & { ts?: string }, options: { eventId?: string; retryNum?: number } = {}) {
  const before = await h.handled("message");
  const ts = fields.ts ?? nextTs();
  await event({ ...fields, ts }, options);
  await h.waitForHandled("message", before + 1);
  return ts;
}

async function click(value: string, actionId: string, container: { channel?: string; is_ephemeral?: boolean; thread_ts?: string } = {}) {
  const id = randomUUID();
  const answer = await postSigned(h.eventsUrl, asInteraction(blockActionPayload({ action_id: actionId, value, response_url: h.fake.responseUrl(id), ...container })), FORM, signed());
  expect(answer.status).toBe(200);
  return id;
}

function buttons(m: SentMessage): Json[] {
  return (m.blocks ?? []).filter((b: Json) => b.type === "actions").flatMap((b: Json) => b.elements);
}
function button(m: SentMessage, kind: string): Json {
  const found = buttons(m).find((b) => String(b.action_id).startsWith(`errcode:${kind}:`));
  expect(found, `a ${kind} button`).toBeTruthy();
  return found;
}
const header = (m: SentMessage): string => (m.blocks ?? []).find((b: Json) => b.type === "header")?.text.text;
const allText = (m: SentMessage): string => JSON.stringify(m);

// ---- tests ----

describe("requests Slack did not sign are refused", () => {
  it("answers Slack's url_verification challenge", async () => {
    const answer = await postSigned(h.eventsUrl, asJson({ type: "url_verification", token: "t", challenge: "c-123" }), JSON_TYPE, signed());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: "c-123" });
  });

  it("a bad signature or a timestamp older than five minutes gets 401 and reaches no handler", async () => {
    const lookupsBefore = await h.metric("errcode_lookups_total");
    const sentBefore = h.fake.sent().length;
    const body = asForm(commandPayload({ text: "-29036", response_url: h.fake.responseUrl() }));
    const forged = await postSigned(h.eventsUrl, body, FORM, signed({ signature: `v0=${"0".repeat(64)}` }));
    const wrongSecret = await postSigned(h.eventsUrl, body, FORM, { secret: "not-the-secret" });
    const stale = await postSigned(h.eventsUrl, body, FORM, signed({ timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 30 }));
    const noHeaders = await fetch(h.eventsUrl, { method: "POST", headers: { "content-type": FORM }, body });
    const staleEvent = await postSigned(h.eventsUrl, asJson(eventCallback({ channel: AUTO, text: "got error code -29036", ts: nextTs() })), JSON_TYPE, signed({ timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect([forged.status, wrongSecret.status, stale.status, noHeaders.status, staleEvent.status]).toEqual([401, 401, 401, 401, 401]);

    // A valid request afterwards is answered, and it is the only thing that was.
    const { id } = await slash("-29036");
    await waitForResponseUrl(id);
    expect(h.fake.sent().length).toBe(sentBefore + 1);
    expect(await h.metric("errcode_lookups_total")).toBe(lookupsBefore + 1);
  });
});

describe("/errcode", () => {
  it("acks at once with an empty 200, then answers through response_url, visible to the caller only", async () => {
    const { answer, id } = await slash("-29036");
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("");
    const [reply] = await waitForResponseUrl(id);
    expect(reply!.response_type).toBe("ephemeral");
    expect(header(reply!)).toBe("-29036 in Tencent Cloud COS (JSON API v4)");
    expect(allText(reply!)).toContain("ERR_DOWN_NOTFINISHED_FILE");
    expect(reply!.text).toContain("-29036");
    expect(buttons(reply!).map((b) => b.text.text)).toEqual(["Share in channel", "中文"]);
  });

  it("alone, or with help, gives the usage", async () => {
    for (const text of ["", "help", "  HELP "]) {
      const { id } = await slash(text);
      const [reply] = await waitForResponseUrl(id);
      expect(header(reply!)).toBe("errcode: explain vendor error codes");
      expect(allText(reply!)).toContain("/errcode -29036");
    }
  });

  it("no match gives the core's suggestions", async () => {
    const { id } = await slash("ERR_DOWN_NOTFINISHED_FILEX");
    const [reply] = await waitForResponseUrl(id);
    expect(allText(reply!)).toMatch(/Nothing for|Did you mean|Best match/);
    const nothing = await slash("qqqzzz-nothing-like-this");
    const [none] = await waitForResponseUrl(nothing.id);
    expect(header(none!)).toContain("Nothing for");
  });

  it("pasted text after the command explains each code found", async () => {
    const { id } = await slash('upload failed: {"code": -29036, "message": "x"}\nthen {"code": 40100006, "msg": "user not exists"}');
    const [reply] = await waitForResponseUrl(id);
    expect(header(reply!)).toBe("Found 2 error codes in this message");
    expect(allText(reply!)).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(allText(reply!)).toContain("40100006");
  });

  it("Slack's escaping of the typed text is undone before the lookup, and redone in the answer", async () => {
    const { id } = await slash("&lt;Code&gt;-29036&lt;/Code&gt; &lt;!channel&gt;");
    const [reply] = await waitForResponseUrl(id);
    expect(allText(reply!)).toContain("ERR_DOWN_NOTFINISHED_FILE");
    expect(allText(reply!)).not.toMatch(/<!channel>|<@|<#/);
  });

  it("in an ONCALL_CHANNELS channel the answer is posted for the whole channel, without a share button", async () => {
    const { id } = await slash("-29036", { channel_id: ONCALL, channel_name: "incidents" });
    const [reply] = await waitForResponseUrl(id);
    expect(reply!.response_type).toBe("in_channel");
    expect(buttons(reply!).map((b) => b.text.text)).toEqual(["中文"]);
  });
});

describe("card buttons", () => {
  it("Share in channel posts the card for everyone (no share button) and deletes the ephemeral copy", async () => {
    const { id } = await slash("-29036");
    const [card] = await waitForResponseUrl(id);
    const share = button(card!, "share");
    const clickId = await click(share.value, share.action_id, { is_ephemeral: true });
    const [shared, deleted] = await waitForResponseUrl(clickId, 2);
    expect(shared!.response_type).toBe("in_channel");
    expect(shared!.replace_original).toBe(false);
    expect(header(shared!)).toBe(header(card!));
    expect(buttons(shared!).map((b) => b.text.text)).toEqual(["中文"]);
    expect(deleted!.delete_original).toBe(true);
  });

  it("Share on a card in a thread posts into that thread", async () => {
    const { id } = await slash("-6101");
    const [card] = await waitForResponseUrl(id);
    const share = button(card!, "share");
    const clickId = await click(share.value, share.action_id, { channel: "CTHREADS01", is_ephemeral: true, thread_ts: "1710000999.000001" });
    const [posted] = await waitForPost("CTHREADS01");
    expect(posted!.via).toBe("chat.postMessage");
    expect(posted!.thread_ts).toBe("1710000999.000001");
    expect(buttons(posted!).some((b) => String(b.action_id).startsWith("errcode:share"))).toBe(false);
    const [deleted] = await waitForResponseUrl(clickId);
    expect(deleted!.delete_original).toBe(true);
  });

  it("中文 replaces the card with the Chinese one, keeping it ephemeral with its share button", async () => {
    const { id } = await slash("-29036");
    const [card] = await waitForResponseUrl(id);
    const lang = button(card!, "lang");
    const clickId = await click(lang.value, lang.action_id, { is_ephemeral: true });
    const [replaced] = await waitForResponseUrl(clickId);
    expect(replaced!.replace_original).toBe(true);
    expect(allText(replaced!)).toContain("文件没上传完整");
    expect(buttons(replaced!).map((b) => b.text.text)).toEqual(["Share in channel", "English"]);
    expect(decodeButtonPayload(button(replaced!, "lang").value)).toEqual({ request: { mode: "lookup", query: "-29036", lang: "en" } });
  });

  it("Show all matches replaces the card with every match", async () => {
    const { id } = await slash("signature");
    const [card] = await waitForResponseUrl(id);
    const showAll = button(card!, "show-all");
    expect(showAll.text.text).toMatch(/Show all matches \(\+\d+\)/);
    const cardsBefore = (card!.blocks ?? []).filter((b: Json) => b.type === "divider").length + 1;
    const clickId = await click(showAll.value, showAll.action_id, { is_ephemeral: true });
    const [replaced] = await waitForResponseUrl(clickId);
    expect(replaced!.replace_original).toBe(true);
    const cardsAfter = (replaced!.blocks ?? []).filter((b: Json) => b.type === "divider").length + 1;
    expect(cardsAfter).toBeGreaterThan(cardsBefore);
    expect(buttons(replaced!).some((b) => String(b.action_id).startsWith("errcode:show-all"))).toBe(false);
  });

  it("a language switch on a public card gives the presser a private copy and leaves the channel's card alone", async () => {
    const ts = await message({ channel: AUTO, text: "upload rejected, X-ErrNo: -61" });
    const [posted] = await waitForPost(AUTO).then((all) => all.filter((m) => m.thread_ts === ts));
    const lang = button(posted!, "lang");
    const clickId = await click(lang.value, lang.action_id, { channel: AUTO, is_ephemeral: false, thread_ts: ts });
    const [answer] = await waitForResponseUrl(clickId);
    expect(answer!.replace_original).toBe(false);
    expect(answer!.response_type).toBe("ephemeral");
    // A card for codes found in a message also carries "Copy for support" (incident insight).
    expect(buttons(answer!).map((b) => b.text.text)).toEqual(["Share in channel", "English", "Copy for support"]);
  });

  it("a button whose long request is no longer kept says so; a value errcode did not make is ignored", async () => {
    const expiredId = await click("ref:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "errcode:lang:0");
    const [notice] = await waitForResponseUrl(expiredId);
    expect(notice!.response_type).toBe("ephemeral");
    expect(notice!.text).toContain("expired");

    const before = await h.handled("action");
    const forgedId = await click('{"m":"l","q":"x","l":"fr"}', "errcode:lang:0");
    await h.waitForHandled("action", before + 1);
    expect(viaResponseUrl(forgedId)).toEqual([]);
  });

  it("a pasted log too long for a button value is replayed from its reference", async () => {
    const log = Array.from({ length: 40 }, (_, i) => `2024-05-01T10:00:${String(i).padStart(2, "0")}Z worker-${i} upload failed: {"code": -29036, "message": "x"}`).join("\n");
    const { id } = await slash(log);
    const [card] = await waitForResponseUrl(id);
    const lang = button(card!, "lang");
    expect(lang.value).toMatch(/^ref:/);
    const clickId = await click(lang.value, lang.action_id, { is_ephemeral: true });
    const [replaced] = await waitForResponseUrl(clickId);
    expect(allText(replaced!)).toContain("文件没上传完整");
  });
});

describe("auto-explain", () => {
  it("answers a message with a confident code in its thread, once, without a share button", async () => {
    const repliesBefore = await h.metric("errcode_auto_replies_total");
    const ts = await message({ channel: AUTO, text: 'upload failed: {"code": -29036, "message": "x"}' });
    const replies = postedTo(AUTO).filter((m) => m.thread_ts === ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.via).toBe("chat.postMessage");
    expect(allText(replies[0]!)).toContain("ERR_DOWN_NOTFINISHED_FILE");
    expect(buttons(replies[0]!).some((b) => String(b.action_id).startsWith("errcode:share"))).toBe(false);
    expect(await h.metric("errcode_auto_replies_total")).toBe(repliesBefore + 1);
    expect(await h.metric("errcode_detections_total", { adapter: "slack" })).toBeGreaterThan(0);
  });

  it("a message already in a thread is answered in that thread (the parent's thread_ts)", async () => {
    const parent = nextTs();
    const ts = await message({ channel: AUTO, text: "COS upload still failing, X-ErrNo: -97 ERROR_PROXY_AUTH_FAILED on every retry", thread_ts: parent });
    const replies = postedTo(AUTO).filter((m) => m.thread_ts === parent);
    expect(replies).toHaveLength(1);
    expect(replies.some((m) => m.thread_ts === ts)).toBe(false);
  });

  it("works in private channels and group DMs", async () => {
    for (const [channel, channel_type] of [[PRIVATE, "group"], [GROUP_DM, "mpim"]] as const) {
      const ts = await message({ channel, channel_type, text: 'upload failed: {"code": -29036, "message": "x"}' });
      expect(postedTo(channel).filter((m) => m.thread_ts === ts)).toHaveLength(1);
    }
  });

  it("answers every DM to the bot directly, like a question, even outside AUTO_EXPLAIN_CHANNELS", async () => {
    const other = "DIM0000002";
    const before = postedTo(other).length;
    await message({ channel: other, channel_type: "im", text: "-29036" });
    await message({ channel: other, channel_type: "im", text: "what is -29036" });
    const replies = postedTo(other).slice(before);
    expect(replies).toHaveLength(2);
    expect(replies.every((m) => m.thread_ts === undefined)).toBe(true);
    expect(allText(replies[0]!)).toContain("ERR_DOWN_NOTFINISHED_FILE");
  });

  it("stays silent where auto-explain is off, on messages without a confident code, and on bots, edits and itself", async () => {
    const sentBefore = h.fake.sent().length;
    await message({ channel: QUIET, text: 'upload failed: {"code": -29036}' });
    await message({ channel: AUTO, text: "deploy took 200 ms, 3 files" });
    await message({ channel: AUTO, text: 'upload failed: {"code": -5999}', bot_id: "BOTHER0001", subtype: "bot_message" });
    await message({ channel: AUTO, text: 'upload failed: {"code": -5999}', subtype: "message_changed" });
    await message({ channel: AUTO, text: 'upload failed: {"code": -5999}', bot_id: "BOTHER0001" });
    // The bot's own messages are dropped by Bolt before any listener; a later message is the barrier.
    await event({ channel: AUTO, text: 'upload failed: {"code": -5999}', user: FAKE_BOT_USER, ts: nextTs() });
    await message({ channel: QUIET, text: "barrier" });
    expect(h.fake.sent().length).toBe(sentBefore);
  });

  it("the cooldown keeps the same code in the same place quiet, and counts it", async () => {
    const suppressedBefore = await h.metric("errcode_suppressed_replies_total", { reason: "cooldown" });
    const parent = nextTs();
    await message({ channel: AUTO, text: "errcode=-5999 here", thread_ts: parent });
    await message({ channel: AUTO, text: "errcode=-5999 again", thread_ts: parent });
    expect(postedTo(AUTO).filter((m) => m.thread_ts === parent)).toHaveLength(1);
    expect(await h.metric("errcode_suppressed_replies_total", { reason: "cooldown" })).toBe(suppressedBefore + 1);
  });
});

describe("Slack's retries", () => {
  it("a retried event (same event_id, X-Slack-Retry-Num) produces no second reply", async () => {
    const ts = nextTs();
    const fields = { channel: AUTO, text: 'upyun request failed: {"code": 40100006, "msg": "x"}', ts };
    const eventId = "EvRETRIED0001";
    await message(fields, { eventId });
    await event(fields, { eventId, retryNum: 1 });
    await event(fields, { eventId, retryNum: 2 });
    const dropped = await h.waitForLog(`"eventId":"${eventId}"`, 2);
    expect(dropped.every((l) => l.includes("dropping a redelivered Slack event"))).toBe(true);
    expect(postedTo(AUTO).filter((m) => m.thread_ts === ts)).toHaveLength(1);
  });

  it("the same message under another event id is not answered twice either", async () => {
    const ts = nextTs();
    const fields = { channel: AUTO, text: "download failed with errno=-6101", ts };
    await message(fields);
    await message(fields);
    expect(postedTo(AUTO).filter((m) => m.thread_ts === ts)).toHaveLength(1);
  });

  it("a retry whose original never arrived is handled: it may be the only delivery", async () => {
    const ts = nextTs();
    await message({ channel: AUTO, text: 'COS upload failed: {"code": -97, "message": "ERROR_PROXY_AUTH_FAILED"}', ts }, { retryNum: 3 });
    expect(postedTo(AUTO).filter((m) => m.thread_ts === ts)).toHaveLength(1);
    await h.waitForLog("handling a Slack retry whose original was not seen");
  });
});

describe("mentions and the message shortcut", () => {
  it("@errcode <code> is answered in the thread, even where auto-explain is off", async () => {
    const ts = nextTs();
    const before = await h.handled("mention");
    await event({ type: "app_mention", channel: QUIET, text: `<@${FAKE_BOT_USER}> -29036`, ts });
    await h.waitForHandled("mention", before + 1);
    const [reply] = postedTo(QUIET).filter((m) => m.thread_ts === ts);
    expect(header(reply!)).toBe("-29036 in Tencent Cloud COS (JSON API v4)");
  });

  it("a mention above pasted text explains the codes in it; the matching message event adds no second reply", async () => {
    const ts = nextTs();
    const parent = nextTs();
    const text = `<@${FAKE_BOT_USER}> what is this?\n\`\`\`{"code": -29036, "message": "x"}\nX-ErrNo: -6101\`\`\``;
    const before = await h.handled("mention");
    await event({ type: "app_mention", channel: AUTO, text, ts, thread_ts: parent });
    await h.waitForHandled("mention", before + 1);
    await message({ channel: AUTO, text, ts, thread_ts: parent });
    const replies = postedTo(AUTO).filter((m) => m.thread_ts === parent);
    expect(replies).toHaveLength(1);
    // -6101 is one code with a different meaning in two catalogs: two codes, three cards.
    expect(header(replies[0]!)).toBe("Found 2 error codes (3 definitions) in this message");
  });

  it("the shortcut answers the person who used it, ephemerally, where auto-explain is off too", async () => {
    const id = randomUUID();
    const answer = await postSigned(h.eventsUrl, asInteraction(messageShortcutPayload({ channel: QUIET, text: "the job died with errno=-6101", response_url: h.fake.responseUrl(id) })), FORM, signed());
    expect(answer.status).toBe(200);
    const [reply] = await h.fake.waitFor(() => {
      const found = h.fake.sent().filter((m) => m.via === "chat.postEphemeral" && m.channel === QUIET);
      return found.length ? found : undefined;
    });
    expect(reply!.user).toBe("UALICE0001");
    expect(reply!.thread_ts).toBeUndefined();
    expect(allText(reply!)).toContain("-6101");
    expect(buttons(reply!)[0].text.text).toBe("Share in channel");
  });

  it("on a message in a thread, the shortcut's answer goes into that thread", async () => {
    const id = randomUUID();
    await postSigned(h.eventsUrl, asInteraction(messageShortcutPayload({ channel: "CTHREADS02", ts: "1710000500.000002", thread_ts: "1710000500.000001", text: "errno=-6101", response_url: h.fake.responseUrl(id) })), FORM, signed());
    const [reply] = await waitForPost("CTHREADS02");
    expect(reply!.via).toBe("chat.postEphemeral");
    expect(reply!.thread_ts).toBe("1710000500.000001");
  });

  it("where the bot is not a member, the shortcut answers through response_url instead", async () => {
    h.fake.notInChannel.add("CNOTMEMBER");
    const errorsBefore = await h.metric("errcode_errors_total", { kind: "not_in_channel" });
    const id = randomUUID();
    await postSigned(h.eventsUrl, asInteraction(messageShortcutPayload({ channel: "CNOTMEMBER", text: "errno=-6101", response_url: h.fake.responseUrl(id) })), FORM, signed());
    const [reply] = await waitForResponseUrl(id);
    expect(reply!.response_type).toBe("ephemeral");
    expect(allText(reply!)).toContain("-6101");
    expect(await h.metric("errcode_errors_total", { kind: "not_in_channel" })).toBe(errorsBefore + 1);
  });

  it("a shortcut with another callback id reaches no handler", async () => {
    const id = randomUUID();
    // Nobody acknowledges it, so Bolt answers it itself after its own timeout (about 3 s).
    await postSigned(h.eventsUrl, asInteraction(messageShortcutPayload({ callback_id: "something_else", channel: "COTHERCB01", text: "errno=-6101", response_url: h.fake.responseUrl(id) })), FORM, signed());
    await postSigned(h.eventsUrl, asInteraction(messageShortcutPayload({ channel: "CBARRIER01", text: "errno=-6101", response_url: h.fake.responseUrl() })), FORM, signed());
    await waitForPost("CBARRIER01");
    expect(postedTo("COTHERCB01")).toEqual([]);
    expect(viaResponseUrl(id)).toEqual([]);
  });
});

describe("hostile input", () => {
  const hostile = "<!channel> <!here> <!everyone> <@U0BADBAD> <!subteam^S0BAD> @here @channel &lt;!channel&gt;";

  it("mentions and broadcasts in a message never come back out as markup", async () => {
    const parent = nextTs();
    await message({ channel: AUTO, thread_ts: parent, text: `${hostile} upload failed: {"code": -29036, "message": "<!channel>"}` });
    const [reply] = postedTo(AUTO).filter((m) => m.thread_ts === parent);
    const json = allText(reply!);
    expect(json).not.toMatch(/<!|<@|<#/);
    expect(json).not.toMatch(/@(here|channel|everyone)\b/);
  });

  it("in a slash command too", async () => {
    const { id } = await slash(hostile);
    const [reply] = await waitForResponseUrl(id);
    expect(allText(reply!)).not.toMatch(/<!|<@|<#/);
    // Markup-laden text reads as a paste: scanned for codes (none here), never echoed back.
    expect(header(reply!)).toBe("No error codes found");
    const typed = await slash("zz <!channel> zz");
    const [echo] = await waitForResponseUrl(typed.id);
    expect(allText(echo!)).not.toMatch(/<!|<@|<#/);
  });

  it("a megabyte of digits is survived, and the bot still answers afterwards", async () => {
    const before = await h.handled("message");
    await event({ channel: AUTO, text: "9".repeat(1_000_000), ts: nextTs() });
    await event({ channel: AUTO, text: `error code ${"1234567890".repeat(100_000)}`, ts: nextTs() });
    await h.waitForHandled("message", before + 2);
    const { id } = await slash("-29036");
    const [reply] = await waitForResponseUrl(id);
    expect(header(reply!)).toContain("-29036");
    for (const sent of h.fake.sent()) expect((sent.text ?? "").length).toBeLessThan(2000);
  });
});

describe("housekeeping", () => {
  it("listens where it was told (PORT=0 picks a free port) and reports ready", () => {
    expect(h.adapter.address()?.port).toBeGreaterThan(0);
    expect(h.adapter.address()?.address).toBe("127.0.0.1");
    expect(h.adapter.ready()).toBe(true);
  });

  it("every Web API call went to SLACK_API_URL with the bot token, and the fake saw no unknown method", () => {
    expect(h.fake.callsTo("auth.test")).toHaveLength(1);
    expect(h.fake.calls.every((c) => c.token === FAKE_BOT_TOKEN)).toBe(true);
    expect(h.fake.unknown).toEqual([]);
  });

  it("latency and lookups are recorded with adapter=slack", async () => {
    expect(await h.metric("errcode_lookups_total", { adapter: "slack", result: "lookup" })).toBeGreaterThan(0);
    expect(await h.handled("command")).toBeGreaterThan(0);
  });

  it("no secret ever reaches the logs", () => {
    const all = h.logs.join("");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(FAKE_BOT_TOKEN);
    expect(all).not.toContain(FAKE_SIGNING_SECRET);
  });
});
