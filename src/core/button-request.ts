// The one encoding of a button's request, for every platform: the ReplyRequest itself when it fits in the room
// the platform gives a button (Slack's value, Discord's custom_id), else `ref:<hash>` and the request is kept in
// the state store under that ref (shared by every replica with Redis).
import { createHash } from "node:crypto";
import type { Reply, ReplyRequest } from "./card.js";

export const REF_PREFIX = "ref:";
/** How long a long request stays pressable. */
export const BUTTON_REF_TTL_MS = 24 * 60 * 60_000;
/** Longest button payload accepted back from a platform (Slack's value limit). */
export const BUTTON_VALUE_MAX = 2000;

// Payloads are echoed back and show up in dumps: markup characters (and `%`, the escape itself) never appear raw.
const ESCAPES: Record<string, string> = { "%": "%25", "<": "%3C", ">": "%3E", "&": "%26", "@": "%40" };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([c, e]) => [e, c]));

/** `mode:lang:all:catalog:query`, e.g. `l:en:0::-29036`; the query goes last and may hold colons. */
export function encodeRequest(request: ReplyRequest): string {
  const query = request.query.replace(/[%<>&@]/g, (c) => ESCAPES[c]!);
  return [request.mode === "scan" ? "s" : "l", request.lang, request.all ? "1" : "0", request.catalog ?? "", query].join(":");
}

/** Reads an encoded request back; anything malformed is undefined (payloads are checked, not trusted). */
export function decodeRequest(encoded: string): ReplyRequest | undefined {
  const match = /^([ls]):(en|zh):([01]):([\w.-]{0,64}):([\s\S]*)$/.exec(encoded);
  if (!match) return undefined;
  const [, mode, lang, all, catalog, query] = match;
  const request: ReplyRequest = { mode: mode === "s" ? "scan" : "lookup", query: query!.replace(/%(?:25|3C|3E|26|40)/g, (e) => UNESCAPES[e]!), lang: lang as ReplyRequest["lang"] };
  if (all === "1") request.all = true;
  if (catalog) request.catalog = catalog;
  return request;
}

/** The ref a request too long for its button is kept under: the same request always gets the same ref. */
export function requestRef(request: ReplyRequest): string {
  return `${REF_PREFIX}${createHash("sha256").update(encodeRequest(request)).digest("base64url").slice(0, 32)}`;
}

/** A button's payload within `room` characters: the request inline, or its ref. */
export function buttonPayload(request: ReplyRequest, room: number): string {
  const inline = encodeRequest(request);
  return inline.length <= room ? inline : requestRef(request);
}

export type DecodedButton = { request: ReplyRequest } | { ref: string } | { invalid: true };

/** A payload that came back from a platform: a request, a ref to look up, or something errcode did not make. */
export function decodeButtonPayload(payload: string | undefined): DecodedButton {
  if (!payload || payload.length > BUTTON_VALUE_MAX) return { invalid: true };
  if (payload.startsWith(REF_PREFIX)) return /^ref:[\w-]{32}$/.test(payload) ? { ref: payload } : { invalid: true };
  const request = decodeRequest(payload);
  return request ? { request } : { invalid: true };
}

/** The requests of a reply's buttons that travel as refs on a platform with `room` characters per button. */
export function requestsByRef(reply: Reply, room: number): Array<{ ref: string; request: ReplyRequest }> {
  return reply.actions.flatMap(({ request }) => (encodeRequest(request).length > room ? [{ ref: requestRef(request), request }] : []));
}
