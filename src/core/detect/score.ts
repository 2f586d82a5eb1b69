// How sure detect() is that a number, symbol or message is a given catalog entry, and why.
import type { Entry } from "../../catalog/schema.js";
import type { NumberContext } from "./context.js";
import type { MessageFacts } from "./message.js";

/** Lower-cased symbols and the Chinese vendor sentences of an entry, computed once per entry. */
interface EntryTexts {
  /** `catalog:code` */
  key: string;
  symbols: string[];
  sentences: string[];
}
const entryTextsCache = new WeakMap<Entry, EntryTexts>();

export function textsOf(entry: Entry): EntryTexts {
  let texts = entryTextsCache.get(entry);
  if (!texts) {
    texts = {
      key: `${entry.catalog}:${entry.code}`,
      symbols: entry.symbols.filter((s) => s.length >= 4).map((s) => s.toLowerCase()),
      // Short sentences (参数错误, 文件不存在) are what any service says; only a longer one identifies the vendor.
      sentences: (entry.zh ?? "").split(" / ").map((s) => s.trim()).filter((s) => s.length >= 6 && /\p{Script=Han}/u.test(s)),
    };
    entryTextsCache.set(entry, texts);
  }
  return texts;
}

/** Symbols also used outside these vendors (Apache's HTTP_INTERNAL_SERVER_ERROR, codec errors): need the vendor named. */
const WIDELY_USED_SYMBOL = /^(?:HTTP|ASN|PROTOBUF|JSON|XML)_/;

export function symbolConfidence(symbol: string, vendor: boolean): number {
  if (WIDELY_USED_SYMBOL.test(symbol)) return vendor ? 0.88 : 0.6;
  // Go-style ErrHttpTimeout / ErrParamInvalid: plausible names in anyone's code base.
  if (/^Err[A-Z]/.test(symbol)) return vendor ? 0.9 : 0.75;
  return 0.97;
}

/** A message alone (no code next to it) is too generic to auto-reply on: "not found", "type invalid". */
export function vendorMessageConfidence(message: string, vendor: boolean): number {
  return vendor || message.split(/\s+/).length >= 3 ? 0.6 : 0.45;
}

const HTTP_STATUSES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404,
  405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
  503, 504, 505, 506, 507, 508, 510, 511,
]);

type Shape = "negative-5" | "negative-4" | "negative-3" | "negative-2" | "negative-1" | "long" | "http" | "positive-3" | "other";

function shapeOf(code: number, digits: number): Shape {
  if (code < 0) return digits >= 5 ? "negative-5" : digits === 4 ? "negative-4" : digits === 3 ? "negative-3" : digits === 2 ? "negative-2" : "negative-1";
  if (digits >= 8) return "long";
  if (HTTP_STATUSES.has(code)) return "http";
  if (digits === 3) return "positive-3";
  return "other";
}

/** Round (`-2000`) or one repeated digit (`-9999`, a common "no data" sentinel): typical of quantities. */
function isRoundish(code: number): boolean {
  const magnitude = Math.abs(code);
  return magnitude % 100 === 0 || /^(\d)\1+$/.test(String(magnitude));
}

/**
 * How sure a number is a code, by shape and context. Long and negative five-digit codes are distinctive alone;
 * the shorter a code, the more the context must say (a code key, a verb, vendor and failure words). Short
 * negatives collide with sentinels and errnos, three-digit positives with HTTP statuses.
 */
function confidenceFor(n: NumberContext, vendor: boolean): number {
  const key = n.key.kind;
  const keyed = key === "code";
  // A JSON/XML field or a header is an API talking; `ret = -97` or `return code -104` may be anyone's C code,
  // where short negatives are usually negated errnos.
  const structured = n.key.style !== "text";
  switch (shapeOf(n.code, n.digits)) {
    case "negative-5":
      if (keyed || key === "errno") return 0.97;
      if (key === "verb") return 0.94;
      if (key === "status") return 0.93;
      return n.failureNearby ? 0.92 : vendor ? 0.9 : 0.85;
    case "long":
      if (keyed || key === "errno") return vendor ? 0.97 : 0.95;
      if (key === "verb") return vendor ? 0.92 : 0.82;
      if (key === "status") return 0.7;
      if (vendor) return n.failureNearby ? 0.9 : 0.86;
      return n.failureAdjacent ? 0.82 : n.failureNearby ? 0.75 : 0.7;
    case "negative-4":
      if (keyed || key === "errno") return 0.95;
      if (key === "verb") return 0.9;
      if (key === "status") return 0.88;
      if (n.failureNearby) return 0.86;
      return vendor ? 0.84 : isRoundish(n.code) ? 0.66 : 0.8;
    case "negative-3":
      if (keyed) return structured || vendor ? 0.92 : 0.75;
      if (key === "errno") return vendor ? 0.9 : 0.72;
      if (key === "status") return vendor ? 0.86 : 0.65;
      if (key === "verb") return vendor ? 0.86 : 0.72;
      return n.failureNearby ? (vendor ? 0.84 : 0.6) : vendor ? 0.8 : 0.55;
    case "negative-2":
      if (keyed) return structured || vendor ? 0.88 : 0.75;
      if (key === "errno") return vendor ? 0.88 : 0.7;
      if (key === "status") return vendor ? 0.82 : 0.6;
      if (key === "verb") return vendor ? 0.84 : 0.62;
      return n.failureNearby ? (vendor ? 0.75 : 0.55) : 0.5;
    case "negative-1":
      if (keyed) return vendor ? 0.82 : 0.55;
      if (key === "errno") return vendor ? 0.75 : 0.5;
      return key === "verb" && vendor ? 0.6 : 0.3;
    case "http":
      if (keyed) return vendor ? 0.72 : 0.55;
      return 0.3;
    case "positive-3":
      if (keyed) return vendor ? 0.9 : 0.7;
      if (key === "verb") return vendor ? 0.75 : 0.5;
      return 0.3;
    default:
      return keyed ? 0.6 : 0.3;
  }
}

function reasonFor(n: NumberContext, vendor: boolean): string {
  const { kind, style } = n.key;
  if (kind === "code" || kind === "errno" || kind === "status") {
    return style === "json" ? "JSON key" : style === "xml" ? "XML tag" : style === "header" ? "header" : "context keyword";
  }
  if (kind === "verb") return "context keyword";
  if (n.failureNearby) return "failure words on the line";
  if (vendor) return "vendor named in the message";
  return "shape";
}

/** How sure a number is this entry, and why; undefined when it is a quantity. */
export function judgeNumber(facts: MessageFacts, entry: Entry, n: NumberContext): { confidence: number; reason: string } | undefined {
  const texts = textsOf(entry);
  // `40300009 file too large`, `-177 ERROR_CMD_COS_FILE_EXIST`: the code's own symbol or message follows it.
  const described = n.wordsAfter !== "" && texts.symbols.some((symbol) => n.wordsAfter.startsWith(symbol));
  if (n.unitAfter && !described) return undefined;
  const vendor = facts.vendors.has(entry.catalog);
  const confidence = confidenceFor(n, vendor);
  const reason = reasonFor(n, vendor);
  if (n.key.kind === "exit") return { confidence: Math.min(confidence, 0.3), reason };
  if (n.key.kind === "status") return { confidence, reason };
  const vendorSentence = n.hanWindow !== "" && texts.sentences.some((sentence) => n.hanWindow.includes(sentence));
  if (described || facts.named.has(texts.key) || vendorSentence) {
    return { confidence: Math.max(confidence, 0.95), reason: "catalog hit: the message also names this code's symbol or vendor text" };
  }
  return { confidence, reason };
}
