import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";
import { chatToPlainText } from "./chat-text.js";

export interface Detection {
  entry: Entry;
  catalog: string;
  code: number;
  confidence: number;
  /** Why the number or word was taken for this code: context keyword, JSON key, header, symbol, catalog hit, shape... */
  reason: string;
  /** What the text said, e.g. `"code": -29036` or `ERR_DOWN_NOTFINISHED_FILE`. */
  evidence: string;
  requestId?: string;
  /** Offset in the normalised text, for ordering and request-id proximity. */
  offset: number;
}

/** Work done by one call, for tests that prove the scan stays linear without timing it. */
export interface DetectStats {
  /** Characters read by whole-text passes (normalisation, each regular-expression pass). */
  scannedChars: number;
  /** Numbers and symbols that passed the shape checks and were looked up in the catalogs. */
  candidates: number;
  /** Characters read around candidates to judge them: a bounded window each. */
  contextChars: number;
}

export interface DetectOptions {
  /** Detections below this confidence are dropped. */
  minConfidence?: number;
  /** When given, the counters are incremented with the work this call did. */
  stats?: DetectStats;
}

export const AUTO_REPLY_CONFIDENCE = 0.8;
export const EXPLICIT_CONFIDENCE = 0.5;
/** Text past this length is not scanned: no chat message is this long, and the cap bounds the work. */
export const MAX_SCAN_CHARS = 2_000_000;

// Linear time. Each whole-text pattern below is led by a keyword or a fixed shape and uses bounded repetitions
// (no nested unbounded quantifiers), so a failed attempt costs a bounded number of steps. Numbers are read by hand.
// Each candidate is judged in bounded windows around it, and the whole-text facts (URL spans, failure words,
// request ids, line breaks) are found once and looked up by binary search. test/detect-linear.test.ts counts it.

