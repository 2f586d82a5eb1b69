// What a number's surroundings say, whichever catalog entry it turns out to be: the key before it (a code key, a
// verb, a word that makes it a quantity), a unit after it, failure words and Chinese text around it, the shape of
// the line (a table row, an enum, a comparison in source code), and the vetoes that make it no code at all.
import { CODE_KEYS, HAN_CODE_KEYS } from "./code-keys.js";
import { isHanCode } from "./lexicon.js";
import { distanceWithin, hasNear, lineEndOf, lineIndex, lineStartOf, type Scan } from "./tokenize.js";

export type KeyKind = "code" | "errno" | "status" | "exit" | "verb" | "veto" | "case" | "none";
export type KeyStyle = "json" | "header" | "xml" | "text";

const ERRNO_KEYS = new Set(["errno", "errorno", "errnum", "errornum", "xerrno"]);
const STATUS_KEYS = new Set(["status", "statuscode", "httpstatus", "httpcode", "responsecode", "http", "result", "state"]);
/** A word before `code` that makes it some other code: `exit code`, `status code`, `zip code`, `sms code`. */
const CODE_QUALIFIERS = new Map<string, KeyKind>(Object.entries({
  exit: "exit", exited: "exit", exits: "exit", exitcode: "exit",
  status: "status", http: "status", response: "status", statuscode: "status",
  zip: "veto", postal: "veto", area: "veto", country: "veto", sms: "veto", verify: "veto", verification: "veto", invite: "veto",
  invitation: "veto", promo: "veto", coupon: "veto", currency: "veto", lang: "veto", language: "veto", color: "veto", colour: "veto",
  phone: "veto", qr: "veto", bar: "veto", product: "veto", region: "veto", city: "veto", otp: "veto", discount: "veto", gift: "veto",
  tracking: "veto", locale: "veto", source: "veto", post: "veto",
} satisfies Record<string, KeyKind>));
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
  "user", "userid", "customer", "account", "acct", "member", "uin", "device", "appid", "bucket",
]);
const VERBS = new Set([
  "error", "err", "errors", "failed", "fails", "fail", "failing", "failure", "got", "get", "gets", "getting", "returned", "returns",
  "return", "returning", "says", "said", "answered", "answers", "responded", "throws", "threw", "raised", "raises", "hit", "hits",
  "hitting", "seeing", "see", "saw", "seen", "receive", "received", "receiving", "reports", "reported", "reporting", "gives", "gave",
  "giving", "yields", "with", "exception", "serviceexception", "clientexception", "cosexception", "upyunexception",
]);
/** Words skipped when looking for the key: `error code is -97`, `failed with -97`. */
const FILLERS = new Set(["intvalue", "integervalue", "longvalue", "tointeger", "toint", "is", "was", "are", "were", "be", "of", "as", "to", "by", "still", "again", "now", "always", "also", "just"]);
const HAN_KEYS = [...HAN_CODE_KEYS, "码", "代码"];
const HAN_STATUS = ["状态码", "状态"];
const HAN_VERBS = ["返回", "报错", "报", "错误", "失败", "出现", "提示", "是", "遇到", "出错", "收到", "返回了", "一直", "总是", "老是", "显示"];
const HAN_VETO = ["订单号", "单号", "编号", "端口", "版本", "行", "第", "大小", "长度", "耗时", "数量", "次数", "温度", "电话", "手机", "余额", "金额", "号", "共", "时间", "价格"];

const GAP = new Uint8Array(128);
// `\` is there for JSON inside a JSON string (`{\"code\":-97}`), as Docker and Kubernetes log it.
for (const c of " \t\"'\\:=>([{*`|~),") GAP[c.charCodeAt(0)] = 1;
const isGap = (c: number) => c < 128 && GAP[c] === 1;
const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isKeyCode = (c: number) => isWordCode(c) || c === 45 || c === 46;
const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

interface WordClass {
  kind: KeyKind;
  /** This word, before a code key, qualifies it (`exit`, `zip`). */
  qualifier?: KeyKind;
  filler: boolean;
  /** Upper-case with underscores: `COSE_SOMETHING_FAILED`, some SDK's name for the number. */
  symbolShaped: boolean;
  header: boolean;
  word: string;
}

const classes = new Map<number, WordClass>();
const SIMPLE_WORD = /^[a-z0-9]+$/;

