import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";
import { chatToPlainText } from "./chat-text.js";

export interface Detection {
  entry: Entry;
  catalog: string;
  code: number;
  confidence: number;
  reason: string;
  /** What the text said, e.g. `"code": -29036` or `ERR_DOWN_NOTFINISHED_FILE`. */
  evidence: string;
  requestId?: string;
  /** Offset in the normalised text, for ordering and request-id proximity. */
  offset: number;
}

export interface DetectOptions {
  /** Detections below this confidence are dropped. */
  minConfidence?: number;
}

export const AUTO_REPLY_CONFIDENCE = 0.8;
export const EXPLICIT_CONFIDENCE = 0.5;
/** Text past this length is not scanned: no chat message is this long, and the cap bounds the work. */
export const MAX_SCAN_CHARS = 2_000_000;

// All patterns below are linear: no nested quantifiers, bounded lookbehind.
const NUMBER = /(?<![\w.\-+#/:%$])([-+]?)(\d{1,12})(?![\w.%]|-\d|:\d)/g;
const SYMBOL_TOKEN = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const UPYUN_MESSAGE = /["']msg["']\s*:\s*["']([^"'\n]{1,200})["']/g;
const URL_SPAN = /\b(?:https?|ftp|s3|cos):\/\/[^\s<>"'`]{1,4096}/g;
const REQUEST_ID =
  /\b(?:x-cos-request-id|x-upyun-request-id|x-request-id|request[_-]?id|requestid|req[_-]?id|"id")["']?\s*[:=]\s*["']?([A-Za-z0-9][A-Za-z0-9_.\-=+/]{5,127})/gi;

/** Keys that name an error code when they stand right before the number (`"code": `, `errno=`, `X-ErrNo: `). */
const CODE_KEY =
  /(?:\b(?:x-errno|errno|err_?no|errcode|err_?code|error_?code|errorcode|error_?no|ret_?code|retcode|ret|rc|code|status_?code)\b["']?\s*(?:[:=]|=>|is)?\s*["']?|<(?:code|errno|errcode|errorcode)>\s*|(?:错误码|返回码)\s*[:：=]?\s*)$/i;
/** Words that say a line is about a failure, which makes a bare catalog code believable. */
const ERROR_WORDS = /\b(?:error|errors|err|fail(?:ed|s|ure)?|exception|denied|reject(?:ed)?|got|returned?|returns|throws?|code)\b|失败|错误|报错|异常/i;
/** Context right after a number that says it is a quantity, not a code. */
const UNIT_AFTER = /^\s?(?:ms|s|sec|secs|seconds?|min|minutes?|h|hours?|days?|b|kb|mb|gb|tb|kib|mib|gib|bytes?|%|px|rpm|qps|x|times|items?|files?|objects?|rows?|users?|requests?)\b/i;
/** Context right before a number that says it is an id, a count or a position. */
const NOT_CODE_BEFORE =
  /(?:\b(?:port|pid|line|lines|offset|version|ver|v|id|uid|gid|build|pr|issue|ticket|step|size|len|length|count|total|timeout|retry|retries|attempt|page|limit|width|height|year|took|after|in|at|takes?|on|tel|phone)\s*[:=]?\s*|[#@]\s*|\b\d+\s*[-+*/x]\s*)$/i;

function contextBefore(text: string, offset: number, width = 48): string {
  return text.slice(Math.max(0, offset - width), offset);
}

function lineAround(text: string, offset: number, width = 160): string {
  const start = Math.max(0, text.lastIndexOf("\n", offset) + 1, offset - width);
  let end = text.indexOf("\n", offset);
  if (end < 0 || end > offset + width) end = Math.min(text.length, offset + width);
  return text.slice(start, end);
}

function urlSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(URL_SPAN)].map((m) => [m.index!, m.index! + m[0].length]);
}

function insideAny(spans: Array<[number, number]>, offset: number): boolean {
  // Spans are sorted; a binary search keeps a URL-heavy message linear.
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

interface Scored {
  confidence: number;
  reason: string;
}

function scoreNumber(text: string, offset: number, raw: string, code: number, entry: Entry): Scored | undefined {
  const before = contextBefore(text, offset);
  const after = text.slice(offset + raw.length, offset + raw.length + 12);
  const keyed = CODE_KEY.test(before);
  const digits = raw.replace(/^[-+]/, "").length;
  if (UNIT_AFTER.test(after)) return undefined;
  if (keyed) {
    // Three-digit positives after a key may still be HTTP statuses; the catalog has a few (403, 500...).
    const confidence = code > 0 && digits <= 3 ? 0.7 : 0.95;
    return { confidence, reason: "context keyword" };
  }
  if (NOT_CODE_BEFORE.test(before)) return undefined;
  const errorContext = ERROR_WORDS.test(lineAround(text, offset));
  if (entry.catalog === "upyun" || digits >= 8) {
    return { confidence: errorContext ? 0.92 : 0.85, reason: "catalog code of a distinctive shape" };
  }
  if (code < 0 && digits >= 4) return { confidence: errorContext ? 0.9 : 0.82, reason: "negative catalog code" };
  if (code < 0 && digits === 3) return { confidence: errorContext ? 0.82 : 0.6, reason: "negative catalog code" };
  if (code < 0 && digits === 2) return { confidence: errorContext ? 0.6 : 0.4, reason: "short negative catalog code" };
  return undefined;
}

function nearestRequestId(ids: Array<{ offset: number; value: string }>, offset: number): string | undefined {
  let best: { offset: number; value: string } | undefined;
  for (const id of ids) {
    if (!best || Math.abs(id.offset - offset) < Math.abs(best.offset - offset)) best = id;
  }
  return best && Math.abs(best.offset - offset) < 2000 ? best.value : undefined;
}

/** Finds catalog codes in pasted text: each (catalog, code) once, most confident first. */
export function detect(index: CatalogIndex, input: string, options: DetectOptions = {}): Detection[] {
  const minConfidence = options.minConfidence ?? EXPLICIT_CONFIDENCE;
  const text = chatToPlainText(input.length > MAX_SCAN_CHARS ? input.slice(0, MAX_SCAN_CHARS) : input);
  const urls = urlSpans(text);
  const found = new Map<string, Detection>();
  const requestIds = [...text.matchAll(REQUEST_ID)].map((m) => ({ offset: m.index!, value: m[1]! }));

  const add = (entry: Entry, scored: Scored, offset: number, evidence: string) => {
    if (scored.confidence < minConfidence) return;
    const key = `${entry.catalog}:${entry.code}`;
    const previous = found.get(key);
    if (previous && previous.confidence >= scored.confidence) return;
    found.set(key, { entry, catalog: entry.catalog, code: entry.code, ...scored, evidence, offset, requestId: nearestRequestId(requestIds, offset) });
  };

  for (const match of text.matchAll(NUMBER)) {
    const offset = match.index!;
    if (insideAny(urls, offset)) continue;
    const magnitude = Number(match[2]);
    const code = match[1] === "-" ? -magnitude : magnitude;
    for (const entry of index.byExactCode(code)) {
      const scored = scoreNumber(text, offset, match[0], code, entry);
      if (scored) add(entry, scored, offset, lineAround(text, offset, 40).trim());
    }
  }
  for (const match of text.matchAll(SYMBOL_TOKEN)) {
    for (const entry of index.byExactSymbol(match[0])) add(entry, { confidence: 0.97, reason: "symbol" }, match.index!, match[0]);
  }
  for (const match of text.matchAll(UPYUN_MESSAGE)) {
    for (const entry of index.byExactSymbol(match[1]!)) add(entry, { confidence: 0.9, reason: "UpYun message" }, match.index!, match[0]);
  }
  // An UpYun body carries both its code and its message: one detection, already keyed by code.
  return [...found.values()].sort((a, b) => b.confidence - a.confidence || a.offset - b.offset);
}