const MAX_CODE_DIGITS = 12;
const SYMBOL = /\b[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,12}\b|\bErr[A-Z][A-Za-z0-9]{2,60}\b/g;
/** A short text field next to a code, where UpYun puts its message (`"msg": "file or directory not found"`). */
const MESSAGE_FIELD = /\b(?:msg|message|errmsg|error_?msg|error_?message)["']?\s*[:=]\s*["']([^"'\n]{1,200})["']/gi;
const URL_SPAN = /\b(?:https?|ftp|s3|cos):\/\/[^\s<>"'`]{1,4096}/g;
const REQUEST_ID =
  /(?:\b(x-cos-request-id|x-upyun-request-id|x-request-id|request[ _-]?id|req[_-]?id)\b|["'](id)["']|\b(id)(?==))["']?(?:[ \t]*(?:=>|[:=>])[ \t]*|[ \t]+)["']?([A-Za-z0-9][A-Za-z0-9_.\-=+/]{5,127})/gi;
/** Words that say a line is about a failure. */
const FAILURE_WORDS = /\b(?:errors?|err|fail(?:s|ed|ing|ure)?|exception|denied|rejected|refused|invalid|forbidden|timed out)\b|失败|错误|报错|异常|拒绝|超时/gi;
/** POSIX errno names: a short negative number next to one is a kernel/libuv errno (`errno: -111, code: 'ECONNREFUSED'`). */
const POSIX_ERRNO =
  /\b(?:E(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|ADDRINUSE|ADDRNOTAVAIL|HOSTUNREACH|HOSTDOWN|NETUNREACH|NETDOWN|NETRESET|PIPE|NOENT|ACCES|PERM|INTR|AGAIN|WOULDBLOCK|NOTFOUND|AI_AGAIN|AI_NONAME|PROTO|NOTSUP|OPNOTSUPP|IO|NOMEM|NOSPC|EXIST|INVAL|BADF|MFILE|NFILE|NOTCONN|ALREADY|INPROGRESS|MSGSIZE|NOBUFS|ISCONN|NOTSOCK|CANCELED|NOTEMPTY|ROFS|BUSY|NOSYS|NOTDIR|ISDIR|FAULT|SRCH|NXIO|NODEV|PROTONOSUPPORT|AFNOSUPPORT|OVERFLOW|REMOTEIO|NODATA|STALE)|syscall)\b/g;
const HAN_RUN = /\p{Script=Han}{2,}/gu;
/** Right after a number: it is a quantity (`500 ms`, `-65 dBm`, `-80°C`, `413 objects`), not a code. */
const UNIT_AFTER =
  /^\s?(?:ms|msecs?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|b|bytes?|kb|mb|gb|tb|kib|mib|gib|tib|k|m|g|px|pt|r?em|dbm?|ppm|hz|khz|mhz|ghz|rpm|qps|rps|tps|cny|usd|eur|rmb|yuan|items?|files?|objects?|rows?|records?|lines?|users?|requests?|reqs?|times|events?|entries|points?|pts|个|次|秒|毫秒|分钟|小时|天|字节|行|条|张|人|度|元|块)(?![A-Za-z])|^\s?[%‰°℃]/i;
const HTTP_STATUSES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404,
  405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
  503, 504, 505, 506, 507, 508, 510, 511,
]);

// ------------------------------------------------------------------------------------------ vendor hints

/** How a message can name a catalog: `specific` names only it; `weak` words only help choose between catalogs. */
interface CatalogHints {
  catalog: string;
  specific?: RegExp;
  weak?: RegExp;
}

/** Host names, headers and SDK names of the built-in catalogs, beyond their aliases. */
const BUILTIN_HINTS: Record<string, { specific: string[]; weak?: string[] }> = {
  "tencent-cos-v4": {
    specific: [String.raw`x-cos-`, String.raw`\.cos\.[a-z0-9-]+\.myqcloud\.com`, String.raw`qcloud[_-]?cos`, String.raw`\bcos(?:fs|cmd|api|sdk|client)\b`, "对象存储"],
  },
  "tencent-ci-image": {
    specific: [String.raw`[.-](?:image|pic[a-z0-9]*)\.myqcloud\.com`, String.raw`\bimage[ -](?:service|plugin|processing)\b`, "数据万象", "图片服务", String.raw`\btencent-ci\b`],
    weak: [String.raw`\bimages?\b`, String.raw`\bthumbnails?\b`, String.raw`\bpictures?\b`, "图片", String.raw`\bimage(?:Mogr2?|View2?)\b`],
  },
  upyun: { specific: [String.raw`x-upyun-`, "upyun"] },
};
/** Words that name the vendor behind several catalogs: context for each of them, but no choice between them. */
const FAMILY_HINTS: Array<{ catalogs: string[]; pattern: RegExp }> = [
  { catalogs: ["tencent-cos-v4", "tencent-ci-image"], pattern: /tencent|qcloud|myqcloud|腾讯云/i },
];
/** Catalog aliases too common in chat to name a vendor: `image` only helps choose, `ci` (CI/CD) says nothing. */
const WEAK_ALIASES = new Set(["image", "images"]);
const IGNORED_ALIASES = new Set(["ci"]);

const hintsCache = new WeakMap<CatalogIndex, CatalogHints[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An alias as a whole word (`cos` but not `cos(x)` or `cosine`); Chinese names have no word boundaries. */
function aliasPattern(alias: string): string {
  const escaped = escapeRegExp(alias);
  return /^[\x20-\x7e]+$/.test(alias) ? String.raw`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9]|\s*\()` : escaped;
}

function hintsFor(index: CatalogIndex): CatalogHints[] {
  let hints = hintsCache.get(index);
  if (hints) return hints;
  hints = index.catalogs.map((catalog) => {
    const words = [catalog.id, ...catalog.aliases].filter((a) => !IGNORED_ALIASES.has(a.toLowerCase()));
    const specific = [...words.filter((a) => !WEAK_ALIASES.has(a.toLowerCase())).map(aliasPattern), ...(BUILTIN_HINTS[catalog.id]?.specific ?? [])];
    const weak = [...words.filter((a) => WEAK_ALIASES.has(a.toLowerCase())).map(aliasPattern), ...(BUILTIN_HINTS[catalog.id]?.weak ?? [])];
    return {
      catalog: catalog.id,
      specific: specific.length ? new RegExp(specific.join("|"), "i") : undefined,
      weak: weak.length ? new RegExp(weak.join("|"), "i") : undefined,
    };
  });
  hintsCache.set(index, hints);
  return hints;
}

// ------------------------------------------------------------------------------------------ message facts

interface RequestIdAt {
  offset: number;
  value: string;
}

/** What is known about the whole message before any candidate is judged. */
interface MessageFacts {
  text: string;
  urls: Array<[number, number]>;
  newlines: number[];
  failureWords: number[];
  errnoNames: number[];
  /** Where runs of Chinese text start: vendor sentences are Chinese. */
  hanRuns: number[];
  requestIds: RequestIdAt[];
  /** Catalogs the message is about: named specifically or by vendor family. */
  vendors: Set<string>;
  /** Catalogs the message singles out (specific or weak hints): used to choose between catalogs sharing a code. */
  picked: Set<string>;
  /** `catalog:code` pairs the message names by symbol or vendor message. */
  named: Set<string>;
  stats?: DetectStats;
}

function offsetsOf(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => m.index!);
}

function requestIdsIn(text: string): RequestIdAt[] {
  const ids: RequestIdAt[] = [];
  for (const m of text.matchAll(REQUEST_ID)) {
    const value = m[4]!.replace(/[.\-]+$/, "");
    const genericIdKey = m[1] === undefined;
    // A bare `id` is a request id only when it looks like one (UpYun: 32 hex digits), not `"id": "a.jpg"`.
    if (!/\d/.test(value) || (genericIdKey && (value.length < 16 || !/^[A-Za-z0-9-]+$/.test(value)))) continue;
    ids.push({ offset: m.index!, value });
  }
  return ids;
}

function readMessage(index: CatalogIndex, text: string, stats?: DetectStats): MessageFacts {
  const vendors = new Set<string>();
  const picked = new Set<string>();
  for (const hint of hintsFor(index)) {
    if (hint.specific?.test(text)) {
      vendors.add(hint.catalog);
      picked.add(hint.catalog);
    } else if (hint.weak?.test(text)) {
      picked.add(hint.catalog);
    }
  }
  for (const family of FAMILY_HINTS) if (family.pattern.test(text)) for (const c of family.catalogs) vendors.add(c);
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  const requestIds = requestIdsIn(text);
  const facts: MessageFacts = {
    text,
    urls: [...text.matchAll(URL_SPAN)].map((m) => [m.index!, m.index! + m[0].length]),
    newlines,
    failureWords: offsetsOf(text, FAILURE_WORDS),
    errnoNames: offsetsOf(text, POSIX_ERRNO),
    hanRuns: offsetsOf(text, HAN_RUN),
    requestIds,
    vendors,
    picked,
    named: new Set(),
    stats,
  };
  // Normalisation, the hint passes, newlines, and the five patterns above: each reads the text once.
  if (stats) stats.scannedChars += text.length * (9 + hintsFor(index).length * 2 + FAMILY_HINTS.length);
  return facts;
}

/** First index in a sorted array whose value is >= target. */
function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The line holding an offset: [start, end). */
function lineAt(facts: MessageFacts, offset: number): [number, number] {
  const i = lowerBound(facts.newlines, offset);
  return [i > 0 ? facts.newlines[i - 1]! + 1 : 0, i < facts.newlines.length ? facts.newlines[i]! : facts.text.length];
}

/** Distance from `offset` to the closest sorted offset inside [from, to], or Infinity: two binary-search probes. */
function distanceWithin(sorted: readonly number[], offset: number, from: number, to: number): number {
  const i = lowerBound(sorted, offset);
  let best = Infinity;
  if (i < sorted.length && sorted[i]! <= to) best = sorted[i]! - offset;
  if (i > 0 && sorted[i - 1]! >= from) best = Math.min(best, offset - sorted[i - 1]!);
  return best;
}

function hasNear(sorted: readonly number[], offset: number, width: number): boolean {
  return distanceWithin(sorted, offset, offset - width, offset + width) <= width;
}

function insideUrl(facts: MessageFacts, offset: number): boolean {
  let lo = 0;
  let hi = facts.urls.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = facts.urls[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The line around an offset, at most `width` characters each side. */
function snippet(facts: MessageFacts, offset: number, length: number, width = 60): string {
  const [lineStart, lineEnd] = lineAt(facts, offset);
  const start = Math.max(lineStart, offset - width);
  const end = Math.min(lineEnd, offset + length + width);
  if (facts.stats) facts.stats.contextChars += end - start;
  return facts.text.slice(start, end).trim();
}

// ------------------------------------------------------------------------------------------ the words before a number

type KeyKind = "code" | "errno" | "status" | "exit" | "verb" | "veto" | "none";

interface KeyContext {
  kind: KeyKind;
  /** The key as written, for the reason: `X-ErrNo`, `"code"`, `<Code>`, `错误码`. */
  style: "json" | "header" | "xml" | "text";
}

const CODE_KEYS = new Set(["code", "errcode", "errorcode", "errno", "errorno", "errnum", "errornum", "retcode", "returncode", "resultcode", "ret", "retval", "rc", "xerrno"]);
const ERRNO_KEYS = new Set(["errno", "errorno", "errnum", "errornum"]);
const STATUS_KEYS = new Set(["status", "statuscode", "httpstatus", "httpcode", "responsecode", "http", "result", "state"]);
/** A word before `code` that makes it some other code: `exit code`, `status code`, `zip code`, `sms code`. */
const CODE_QUALIFIERS: Record<string, KeyKind> = {
  exit: "exit", exited: "exit", exits: "exit", exitcode: "exit",
  status: "status", http: "status", response: "status", statuscode: "status",
  zip: "veto", postal: "veto", area: "veto", country: "veto", sms: "veto", verify: "veto", verification: "veto", invite: "veto",
  invitation: "veto", promo: "veto", coupon: "veto", currency: "veto", lang: "veto", language: "veto", color: "veto", colour: "veto",
  phone: "veto", qr: "veto", bar: "veto", product: "veto", region: "veto", city: "veto", otp: "veto", discount: "veto", gift: "veto",
  tracking: "veto", locale: "veto", source: "veto", post: "veto",
};
/** Words before a number that make it an id, a position, a quantity or a measurement. */
const VETO_WORDS = new Set([
  "port", "pid", "tid", "ppid", "line", "lines", "lineno", "ln", "col", "column", "offset", "pos", "position", "version", "ver", "v",
  "build", "id", "ids", "uid", "gid", "size", "len", "length", "count", "cnt", "total", "timeout", "ttl", "retry", "retries", "attempt",
  "attempts", "page", "limit", "max", "min", "width", "height", "w", "h", "x", "y", "z", "index", "idx", "year", "month", "day", "date",
  "time", "ts", "timestamp", "ms", "sec", "secs", "seconds", "duration", "elapsed", "latency", "took", "delay", "interval", "seq",
  "score", "balance", "amount", "price", "cost", "temp", "temperature", "lat", "lon", "lng", "latitude", "longitude", "rssi", "dbm",
  "delta", "diff", "weight", "priority", "nice", "order", "invoice", "receipt", "bill", "ticket", "issue", "pr", "pull", "commit",
  "tel", "phone", "mobile", "fax", "threshold", "level", "bytes", "qty", "quantity", "percent", "pct", "ratio", "integer", "int",
  "float", "double", "number", "zone", "tz", "utc", "gmt", "depth", "margin", "padding", "top", "left", "right", "bottom",
]);
const VERBS = new Set([
  "error", "err", "errors", "failed", "fails", "fail", "failing", "failure", "got", "get", "gets", "getting", "returned", "returns",
  "return", "returning", "says", "said", "answered", "answers", "responded", "throws", "threw", "raised", "raises", "hit", "hits",
  "hitting", "seeing", "see", "saw", "seen", "receive", "received", "receiving", "reports", "reported", "reporting", "gives", "gave",
  "giving", "yields", "with",
]);
/** Words skipped when looking for the key: `error code is -97`, `failed with -97`. */
const FILLERS = new Set(["is", "was", "are", "were", "be", "of", "as", "to", "by", "still", "again", "now", "always", "also", "just"]);
const HAN_KEYS = ["错误码", "返回码", "错误代码", "错误号", "码"];
const HAN_STATUS = ["状态码", "状态"];
const HAN_VERBS = ["返回", "报错", "报", "错误", "失败", "出现", "提示", "是", "遇到", "出错", "收到"];
const HAN_VETO = ["订单号", "单号", "编号", "端口", "版本", "行", "第", "大小", "长度", "耗时", "数量", "次数", "温度", "电话", "手机", "余额", "金额", "号", "共", "时间", "价格"];

// Character classes by code point: these run for every character of the short walks around each number.
function isAsciiWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95;
}
function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0) | 0x20;
  return x >= 97 && x <= 122;
}
const isKeyChar = (c: string | undefined) => isAsciiWordChar(c) || c === "-" || c === ".";
const HAN_CHAR = /\p{Script=Han}/u;
function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 0x2e80) return false;
  if ((x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf)) return true;
  return HAN_CHAR.test(c);
}
// `\` is there for JSON inside a JSON string (`{\"code\":-97}`), as Docker and Kubernetes log it.
const GAP_CHARS = new Set([" ", "\t", '"', "'", "\\", ":", "=", ">", "(", "[", "{", "*", "`", "|", "~"]);
/** A comparison right before the number (`balance < -5999`, `ret == -1`): arithmetic, not a code being reported. */
const COMPARISON_BEFORE = /\s(?:[<>]=?|[!=]==?)\s*$/;