/** Every plain lower-case word some rule below reads; any other plain word is of no kind (`ab`, `x12`, `foo`). */
const KNOWN_PLAIN_WORDS = new Set([...CODE_KEYS, ...STATUS_KEYS, ...CODE_QUALIFIERS.keys(), ...VETO_WORDS, ...VERBS, ...FILLERS, "case"]);
const isKnownPlain = (word: string) => KNOWN_PLAIN_WORDS.has(word) || word.endsWith("code") || word.endsWith("errno");

/** The class of every plain word no rule reads (its `word` is read only for symbol-shaped keys). */
const NO_KIND: WordClass = { kind: "none", filler: false, symbolShaped: false, header: false, word: "" };

function classify(word: string, han: boolean): WordClass {
  if (han) {
    const kind: KeyKind = HAN_STATUS.some((k) => word.endsWith(k)) ? "status" : HAN_KEYS.some((k) => word.endsWith(k)) ? "code"
      : HAN_VETO.some((k) => word.endsWith(k)) ? "veto" : HAN_VERBS.some((k) => word.endsWith(k)) ? "verb" : "none";
    return { kind, filler: false, symbolShaped: false, header: false, word };
  }
  // Most words are one plain lower-case token (`code`, `ret`, `x12`): no splitting needed.
  const plain = SIMPLE_WORD.test(word);
  if (plain && !isKnownPlain(word)) return NO_KIND;
  const tokens = plain ? [word] : word.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s._\-]+/).filter(Boolean);
  const joined = tokens.join("");
  const lower = word.toLowerCase();
  let kind: KeyKind = "none";
  let qualifier: KeyKind | undefined;
  if (CODE_KEYS.has(joined) || tokens.at(-1) === "code" || /(?:errcode|errorcode|errno)$/.test(joined)) {
    const inner = tokens.at(-2);
    kind = inner !== undefined && CODE_QUALIFIERS.has(inner) ? CODE_QUALIFIERS.get(inner)! : ERRNO_KEYS.has(joined) ? "errno" : "code";
  } else if (STATUS_KEYS.has(joined)) kind = "status";
  else if (joined === "case") kind = "case";
  else if (tokens.some((t) => VETO_WORDS.has(t))) kind = "veto";
  else if (VERBS.has(joined)) kind = "verb";
  if (CODE_QUALIFIERS.has(lower)) qualifier = CODE_QUALIFIERS.get(lower);
  return {
    kind,
    qualifier,
    filler: FILLERS.has(lower),
    symbolShaped: !plain && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(word),
    header: !plain && /^x-/i.test(word),
    word,
  };
}

/** Classes memoised by the word's exact characters (case matters for `errorCode`); bounded, so hostile input cannot grow it. */
function classOf(text: string, from: number, to: number, han: boolean): WordClass {
  let h = han ? 7 : 3;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= to - from;
  let found = classes.get(h);
  if (!found) {
    if (classes.size >= 8192) classes.clear();
    found = classify(text.slice(from, to), han);
    classes.set(h, found);
  }
  return found;
}

export interface KeyContext {
  kind: KeyKind;
  style: KeyStyle;
  /** `== -5957`, `case -70:`: source code comparing a result with the code. */
  comparison: boolean;
  /** The key itself is a symbol some SDK gives the number (`COSE_SOMETHING_FAILED = -5957`). */
  symbolKey: string | undefined;
  /** Where the key word starts, for the evidence window. */
  keyStart: number;
}

/** A conversion call between a code key and its comparison (`.asInt()`, `.intValue()`, `.getInt()`), parentheses skipped already. */
const CONVERTER_BEFORE = /\.(?:asInt|asLong|intValue|longValue|getInt|getLong|toInt|to_i|as_i64|asInteger)$/;
/** How far back the `(` of a call closing before a comparison is looked for. */
const CALL_REACH = 120;
const INDEX_SEARCH_NAME = /\.(?:indexOf|lastIndexOf|findIndex|findLastIndex|search)$/;

