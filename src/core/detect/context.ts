// What a number's surroundings say, whichever catalog entry it turns out to be: the key before it, a unit or a
// message after it, failure words and Chinese text around it, and the vetoes that make it no code at all.
import { distanceWithin, hasNear, lineAt, type MessageFacts } from "./message.js";
import { isAsciiWordChar, isHan, isLetter, type NumberAt } from "./scan.js";

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
  "user", "userid", "customer", "account", "acct", "member", "uin", "device",
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

// `\` is there for JSON inside a JSON string (`{\"code\":-97}`), as Docker and Kubernetes log it.
const GAP_CHARS = new Set([" ", "\t", '"', "'", "\\", ":", "=", ">", "(", "[", "{", "*", "`", "|", "~"]);
/** A comparison right before the number (`balance < -5999`, `ret == -1`): arithmetic, not a code being reported. */
const COMPARISON_BEFORE = /\s(?:[<>]=?|[!=]==?)\s*$/;

const isKeyChar = (c: string | undefined) => isAsciiWordChar(c) || c === "-" || c === ".";

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
    tokens = word
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[\s._\-]+/)
      .filter(Boolean);
    if (tokenCache.size >= 4096) tokenCache.clear();
    tokenCache.set(word, tokens);
  }
  return tokens;
}

/** `following` are the words before the key, nearest first. */
function classifyAscii(word: string, following: string[]): KeyKind {
  const tokens = tokensOf(word);
  const joined = tokens.join("");
  if (!joined) return "none";
  if (CODE_KEYS.has(joined) || tokens.at(-1) === "code" || /(?:errcode|errorcode|errno)$/.test(joined)) {
    // `exit_code`, `status code`, `exited with code`: some other kind of code.
    for (const q of [tokens.at(-2), ...following.slice(0, 2)]) if (q !== undefined && CODE_QUALIFIERS.has(q)) return CODE_QUALIFIERS.get(q)!;
    return ERRNO_KEYS.has(joined) ? "errno" : "code";
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
    const han = isHan(word[0]);
    // A number is not a key, and words beyond it are not next to ours (`-97 -97`, `2024-05-13 08:00 -97`).
    if (!han && !/[A-Za-z]/.test(word)) break;
    words.push({ word, han, gap });
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

/** Right after a number: it is a quantity (`500 ms`, `-65 dBm`, `-80°C`, `413 objects`), not a code. */
const UNIT_AFTER =
  /^\s?(?:ms|msecs?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|b|bytes?|kb|mb|gb|tb|kib|mib|gib|tib|k|m|g|px|pt|r?em|dbm?|ppm|hz|khz|mhz|ghz|rpm|qps|rps|tps|cny|usd|eur|rmb|yuan|items?|files?|objects?|rows?|records?|lines?|users?|requests?|reqs?|times|events?|entries|points?|pts|个|次|秒|毫秒|分钟|小时|天|字节|行|条|张|人|度|元|块)(?![A-Za-z])|^\s?[%‰°℃]/i;
const SEPARATORS_AFTER = new Set([" ", "\t", ":", ",", "(", "[", "-", "–", "—", "|", "/", '"', "'", "="]);

function unitFollows(text: string, end: number): boolean {
  const first = text[end] === " " ? text[end + 1] : text[end];
  // Units start with a letter, a Han character or a sign like % and °: anything else needs no regex.
  if (first === undefined || !(isLetter(first) || isHan(first) || "%‰°℃".includes(first))) return false;
  return UNIT_AFTER.test(text.slice(end, end + 12));
}

export interface NumberContext {
  code: number;
  digits: number;
  key: KeyContext;
  /** A unit right after it (`500 ms`, `413 objects`): a quantity, unless the code's own message follows. */
  unitAfter: boolean;
  /** A failure word on the same line, within 100 characters. */
  failureNearby: boolean;
  /** A failure word right next to the number (`40100005 error`), within 24 characters. */
  failureAdjacent: boolean;
  /** Lower-cased text after the number and its separators, when it starts with a word: maybe the code's message. */
  wordsAfter: string;
  /** The text around the number when Chinese text is close: maybe the vendor's sentence for the code. */
  hanWindow: string;
}

/** Reads a number's context once; undefined when the context says it is not a code at all. */
export function readNumber(facts: MessageFacts, { start, end, code, digits }: NumberAt): NumberContext | undefined {
  const text = facts.text;
  const key = keyBefore(facts, start);
  if (key.kind === "veto") return undefined;
  // libuv/kernel errnos (`errno: -111, code: 'ECONNREFUSED'`) are small negatives with a POSIX name close by.
  if (Math.abs(code) < 1000 && hasNear(facts.errnoNames, start, 200)) return undefined;
  // `-12 +34`: a diff stat or a coordinate pair, not an error code.
  if (code < 0 && /^[ \t]{1,3}\+\d/.test(text.slice(end, end + 6))) return undefined;
  let next = end;
  while (next < text.length && next - end < 8 && SEPARATORS_AFTER.has(text[next]!)) next++;
  const wordsAfter = isLetter(text[next]) || isHan(text[next]) ? text.slice(next, next + 80).toLowerCase() : "";
  const hanWindow = hasNear(facts.hanRuns, start, 120) ? text.slice(Math.max(0, start - 120), end + 120) : "";
  if (facts.stats) facts.stats.contextChars += 12 + wordsAfter.length + hanWindow.length;
  const [lineStart, lineEnd] = lineAt(facts, start);
  const failureDistance = distanceWithin(facts.failureWords, start, Math.max(lineStart, start - 100), Math.min(lineEnd, start + 100));
  return {
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