/** Reads one word ending right before `end` (ASCII word with `-` and `.`, or a run of Han characters). */
function wordBefore(text: string, end: number): { word: string; start: number } {
  let start = end;
  if (isHan(text[end - 1])) {
    while (start > 0 && end - start < 12 && isHan(text[start - 1])) start--;
  } else {
    while (start > 0 && end - start < 40 && isKeyChar(text[start - 1])) start--;
  }
  let from = start;
  let to = end;
  while (from < to && "._-".includes(text[from]!)) from++;
  while (to > from && "._-".includes(text[to - 1]!)) to--;
  return { word: text.slice(from, to), start };
}

function splitKey(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s._\-]+/)
    .filter(Boolean);
}

function classifyHan(word: string): KeyKind {
  if (HAN_STATUS.some((k) => word.endsWith(k))) return "status";
  if (HAN_KEYS.some((k) => word.endsWith(k))) return "code";
  if (HAN_VETO.some((k) => word.endsWith(k))) return "veto";
  if (HAN_VERBS.some((k) => word.endsWith(k))) return "verb";
  return "none";
}

const tokenCache = new Map<string, string[]>();

/** `X-ErrNo` -> [x, err, no]; memoised, since logs repeat the same few keys (bounded, so hostile input cannot grow it). */
function tokensOf(word: string): string[] {
  let tokens = tokenCache.get(word);
  if (!tokens) {
    tokens = splitKey(word);
    if (tokenCache.size >= 4096) tokenCache.clear();
    tokenCache.set(word, tokens);
  }
  return tokens;
}