/** The `)` at `close` ends a search returning an index (`.indexOf(Number(r.code))`): matched by counting parentheses. */
function closesIndexSearch(text: string, close: number): boolean {
  let depth = 0;
  for (let p = close; p >= 0 && close - p < CALL_REACH; p--) {
    const c = text.charCodeAt(p);
    if (c === 10) return false;
    if (c === 41) depth++;
    else if (c === 40 && --depth === 0) return INDEX_SEARCH_NAME.test(text.slice(Math.max(0, p - 16), p));
  }
  return false;
}
/** The end of `=>` + line break + `int(`, right before a number. */
const VAR_DUMP_INT = /=>\s*\n\s*int\($/;

/** One result reused by every call: no allocation per candidate. Read it before the next call. */
const KEY: KeyContext = { kind: "none", style: "text", comparison: false, symbolKey: undefined, keyStart: 0 };

function keyResult(kind: KeyKind, style: KeyStyle, comparison: boolean, keyStart: number, symbolKey?: string): KeyContext {
  KEY.kind = kind;
  KEY.style = style;
  KEY.comparison = comparison;
  KEY.keyStart = keyStart;
  KEY.symbolKey = symbolKey;
  return KEY;
}

/** What the text says right before a number: a code key, a verb, a word that makes it a quantity, or nothing. */
export function keyBefore(scan: Scan, start: number): KeyContext {
  const text = scan.text;
  let at = start;
  let comparison = false;
  // `x == -5957`, `x != -5957`: comparing with a code; `balance < -5999`: arithmetic, not a code.
  {
    let p = at;
    while (p > 0 && start - p < 3 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
    const c1 = text.charCodeAt(p - 1);
    const c2 = text.charCodeAt(p - 2);
    if (c1 === 61 && (c2 === 61 || c2 === 33)) {
      comparison = true;
      p -= 2;
      while (p > 0 && start - p < 8 && (text.charCodeAt(p - 1) === 61 || text.charCodeAt(p - 1) === 33 || text.charCodeAt(p - 1) === 32)) p--;
      // `list.indexOf(x) === -1`, `!== -1`: the sentinel of a search, not a code.
      if (text.charCodeAt(p - 1) === 41 && closesIndexSearch(text, p - 1)) return keyResult("veto", "text", false, start);
      // `$ret['code'] ==`, `resp.code() ==`, `res["code"] ===`
      while (p > 0 && start - p < 14 && ")]'\"( ".includes(text[p - 1]!)) p--;
      // `root["code"].asInt() ==`, `json.get("code").intValue() ==`: the conversion is not the key.
      const converter = CONVERTER_BEFORE.exec(text.slice(Math.max(0, p - 16), p));
      if (converter) {
        p -= converter[0].length;
        while (p > 0 && start - p < 40 && ")]'\"( ".includes(text[p - 1]!)) p--;
      }
      at = p;
    } else if ((c1 === 60 || c1 === 62) && (c2 === 32 || c2 === 9)) {
      return keyResult("veto", "text", false, start);
    } else if ((c1 === 61 && (c2 === 60 || c2 === 62)) || (c1 === 60 && c2 === 60)) {
      return keyResult("veto", "text", false, start);
    }
  }
  // PHP's var_dump: `["code"]=>\n  int(-62)`: the key is the line above.
  if (text.charCodeAt(at - 1) === 40 && text.charCodeAt(at - 2) === 116 && VAR_DUMP_INT.test(text.slice(Math.max(0, at - 24), at))) {
    at = text.lastIndexOf("=>", at);
    while (at > 0 && start - at < 40 && "]\"' ".includes(text[at - 1]!)) at--;
  }
  let found: WordClass | undefined;
  let firstGapHasGt = false;
  let foundStart = start;
  let firstGapHasQuote = false;
  let qualifier: KeyKind | undefined;
  let following = 0;
  let words = 0;
  let meaningful = 0;
  while (at > 0 && words < 6 && meaningful < 3) {
    let gapStart = at;
    while (gapStart > 0 && at - gapStart < 8 && isGap(text.charCodeAt(gapStart - 1))) gapStart--;
    if (words > 0) {
      let spaces = true;
      for (let p = gapStart; p < at; p++) {
        const c = text.charCodeAt(p);
        if (c !== 32 && c !== 9) spaces = false;
      }
      if (!spaces) break;
    }
    let wordStart = gapStart;
    const han = gapStart > 0 && isHanCode(text.charCodeAt(gapStart - 1));
    if (han) while (wordStart > 0 && gapStart - wordStart < 12 && isHanCode(text.charCodeAt(wordStart - 1))) wordStart--;
    else while (wordStart > 0 && gapStart - wordStart < 40 && isKeyCode(text.charCodeAt(wordStart - 1))) wordStart--;
    let from = wordStart;
    let to = gapStart;
    while (from < to && ".-_".includes(text[from]!)) from++;
    while (to > from && ".-_".includes(text[to - 1]!)) to--;
    if (from === to) break;
    if (!han) {
      let letters = false;
      for (let p = from; p < to && !letters; p++) letters = isLetterCode(text.charCodeAt(p));
      // A number is not a key, and words beyond it are not next to ours (`-97 -97`, `2024-05-13 08:00 -97`).
      if (!letters) break;
    }
    const cls = classOf(text, from, to, han);
    if (words === 0) {
      for (let p = gapStart; p < at; p++) {
        const c = text.charCodeAt(p);
        if (c === 34 || c === 39) firstGapHasQuote = true;
        if (c === 62) firstGapHasGt = true;
      }
    }
    words++;
    at = wordStart;
    if (cls.filler) continue;
    meaningful++;
    if (!found) {
      found = cls;
      foundStart = from;
    } else if (following++ < 2 && qualifier === undefined && cls.qualifier) qualifier = cls.qualifier;
  }
  if (!found) return keyResult("none", "text", comparison, start);
  let kind = found.kind;
  if (kind === "code" || kind === "errno") {
    // `exit code 137`, `status code`, `exited with code`: some other kind of code.
    if (qualifier) kind = qualifier;
  }
  const style: KeyStyle = firstGapHasQuote ? "json" : firstGapHasGt && text.charCodeAt(foundStart - 1) === 60 ? "xml" : found.header ? "header" : "text";
  return keyResult(kind, style, comparison, foundStart, found.symbolShaped ? found.word : undefined);
}

/** Right after a number: it is a quantity (`500 ms`, `-65 dBm`, `-80°C`, `413 objects`), not a code. */
const UNIT_AFTER =
  /^\s?(?:ms|msecs?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|b|bytes?|kb|mb|gb|tb|kib|mib|gib|tib|k|m|g|px|pt|r?em|dbm?|ppm|hz|khz|mhz|ghz|rpm|qps|rps|tps|cny|usd|eur|rmb|yuan|items?|files?|objects?|rows?|records?|lines?|users?|requests?|reqs?|times|events?|entries|points?|pts|个|次|秒|毫秒|分钟|小时|天|字节|行|条|张|人|度|元|块)(?![A-Za-z])|^\s?[%‰°℃]/i;

export function unitFollows(text: string, end: number): boolean {
  const first = text.charCodeAt(end) === 32 ? text.charCodeAt(end + 1) : text.charCodeAt(end);
  if (!(isLetterCode(first) || isHanCode(first) || first === 37 || first === 0x2030 || first === 0xb0 || first === 0x2103)) return false;
  return UNIT_AFTER.test(text.slice(end, end + 12));
}

export interface NumberContext {
  key: KeyContext;
  failureNearby: boolean;
  failureAdjacent: boolean;
  hanNear: boolean;
  /** An enum or constant assignment: `NAME = -5957,`. */
  enumLine: boolean;
}

const CONTEXT: NumberContext = { key: KEY, failureNearby: false, failureAdjacent: false, hanNear: false, enumLine: false };

/**
 * Reads a number's context once into a result reused by every call (no allocation per candidate); undefined when
 * the context says it is not a code at all.
 */
export function readNumber(scan: Scan, start: number, end: number, code: number): NumberContext | undefined {
  const text = scan.text;
  // libuv/kernel errnos (`errno: -111, code: 'ECONNREFUSED'`) are small negatives with a POSIX name close by.
  if (Math.abs(code) < 1000 && hasNear(scan.errnoNames, start, 200)) return undefined;
  const key = keyBefore(scan, start);
  if (key.kind === "veto") return undefined;
  // An HTTP status is a code to explain only under a code key (`"code": 403`); its symbol is found on its own.
  if (HTTP_STATUSES.has(code) && key.kind !== "code" && key.kind !== "errno") return undefined;
  // `-12 +34`: a diff stat or a coordinate pair.
  if (code < 0) {
    let p = end;
    while (p < text.length && p - end < 3 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    if (p > end && text.charCodeAt(p) === 43 && text.charCodeAt(p + 1) >= 48 && text.charCodeAt(p + 1) <= 57) return undefined;
  }
  const line = lineIndex(scan, start);
  const lineStart = lineStartOf(scan, line);
  const lineEnd = lineEndOf(scan, line);
  const failureDistance = distanceWithin(scan.failures, start, Math.max(lineStart, start - 100), Math.min(lineEnd, start + 100));
  let after = end;
  while (after < lineEnd && after - end < 3 && text.charCodeAt(after) === 32) after++;
  CONTEXT.failureNearby = failureDistance <= 100;
  CONTEXT.failureAdjacent = failureDistance <= 24;
  CONTEXT.hanNear = hasNear(scan.hanRuns, start, 120);
  CONTEXT.enumLine = key.symbolKey !== undefined && (text.charCodeAt(after) === 44 || after >= lineEnd);
  return CONTEXT;
}

export const HTTP_STATUSES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404,
  405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
  503, 504, 505, 506, 507, 508, 510, 511,
]);
