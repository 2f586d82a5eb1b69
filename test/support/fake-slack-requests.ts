// What Slack sends an app: slash commands, events and interaction payloads, signed the way Slack signs them
// (v0: HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing secret).
import { createHmac, randomUUID } from "node:crypto";
import { FAKE_BOT_USER, FAKE_TEAM } from "./fake-slack.js";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedRequestOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (for forgeries). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackHttpAnswer {
  status: number;
  body: string;
  ms: number;
}

export async function postSigned(url: string, body: string, contentType: string, options: SignedRequestOptions): Promise<SlackHttpAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

// ---- payloads (objects, as Socket Mode carries them; encode them for HTTP with the helpers below) ----

export function commandPayload(fields: { text: string; response_url: string; channel_id?: string; channel_name?: string; user_id?: string }): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: FAKE_TEAM,
    team_domain: "fake",
    channel_id: fields.channel_id ?? "CGENERAL01",
    channel_name: fields.channel_name ?? "general",
    user_id: fields.user_id ?? "UALICE0001",
    user_name: "alice",
    command: "/errcode",
    text: fields.text,
    api_app_id: "AFAKEAPP01",
    is_enterprise_install: "false",
    response_url: fields.response_url,
    trigger_id: `${Date.now()}.trigger`,
  };
}

export interface MessageEventFields {
  type?: "message" | "app_mention";
  channel: string;
  channel_type?: "channel" | "group" | "im" | "mpim";
  text: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
}

/** An Events API `event_callback` wrapping a message or app_mention event. */
export function eventCallback(fields: MessageEventFields, eventId = `Ev${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`): Record<string, unknown> {
  const { type = "message", ...event } = fields;
  return {
    token: "legacy-verification-token",
    team_id: FAKE_TEAM,
    api_app_id: "AFAKEAPP01",
    event: { type, user: "UALICE0001", event_ts: fields.ts, ...event, ...(type === "app_mention" ? {} : { channel_type: fields.channel_type ?? "channel" }) },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function blockActionPayload(fields: {
  action_id: string;
  value: string;
  response_url: string;
  channel?: string;
  is_ephemeral?: boolean;
  thread_ts?: string;
  message_ts?: string;
}): Record<string, unknown> {
  const channel = fields.channel ?? "CGENERAL01";
  return {
    type: "block_actions",
    user: { id: "UALICE0001", username: "alice", name: "alice", team_id: FAKE_TEAM },
    api_app_id: "AFAKEAPP01",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: fields.message_ts ?? "1700000100.000100", channel_id: channel, is_ephemeral: fields.is_ephemeral ?? true, ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}) },
    trigger_id: `${Date.now()}.trigger`,
    team: { id: FAKE_TEAM, domain: "fake" },
    channel: { id: channel, name: "general" },
    response_url: fields.response_url,
    actions: [{ type: "button", action_id: fields.action_id, block_id: "b1", text: { type: "plain_text", text: "x" }, value: fields.value, action_ts: `${Date.now() / 1000}` }],
  };
}

export function messageShortcutPayload(fields: { text: string; response_url: string; channel?: string; ts?: string; thread_ts?: string; callback_id?: string }): Record<string, unknown> {
  const ts = fields.ts ?? "1700000200.000200";
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: `${Date.now() / 1000}`,
    team: { id: FAKE_TEAM, domain: "fake" },
    user: { id: "UALICE0001", username: "alice", name: "alice", team_id: FAKE_TEAM },
    channel: { id: fields.channel ?? "CGENERAL01", name: "general" },
    is_enterprise_install: false,
    callback_id: fields.callback_id ?? "explain_error_codes",
    trigger_id: `${Date.now()}.trigger`,
    response_url: fields.response_url,
    message_ts: ts,
    message: { type: "message", user: "UBOB000001", ts, text: fields.text, ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}) },
  };
}

// ---- HTTP encodings ----

export const asForm = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
export const asInteraction = (payload: Record<string, unknown>): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
export const asJson = (body: unknown): string => JSON.stringify(body);
