// A button's `value` carries the ReplyRequest it replays. Slack caps a value at 2000 characters; we inline up to
// 1000 so that three buttons never eat most of a message's size budget. A request that does not fit (a long
// pasted log) travels as `ref:<hash>` and the adapter keeps the request under that key.
import { createHash } from "node:crypto";
import type { Lang, ReplyRequest } from "../core/card.js";

/** Slack's limit for a button value. */
export const ACTION_VALUE_MAX = 2000;
/** Our limit for a request carried inline in a value. */
export const INLINE_REQUEST_MAX = 1000;
export const REF_PREFIX = "ref:";

/** The compact wire form of a request: short keys keep most scan requests inline. */
interface WireRequest {
  m: "l" | "s";
  q: string;
  l: Lang;
  a?: 1;
  c?: string;
}

function toWire(request: ReplyRequest): WireRequest {
  const wire: WireRequest = { m: request.mode === "scan" ? "s" : "l", q: request.query, l: request.lang };
  if (request.all) wire.a = 1;
  if (request.catalog) wire.c = request.catalog;
  return wire;
}

function fromWire(value: unknown): ReplyRequest | undefined {
  if (!value || typeof value !== "object") return undefined;
  const wire = value as Partial<Record<keyof WireRequest, unknown>>;
  if ((wire.m !== "l" && wire.m !== "s") || typeof wire.q !== "string" || (wire.l !== "en" && wire.l !== "zh")) return undefined;
  if (wire.c !== undefined && (typeof wire.c !== "string" || !/^[\w.-]{1,64}$/.test(wire.c))) return undefined;
  const request: ReplyRequest = { mode: wire.m === "s" ? "scan" : "lookup", query: wire.q, lang: wire.l };
  if (wire.a === 1) request.all = true;
  if (typeof wire.c === "string") request.catalog = wire.c;
  return request;
}

/** The key an oversized request is kept under: a hash of its wire form, so the same request gets the same key. */
export function requestRef(request: ReplyRequest): string {
  return `${REF_PREFIX}${createHash("sha256").update(JSON.stringify(toWire(request))).digest("base64url").slice(0, 32)}`;
}

// Values are not rendered, but they are echoed back and show up in payload dumps: keep markup characters out of
// them too. `\u003c` and friends are still plain JSON.
const JSON_MARKUP: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "@": "\\u0040" };

/** A button value for `request`: the request itself when it is short, otherwise its ref. */
export function encodeActionValue(request: ReplyRequest): string {
  const inline = JSON.stringify(toWire(request)).replace(/[<>&@]/g, (c) => JSON_MARKUP[c]!);
  return inline.length <= INLINE_REQUEST_MAX ? inline : requestRef(request);
}

export type DecodedActionValue = { request: ReplyRequest } | { ref: string } | { invalid: true };

/** Reads a button value back; values are checked, not trusted. */
export function decodeActionValue(value: string | undefined): DecodedActionValue {
  if (!value) return { invalid: true };
  if (value.length > ACTION_VALUE_MAX) return { invalid: true };
  if (value.startsWith(REF_PREFIX)) return /^ref:[\w-]{32}$/.test(value) ? { ref: value } : { invalid: true };
  try {
    const request = fromWire(JSON.parse(value));
    return request ? { request } : { invalid: true };
  } catch {
    return { invalid: true };
  }
}
