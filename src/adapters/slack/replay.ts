// Request verification for Slack HTTP mode, done once, before Bolt sees the request: the v0 signature and the
// staleness check (Slack's own rules, through Bolt's isValidSlackRequest), then replay protection: a correctly
// signed request is refused when its signature was already used (by any replica sharing the state store) or when
// its timestamp is more than five minutes in the future.
import type { IncomingHttpHeaders } from "node:http";
import { isValidSlackRequest } from "@slack/bolt";
import { STATE_KEYS, type StateStore } from "../../state/store.js";

const FIVE_MINUTES_S = 5 * 60;
/** A signature can be valid from five minutes before now to five after: remember it for both. */
const SIGNATURE_TTL_MS = 2 * FIVE_MINUTES_S * 1000;

export type ReplayVerdict = "fresh" | "replayed" | "future" | "unsigned";

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

export async function replayVerdict(state: StateStore, signingSecret: string, headers: IncomingHttpHeaders, rawBody: Buffer, nowMs = Date.now()): Promise<ReplayVerdict> {
  const signature = header(headers, "x-slack-signature");
  const timestamp = Number(header(headers, "x-slack-request-timestamp"));
  if (!signature || !Number.isInteger(timestamp)) return "unsigned";
  const body = rawBody.toString("utf8");
  // Only a request signed with our secret may take a signature's place: anyone else could otherwise burn one.
  if (!isValidSlackRequest({ signingSecret, body, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp } })) return "unsigned";
  if (timestamp > Math.floor(nowMs / 1000) + FIVE_MINUTES_S) return "future";
  // Slack re-sends an unacknowledged event with X-Slack-Retry-Num; event ids deduplicate those. Commands and
  // interactions (form bodies) are never retried, so for them the signature alone decides.
  const retry = body.startsWith("{") ? (header(headers, "x-slack-retry-num") ?? "") : "";
  const claimed = await state.claim(STATE_KEYS.slackSignature(`${signature}#${retry}`), SIGNATURE_TTL_MS);
  return claimed ? "fresh" : "replayed";
}