function classifyAscii(word: string, following: string[]): KeyKind {
  const tokens = tokensOf(word);
  const joined = tokens.join("");
  if (!joined) return "none";
  const last = tokens[tokens.length - 1]!;
  if (CODE_KEYS.has(joined) || last === "code" || /(?:errcode|errorcode|errno)$/.test(joined)) {
    // `exit_code`, `status code`, `exited with code`: some other kind of code.
    const qualifiers = [...tokens.slice(0, -1).slice(-1), ...following.slice(0, 2)];
    for (const q of qualifiers) if (CODE_QUALIFIERS[q]) return CODE_QUALIFIERS[q]!;
    if (ERRNO_KEYS.has(joined)) return "errno";
    return "code";
  }
  if (STATUS_KEYS.has(joined)) return "status";
  if (tokens.some((t) => VETO_WORDS.has(t))) return "veto";
  if (VERBS.has(joined)) return "verb";
  return "none";
}

/** What the text says right before a number: a code key, a verb, a word that makes it a quantity, or nothing. */
function keyBefore(facts: MessageFacts, start: number): KeyContext {
  const text = facts.text;
  if (COMPARISON_BEFORE.test(text.slice(Math.max(0, start - 6), start))) return { kind: "veto", style: "text" };
  const words: Array<{ word: string; han: boolean; gap: string }> = [];
  let at = start;
  let meaningful = 0;
  // Up to three words back (fillers like `is` do not count), on the same line, separated by spaces only:
  // punctuation between the number and the first word is the key's syntax (`": `, `=`, `>`, `=>`).
  while (at > 0 && words.length < 6 && meaningful < 3) {
    let gapStart = at;
    while (gapStart > 0 && at - gapStart < 8 && GAP_CHARS.has(text[gapStart - 1]!)) gapStart--;
    const gap = text.slice(gapStart, at);
    if (words.length > 0 && !/^[ \t]*$/.test(gap)) break;
    const { word, start: wordStart } = wordBefore(text, gapStart);
    if (!word) break;
    // A number is not a key, and words beyond it are not next to ours (`-97 -97`, `2024-05-13 08:00 -97`).
    if (!isHan(word[0]) && !/[A-Za-z]/.test(word)) break;
    words.push({ word, han: isHan(word[0]), gap });
    at = wordStart;
    if (!FILLERS.has(word.toLowerCase())) meaningful++;
  }
  if (facts.stats) facts.stats.contextChars += start - at;
  const significant = words.filter((w) => !FILLERS.has(w.word.toLowerCase()));
  const key = significant[0];
  if (!key) return { kind: "none", style: "text" };
  const following = significant.slice(1).map((w) => w.word.toLowerCase());
  const kind = key.han ? classifyHan(key.word) : classifyAscii(key.word, following);
  const gap = words[0]!.gap;
  const keyStart = start - gap.length - key.word.length;
  const style = /["']/.test(gap) ? "json" : gap.includes(">") && text[keyStart - 1] === "<" ? "xml" : /^x-/i.test(key.word) ? "header" : "text";
  return { kind, style };
}

// ------------------------------------------------------------------------------------------ scoring numbers

type Shape = "negative-5" | "negative-4" | "negative-3" | "negative-2" | "negative-1" | "long" | "http" | "positive-3" | "other";

function shapeOf(code: number, digits: number): Shape {
  if (code < 0) return digits >= 5 ? "negative-5" : digits === 4 ? "negative-4" : digits === 3 ? "negative-3" : digits === 2 ? "negative-2" : "negative-1";
  if (digits >= 8) return "long";
  if (HTTP_STATUSES.has(code)) return "http";
  if (digits === 3) return "positive-3";
  return "other";
}

interface Evidence {
  key: KeyKind;
  style: KeyContext["style"];
  /** A failure word on the same line, within 100 characters. */
  failureNearby: boolean;
  /** A failure word right next to the number (`40100005 error`), within 24 characters. */
  failureAdjacent: boolean;
  vendor: boolean;
  /** Round (`-2000`) or one repeated digit (`-9999`, a common "no data" sentinel): typical of quantities. */
  roundish: boolean;
}

/**
 * How sure a number is a code, by shape and context. Long and negative five-digit codes are distinctive alone;
 * the shorter a code, the more the context must say (a code key, a verb, vendor and failure words). Short
 * negatives collide with sentinels and errnos, three-digit positives with HTTP statuses.
 */
function confidenceFor(shape: Shape, e: Evidence): number {
  const { key, vendor } = e;
  const keyed = key === "code";
  // A JSON/XML field or a header is an API talking; `ret = -97` or `return code -104` may be anyone's C code,
  // where short negatives are usually negated errnos.
  const structured = e.style !== "text";
  switch (shape) {
    case "negative-5":
      if (keyed || key === "errno") return 0.97;
      if (key === "verb") return 0.94;
      if (key === "status") return 0.93;
      return e.failureNearby ? 0.92 : vendor ? 0.9 : 0.85;
    case "long":
      if (keyed || key === "errno") return vendor ? 0.97 : 0.95;
      if (key === "verb") return vendor ? 0.92 : 0.82;
      if (key === "status") return 0.7;
      if (vendor) return e.failureNearby ? 0.9 : 0.86;
      return e.failureAdjacent ? 0.82 : e.failureNearby ? 0.75 : 0.7;
    case "negative-4":
      if (keyed || key === "errno") return 0.95;
      if (key === "verb") return 0.9;
      if (key === "status") return 0.88;
      if (e.failureNearby) return 0.86;
      return vendor ? 0.84 : e.roundish ? 0.66 : 0.8;
    case "negative-3":
      if (keyed) return structured || vendor ? 0.92 : 0.75;
      if (key === "errno") return vendor ? 0.9 : 0.72;
      if (key === "status") return vendor ? 0.86 : 0.65;
      if (key === "verb") return vendor ? 0.86 : 0.72;
      return e.failureNearby ? (vendor ? 0.84 : 0.6) : 0.55;
    case "negative-2":
      if (keyed) return structured || vendor ? 0.88 : 0.75;
      if (key === "errno") return vendor ? 0.88 : 0.7;
      if (key === "status") return vendor ? 0.82 : 0.6;
      if (key === "verb") return vendor ? 0.84 : 0.62;
      return e.failureNearby ? (vendor ? 0.75 : 0.55) : 0.5;
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

function reasonFor(e: Evidence): string {
  if (e.key === "code" || e.key === "errno" || e.key === "status") {
    return e.style === "json" ? "JSON key" : e.style === "xml" ? "XML tag" : e.style === "header" ? "header" : "context keyword";
  }
  if (e.key === "verb") return "context keyword";
  if (e.failureNearby) return "failure words on the line";
  if (e.vendor) return "vendor named in the message";
  return "shape";
}

/** The number's own boundaries: not part of a word, a version, a time, a date, a range, a path or a URL. */
function plainNumberAt(text: string, start: number, raw: string): { sign: string; digits: string } | undefined {
  const sign = raw[0] === "-" || raw[0] === "+" ? raw[0] : "";
  const digits = sign ? raw.slice(1) : raw;
  if (digits.length > MAX_CODE_DIGITS || (digits.length > 1 && digits[0] === "0")) return undefined;
  const before = text[start - 1];
  const end = start + raw.length;
  const after = text[end];
  const afterNext = text[end + 1];
  // `abc-97`, `1999-2000`, `v1.2.3-97`, `--97`: a hyphen inside a word, not a minus sign.
  if (before !== undefined && (isAsciiWordChar(before) || "-+.#@$/\\%&".includes(before))) {
    // Slack/Discord italics: `_code -97_` keeps its leading underscore after a space.
    if (!(before === "_" && !isAsciiWordChar(text[start - 2]))) return undefined;
  }
  // `12:30`, `host:97` after a digit: a time or a port.
  if (before === ":" && /\d/.test(text[start - 2] ?? "")) return undefined;
  if (after !== undefined) {
    if (isAsciiWordChar(after) && !(after === "_" && !isAsciiWordChar(afterNext))) return undefined;
    if (".:-/,".includes(after) && afterNext !== undefined && /\d/.test(afterNext)) return undefined;
  }
  return { sign, digits };
}

/** Lower-cased symbols and the Chinese vendor sentences of an entry, computed once per entry. */
interface EntryTexts {
  /** `catalog:code` */
  key: string;
  symbols: string[];
  sentences: string[];
}
const entryTextsCache = new WeakMap<Entry, EntryTexts>();

function textsOf(entry: Entry): EntryTexts {
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

/** What a number's surroundings say, whichever catalog entry it turns out to be. */
interface NumberContext {
  start: number;
  code: number;
  digits: number;
  key: KeyContext;
  /** A unit right after it (`500 ms`, `413 objects`): a quantity, unless the code's own message follows. */
  unitAfter: boolean;
  failureNearby: boolean;
  failureAdjacent: boolean;
  /** Lower-cased text after the number and its separators, when it starts with a word: maybe the code's message. */
  wordsAfter: string;
  /** The text around the number when Chinese text is close: maybe the vendor's sentence for the code. */
  hanWindow: string;
}

const SEPARATORS_AFTER = new Set([" ", "\t", ":", ",", "(", "[", "-", "–", "—", "|", "/", '"', "'", "="]);

/** Reads a number's context once; undefined when the context says it is not a code at all. */
function unitFollows(text: string, end: number): boolean {
  const first = text[end] === " " ? text[end + 1] : text[end];
  // Units start with a letter, a Han character or a sign like % and °: anything else needs no regex.
  if (first === undefined || !(isLetter(first) || isHan(first) || "%‰°℃".includes(first))) return false;
  return UNIT_AFTER.test(text.slice(end, end + 12));
}

function readNumber(facts: MessageFacts, start: number, raw: string, code: number, digits: number): NumberContext | undefined {
  const text = facts.text;
  const key = keyBefore(facts, start);
  if (key.kind === "veto") return undefined;
  // libuv/kernel errnos (`errno: -111, code: 'ECONNREFUSED'`) are small negatives with a POSIX name close by.
  if (Math.abs(code) < 1000 && hasNear(facts.errnoNames, start, 200)) return undefined;
  const end = start + raw.length;
  let next = end;
  while (next < text.length && next - end < 8 && SEPARATORS_AFTER.has(text[next]!)) next++;
  const wordsAfter = isLetter(text[next]) || isHan(text[next]) ? text.slice(next, next + 80).toLowerCase() : "";
  const hanWindow = hasNear(facts.hanRuns, start, 120) ? text.slice(Math.max(0, start - 120), end + 120) : "";
  if (facts.stats) facts.stats.contextChars += 12 + wordsAfter.length + hanWindow.length;
  const [lineStart, lineEnd] = lineAt(facts, start);
  const failureDistance = distanceWithin(facts.failureWords, start, Math.max(lineStart, start - 100), Math.min(lineEnd, start + 100));
  return {
    start,
    code,
    digits,
    key,
    unitAfter: unitFollows(text, end),
    failureNearby: failureDistance <= 100,
    failureAdjacent: failureDistance <= 24,
    wordsAfter,
    hanWindow,
  };
}

function judgeNumber(facts: MessageFacts, entry: Entry, n: NumberContext): { confidence: number; reason: string } | undefined {
  const texts = textsOf(entry);
  // `40300009 file too large`, `-177 ERROR_CMD_COS_FILE_EXIST`: the code's own symbol or message follows it.
  const described = n.wordsAfter !== "" && texts.symbols.some((symbol) => n.wordsAfter.startsWith(symbol));
  if (n.unitAfter && !described) return undefined;
  const { kind, style } = n.key;
  const magnitude = Math.abs(n.code);
  const evidence: Evidence = {
    key: kind,
    style,
    failureNearby: n.failureNearby,
    failureAdjacent: n.failureAdjacent,
    vendor: facts.vendors.has(entry.catalog),
    roundish: magnitude % 100 === 0 || /^(\d)\1+$/.test(String(magnitude)),
  };
  let confidence = confidenceFor(shapeOf(n.code, n.digits), evidence);
  let reason = reasonFor(evidence);
  if (kind === "exit") return { confidence: Math.min(confidence, 0.3), reason };
  if (kind === "status") return { confidence, reason };
  const named = facts.named.has(texts.key);
  const vendorSentence = n.hanWindow !== "" && texts.sentences.some((sentence) => n.hanWindow.includes(sentence));
  if (described || named || vendorSentence) {
    confidence = Math.max(confidence, 0.95);
    reason = "catalog hit: the message also names this code's symbol or vendor text";
  }
  return { confidence, reason };
}

// ------------------------------------------------------------------------------------------ symbols

/** Symbols also used outside these vendors (Apache's HTTP_INTERNAL_SERVER_ERROR, codec errors): need the vendor named. */
const WIDELY_USED_SYMBOL = /^(?:HTTP|ASN|PROTOBUF|JSON|XML)_/;

function symbolConfidence(symbol: string, vendor: boolean): number {
  if (WIDELY_USED_SYMBOL.test(symbol)) return vendor ? 0.88 : 0.6;
  // Go-style ErrHttpTimeout / ErrParamInvalid: plausible names in anyone's code base.
  if (/^Err[A-Z]/.test(symbol)) return vendor ? 0.9 : 0.75;
  return 0.97;
}

// ------------------------------------------------------------------------------------------ detect

const isDigitCode = (x: number) => x >= 48 && x <= 57;

const codesCache = new WeakMap<CatalogIndex, Map<number, Entry[]>>();

/** code -> entries, built once per index (CatalogIndex.byExactCode allocates a filtered array per call). */
function codesFor(index: CatalogIndex): Map<number, Entry[]> {
  let codes = codesCache.get(index);
  if (!codes) {
    codes = new Map();
    for (const entry of index.entries) {
      const list = codes.get(entry.code);
      if (list) list.push(entry);
      else codes.set(entry.code, [entry]);
    }
    codesCache.set(index, codes);
  }
  return codes;
}

/** Below this, a detection is not worth keeping even for an explicit request. */
const FLOOR = 0.3;
/** A detection whose code another catalog in the message claims: still shown on request, never auto-replied. */
const DEMOTED = 0.55;
/** Success and "not modified" codes: explained when asked, never worth an unprompted reply. */
const SUCCESS_CAP = 0.6;

/** Finds catalog codes in pasted text: each (catalog, code) once, most confident first. */
export function detect(index: CatalogIndex, input: string, options: DetectOptions = {}): Detection[] {
  const minConfidence = options.minConfidence ?? EXPLICIT_CONFIDENCE;
  const text = chatToPlainText(input.length > MAX_SCAN_CHARS ? input.slice(0, MAX_SCAN_CHARS) : input);
  const facts = readMessage(index, text, options.stats);
  const found = new Map<string, Detection>();

  const add = (entry: Entry, confidence: number, reason: string, offset: number, length: number) => {
    if (entry.category === "success") confidence = Math.min(confidence, SUCCESS_CAP);
    if (confidence < FLOOR) return;
    const key = textsOf(entry).key;
    const previous = found.get(key);
    if (previous && previous.confidence >= confidence) return;
    found.set(key, { entry, catalog: entry.catalog, code: entry.code, confidence, reason, evidence: snippet(facts, offset, length), offset });
  };

  // Symbols and vendor messages first: they name codes, which makes the numbers next to them certain.
  for (const match of text.matchAll(SYMBOL)) {
    if (options.stats) options.stats.candidates++;
    if (insideUrl(facts, match.index!)) continue;
    for (const entry of index.byExactSymbol(match[0])) {
      const confidence = symbolConfidence(match[0], facts.vendors.has(entry.catalog));
      // Only a symbol that identifies the vendor vouches for a number next to it (not Apache's HTTP_FORBIDDEN).
      if (confidence >= AUTO_REPLY_CONFIDENCE) facts.named.add(`${entry.catalog}:${entry.code}`);
      add(entry, confidence, "symbol", match.index!, match[0].length);
    }
  }
  for (const match of text.matchAll(MESSAGE_FIELD)) {
    const message = match[1]!.trim();
    if (options.stats) options.stats.candidates++;
    for (const entry of index.byExactSymbol(message)) {
      facts.named.add(`${entry.catalog}:${entry.code}`);
      // A message alone (no code next to it) is too generic to auto-reply on: "not found", "type invalid".
      const confidence = facts.vendors.has(entry.catalog) || message.split(/\s+/).length >= 3 ? 0.6 : 0.45;
      add(entry, confidence, "vendor message", match.index!, match[0].length);
    }
  }
  if (options.stats) options.stats.scannedChars += text.length * 3;

  // Signed digit runs, as /[-+]?\d+/g would find them, read by hand: a log holds hundreds of thousands of numbers,
  // almost none of them catalog codes, so each miss should cost a few comparisons and no allocation.
  const codes = codesFor(index);
  for (let i = 0; i < text.length; i++) {
    if (!isDigitCode(text.charCodeAt(i))) continue;
    const digitsStart = i;
    let end = i + 1;
    while (end < text.length && isDigitCode(text.charCodeAt(end))) end++;
    i = end - 1;
    if (end - digitsStart > MAX_CODE_DIGITS) continue;
    let magnitude = 0;
    for (let j = digitsStart; j < end; j++) magnitude = magnitude * 10 + (text.charCodeAt(j) - 48);
    const signChar = text[digitsStart - 1];
    const start = signChar === "-" || signChar === "+" ? digitsStart - 1 : digitsStart;
    const code = signChar === "-" && magnitude !== 0 ? -magnitude : magnitude;
    const entries = codes.get(code);
    if (!entries) continue;
    const raw = text.slice(start, end);
    const plain = plainNumberAt(text, start, raw);
    if (!plain) continue;
    if (options.stats) options.stats.candidates++;
    if (insideUrl(facts, start)) continue;
    const context = readNumber(facts, start, raw, code, plain.digits.length);
    if (!context) continue;
    for (const entry of entries) {
      const judged = judgeNumber(facts, entry, context);
      if (judged) add(entry, judged.confidence, judged.reason, start, raw.length);
    }
  }

  preferNamedCatalogs(found, facts);
  // Owners are the detections worth showing at all, whatever this caller's threshold: an auto-reply and an
  // explicit request then show the same id for the same error, and a 0.3 reading of a status line owns none.
  attachRequestIds([...found.values()].filter((d) => d.confidence >= EXPLICIT_CONFIDENCE), facts);
  return [...found.values()]
    .filter((d) => d.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence || a.offset - b.offset);
}

/** How far a request id may sit from the error it belongs to: a pretty-printed body or an HTTP dump. */
const REQUEST_ID_REACH = 1500;

/**
 * Each request id belongs to the error closest to it (every catalog's reading of that one number), and an error
 * shows the closest of the ids that belong to it. So a code mentioned on another line does not borrow the id
 * of a response body it has nothing to do with.
 */
function attachRequestIds(detections: Detection[], facts: MessageFacts): void {
  if (detections.length === 0 || facts.requestIds.length === 0) return;
  const offsets = [...new Set(detections.map((d) => d.offset))].sort((a, b) => a - b);
  const owned = new Map<number, RequestIdAt[]>();
  for (const id of facts.requestIds) {
    const i = lowerBound(offsets, id.offset);
    const candidates = [offsets[i - 1], offsets[i]].filter((o): o is number => o !== undefined);
    const owner = candidates.sort((a, b) => Math.abs(a - id.offset) - Math.abs(b - id.offset))[0]!;
    if (Math.abs(owner - id.offset) > REQUEST_ID_REACH) continue;
    const list = owned.get(owner);
    if (list) list.push(id);
    else owned.set(owner, [id]);
  }
  for (const d of detections) {
    const ids = owned.get(d.offset);
    if (!ids) continue;
    d.requestId = ids.reduce((best, id) => (Math.abs(id.offset - d.offset) < Math.abs(best.offset - d.offset) ? id : best)).value;
  }
}

/**
 * Several catalogs define some codes (COS and the image service share -97, -6101...). When the message singles out
 * some of them (a host, a product name, a symbol only one catalog has), the others drop below the auto-reply line.
 */
function preferNamedCatalogs(found: Map<string, Detection>, facts: MessageFacts): void {
  const byCode = new Map<number, Detection[]>();
  for (const d of found.values()) {
    const group = byCode.get(d.code);
    if (group) group.push(d);
    else byCode.set(d.code, [d]);
  }
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    const chosen = group.filter((d) => facts.picked.has(d.catalog) || facts.named.has(`${d.catalog}:${d.code}`));
    if (chosen.length === 0 || chosen.length === group.length) continue;
    for (const d of group) {
      if (chosen.includes(d) || d.confidence <= DEMOTED) continue;
      d.confidence = DEMOTED;
      d.reason = `${d.reason}; the message points at ${chosen.map((c) => c.entry.catalogName).join(", ")}`;
    }
  }
}
