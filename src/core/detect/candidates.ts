// Every candidate of a scanned text, as (entry, features, where): the numbers some catalog defines and the words
// that are some entry's symbol. detect() scores them with the fitted weights; tools/fit-detector.ts fits on them.
import type { Entry } from "../../catalog/schema.js";
import { HTTP_STATUSES, readNumber, unitFollows } from "./context.js";
import { agreement, readWindow, WINDOW, windowOf } from "./evidence.js";
import { FEATURE, FEATURES } from "./features.js";
import type { Lexicon } from "./lexicon.js";
import { hasNear, isDigit, lineOf, type Scan } from "./tokenize.js";
import { PLACES_PER_CODE, PLACES_PER_MESSAGE } from "./budget.js";
import type { DetectStats } from "./index.js";

export interface Candidate {
  entry: Entry;
  x: Float64Array;
  offset: number;
  length: number;
  /** What the evidence said, for the reason: the symbol part read, "agrees", or OPPOSES (the message says the opposite). */
  said?: string;
  /** The evidence is the entry's own symbol, which singles out its catalog among those sharing the code. */
  names?: boolean;
  /** A rule decided before the model (an exit code, a success code): the most the candidate may score. */
  cap?: number;
  /** A rule's floor: the least it scores (a vendor's exact message of three words or more is worth showing on request). */
  floor?: number;
}


/** Round (`-2000`) or one repeated digit (`-9999`, a common "no data" sentinel): typical of quantities. */
function isRoundish(code: number): boolean {
  const magnitude = Math.abs(code);
  if (magnitude >= 100 && magnitude % 100 === 0) return true;
  const last = magnitude % 10;
  let m = magnitude;
  while (m > 0 && m % 10 === last) m = Math.floor(m / 10);
  return m === 0 && magnitude >= 11;
}

/** The most a vendor message alone scores when the message does not name its vendor. */
export const MESSAGE_ALONE_CAP = 0.6;

/** A message with this many distinct codes, or table rows, is a listing: a doc table, an enum, a dictionary. */
const LISTING_CODES = 5;
const LISTING_ROWS = 4;

const TENCENT_HEADER_CATALOGS = new Set(["tencent-cos-v4", "tencent-ci-image"]);

/** Just above the explicit line (0.5). */
const EXPLICIT_FLOOR = 0.55;

/** A message this short is about the number in it. */
const SHORT_MESSAGE = 80;

/** Widely used outside these vendors (Apache's HTTP_FORBIDDEN, codec errors). */
const WIDELY_USED_SYMBOL = /^(?:HTTP|ASN|PROTOBUF|JSON|XML)_/i;

function onTableRow(text: string, at: number): boolean {
  let pipes = 0;
  for (let p = at; p > 0 && at - p < 120 && text.charCodeAt(p - 1) !== 10; p--) if (text.charCodeAt(p - 1) === 124) pipes++;
  return pipes >= 1 && text.indexOf("|", at) >= 0 && text.indexOf("|", at) < at + 120;
}

/**
 * Another product's enum or table reusing the vendor's symbol names with its own numbers (`|1024|ERROR_PROXY_AUTH_EXPIRED|`,
 * `ERROR_CMD_FILE_NOTEXIST(92000, ...)`): an integer beside the symbol on its line, and none of them the entry's code.
 */
function besideOtherNumber(before: number, after: number, code: number): boolean {
  if (before === code || after === code) return false;
  return !Number.isNaN(before) || !Number.isNaN(after);
}

/**
 * The symbol is being defined or mapped, not reported: a dictionary key (`'ERROR_CMD_FILE_NOTEXIST': '文件不存在'`,
 * `"ERR_X" => ...`) or an assignment (`String ERROR_PROXY_AUTH_FAILED = "非法签名";`). A client's own table of the
 * vendor's symbols, which the labelling rules (rule 5) do not count as an incident.
 */
function symbolDefined(text: string, start: number, end: number): boolean {
  const quoted = start > 0 && (text.charCodeAt(start - 1) === 39 || text.charCodeAt(start - 1) === 34);
  if (quoted) {
    // A key starts an entry (`{`, `,`, `(`, a new line); after `==` or `=` it is a value being compared or assigned.
    let b = start - 2;
    while (b >= 0 && start - b < 10 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
    const before = b < 0 ? 10 : text.charCodeAt(b);
    if (before !== 123 && before !== 44 && before !== 40 && before !== 10 && before !== 13 && before !== 91) return false;
  }
  let p = end;
  if (quoted && (text.charCodeAt(p) === 39 || text.charCodeAt(p) === 34)) p++;
  while (p < text.length && p - end < 8 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  const c = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  if (quoted) return c === 58 || (c === 61 && next === 62);
  return c === 61 && next !== 61;
}

/** Code handling the symbol: `message == 'ERROR_PROXY_AUTH_FAILED'`, `case "ERROR_CMD_FILE_NOTEXIST":`, `.equals("…")`. */
function symbolCompared(text: string, start: number): boolean {
  const quoted = start > 0 && (text.charCodeAt(start - 1) === 39 || text.charCodeAt(start - 1) === 34);
  let b = start - 1;
  while (b >= 0 && start - b < 4 && (text.charCodeAt(b) === 39 || text.charCodeAt(b) === 34 || text.charCodeAt(b) === 117)) b--; // quotes, Python's u''
  while (b >= 0 && start - b < 12 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9 || text.charCodeAt(b) === 40)) b--;
  const c = text.charCodeAt(b);
  if (c === 61 && (text.charCodeAt(b - 1) === 61 || text.charCodeAt(b - 1) === 33)) return true;
  // `case "…"`, `.equals("…")`, `in ('…', …)`: a word ending right there, before a quoted symbol only (prose says
  // "failed in ERROR_X", "in my case ERROR_X"); checked by its last letter before any regex runs.
  const last = c | 32;
  return quoted && (last === 101 || last === 115 || last === 110) && /(?:\bcase|\.equals|\bequals|\bin)$/i.test(text.slice(Math.max(0, b - 7), b + 1));
}

/** Distinct vendor symbols written in the message: three or more is a table of them, not one error. */
function distinctSymbols(scan: Scan): number {
  if (scan.symInfo.length < 3) return scan.symInfo.length;
  return new Set(scan.symInfo).size;
}

/** Catalogs with a long code written in the message (`-46628`, `40100006`): codes nobody else's numbers look like. */
function catalogsWithLongCodes(lexicon: Lexicon, scan: Scan): Set<string> {
  const catalogs = new Set<string>();
  for (let k = 0; k < scan.numStart.length; k++) {
    const code = scan.numCode[k]!;
    if (scan.numRestored[k] === 1 || scan.numDigits[k]! < (code < 0 ? 5 : 8)) continue;
    for (const entry of lexicon.codes.get(code)!) catalogs.add(entry.catalog);
  }
  return catalogs;
}

/** Below the auto-reply line, above the explicit one: a bare SDK code is explained when asked. */
const SDK_CODE_CAP = 0.7;

/**
 * Parts of identifiers that say the code talks to a vendor: `cosClient`, `s_cosapi`, `UpYunUploader`, `bucketName`.
 * Other object stores have buckets too, but their clients do not compare the vendors' negative codes: in the labelled
 * corpora `bucket` found COS code (a Ruby gem rescuing -166) and never another store's.
 */
const IDENTIFIER_VENDORS: Record<string, readonly string[]> = {
  cos: ["tencent-cos-v4", "tencent-ci-image"],
  qcloud: ["tencent-cos-v4", "tencent-ci-image"],
  upyun: ["upyun"],
  bucket: ["tencent-cos-v4", "tencent-ci-image", "upyun"],
};
const VENDOR_PART = /cos|qcloud|upyun|bucket/gi;
const UPYUN_CODE_HEADER = /\bx[-_]error[-_]code\b/i;
/** Letters an identifier part may carry after the vendor's word and still be about it: `cosapi`, `CosSdk`, `cosfs`. */
const VENDOR_PART_SUFFIXES = ["api", "sdk", "fs"];

function suffixLength(text: string, at: number): number {
  for (const suffix of VENDOR_PART_SUFFIXES) {
    let k = 0;
    while (k < suffix.length && (text.charCodeAt(at + k) | 32) === suffix.charCodeAt(k)) k++;
    if (k === suffix.length) return k;
  }
  return 0;
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;

/**
 * Catalogs whose vendor an identifier in the text names by one of its parts, split at `_`, other punctuation and
 * case changes: `cosClient`, `s_cosapi`, `COSClient`, `bucketName`, `UpYunUploader`; not `cost`, `cosine` or `Math.cos(`.
 */
function vendorsInIdentifiers(text: string): Set<string> {
  const catalogs = new Set<string>();
  VENDOR_PART.lastIndex = 0;
  for (let hit = VENDOR_PART.exec(text); hit; hit = VENDOR_PART.exec(text)) {
    const start = hit.index;
    let end = start + hit[0].length;
    const first = text.charCodeAt(start);
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    const startsPart = !(isLower(before) || isUpper(before) || isDigit(before)) || (isUpper(first) && !isUpper(before)) || ((first | 32) === 113 && (text.charCodeAt(start - 2) | 32) === 109 && (before | 32) === 121);
    if (!startsPart) continue;
    end += suffixLength(text, end);
    const last = text.charCodeAt(end - 1);
    const after = end < text.length ? text.charCodeAt(end) : 32;
    const endsPart =
      !(isLower(after) || isUpper(after) || isDigit(after)) ||
      (isUpper(after) && isLower(last)) ||
      (isUpper(after) && isUpper(last) && isLower(text.charCodeAt(end + 1)));
    if (!endsPart) continue;
    // `Math.cos(angle)`, `np.cos(x)`: the cosine.
    if ((first | 32) === 99 && end - start === 3 && (after === 40 || text.charCodeAt(start - 1) === 46)) continue;
    for (const catalog of IDENTIFIER_VENDORS[(first | 32) === 99 ? "cos" : (first | 32) === 113 ? "qcloud" : (first | 32) === 117 ? "upyun" : "bucket"]!) catalogs.add(catalog);
  }
  // `X-Error-Code` is UpYun's response header for its detailed code (`response.header("X-Error-Code")`, `x_error_code`).
  if (UPYUN_CODE_HEADER.test(text)) for (const catalog of IDENTIFIER_VENDORS.upyun!) catalogs.add(catalog);
  return catalogs;
}

/** How far a list of codes may reach either side of one of its numbers. */
const MEMBERSHIP_REACH = 80;
const LIST_ITEM = /^[\s,\d+-]*$/;
const LIST_TEST_AFTER = /^\s*[\])]\s*\.(?:indexOf|includes|contains|has)\(/;
const LIST_TEST_BEFORE = /(?:\bin|\bIN|\bnew Set|\bArrays\.asList|\bList\.of|\bSet\.of|\bin_array\s*\([^()\n]*,)\s*\(?\s*[[(]$/;
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The number is one of a list of numbers tested for membership: `[0, -4018, -177].indexOf(code)`,
 * `code in (-97, -96)`, `in_array($code, [-62, -79])`: code handling the vendor's codes, as a comparison is.
 */
function inMembershipTest(text: string, start: number, end: number): boolean {
  // Cheap first: a list item sits between `[`, `(` or `,` and `,`, `]` or `)`.
  let b = start - 1;
  while (b >= 0 && start - b < MEMBERSHIP_REACH && isBlank(text.charCodeAt(b))) b--;
  let a = end;
  while (a < text.length && a - end < MEMBERSHIP_REACH && isBlank(text.charCodeAt(a))) a++;
  const before = text.charCodeAt(b);
  const after = text.charCodeAt(a);
  if ((before !== 91 && before !== 40 && before !== 44) || (after !== 93 && after !== 41 && after !== 44)) return false;
  let open = start;
  while (open > 0 && start - open < MEMBERSHIP_REACH && text.charCodeAt(open - 1) !== 91 && text.charCodeAt(open - 1) !== 40) open--;
  if (open === 0 || start - open >= MEMBERSHIP_REACH || !LIST_ITEM.test(text.slice(open, start))) return false;
  let close = end;
  while (close < text.length && close - end < MEMBERSHIP_REACH && text.charCodeAt(close) !== 93 && text.charCodeAt(close) !== 41) close++;
  if (close - end >= MEMBERSHIP_REACH || !LIST_ITEM.test(text.slice(end, close))) return false;
  return LIST_TEST_AFTER.test(text.slice(close, close + 16)) || LIST_TEST_BEFORE.test(text.slice(Math.max(0, open - 40), open));
}

/** Candidate.said when the message says the entry's words the other way round. */
export const OPPOSES = "opposes";
/** Meaning-bearing tokens a message field needs before saying nothing of the entry counts as saying something else. */
const CONTRADICTING_TOKENS = 2;
const CONTRADICTED_CAP = 0.7;

/** Code comparing a number shorter than the vendor's long codes, its vendor unnamed: explained on request only. */
const UNNAMED_HANDLING_CAP = 0.7;

/** A lower-case symbol read as a program's member (`R.string.error_…`): explained on request only. */
const MEMBER_CAP = 0.7;
const isAllLowerCase = (word: string) => !/[A-Z]/.test(word);

/** A number in a message naming another cloud's storage and not the entry's vendor: explained on request only. */
const OTHER_VENDOR_CAP = 0.7;

/** A doc's or FAQ's heading names a code to explain on request, never to auto-reply to. */
const HEADING_CAP = 0.7;

/** How much blank space around a line's bold marks is skipped: bounded, so a hostile line costs little per candidate. */
const HEADING_SLACK = 8;

/** A line wholly in bold (`**code: -96, ERROR_PROXY_AUTH_EXPIRED**`): a heading of a doc or FAQ, not an incident. */
function onBoldHeading(scan: Scan, offset: number): boolean {
  const text = scan.text;
  const [lineStart, lineEnd] = lineOf(scan, offset);
  let from = lineStart;
  let to = lineEnd;
  while (from < to && from - lineStart < HEADING_SLACK && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  while (to > from && lineEnd - to < HEADING_SLACK && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9 || text.charCodeAt(to - 1) === 13)) to--;
  return to - from > 4 && text.startsWith("**", from) && text.startsWith("**", to - 2);
}

/** Which vendor messages found lie inside a longer one found (sorted by start, longest first: one pass). */
function phrasesInsideLonger(scan: Scan): Uint8Array {
  const n = scan.phraseStart.length;
  const inside = new Uint8Array(n);
  if (n < 2) return inside;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scan.phraseStart[a]! - scan.phraseStart[b]! || scan.phraseEnd[b]! - scan.phraseEnd[a]!);
  let reach = -1;
  let reachStart = -1;
  for (const m of order) {
    const start = scan.phraseStart[m]!;
    const end = scan.phraseEnd[m]!;
    if (end <= reach && !(start === reachStart && end === reach)) inside[m] = 1;
    if (end > reach) [reach, reachStart] = [end, start];
  }
  return inside;
}

/**
 * The number opens its line (`-404 文件不存在`, `- -97 非法签名`): in a listing, with the entry's meaning beside it,
 * that is a row of a code table, the vendor's own error page or a copy of it (LABELLING rule 5), explained on
 * request only. A tally of codes with counts (`-46628  x 412`) states no meaning and stays an incident.
 */
function startsItsLine(scan: Scan, offset: number): boolean {
  const text = scan.text;
  const [lineStart] = lineOf(scan, offset);
  for (let p = lineStart; p < offset; p++) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9 && c !== 42 && c !== 45 && c !== 124 && c !== 0x2022) return false; // spaces, bullets, a cell border
  }
  return true;
}


/** How far before a number a code key may start and still be its key (`"error_code": "-97"`, `errno=-97`). */
const KEY_REACH = 40;

/** Two counts in one map value: weak places below it, places that report the code above. */
const BUDGET_SLOT = 1 << 16;

/** Cheaply, before reading it: a code key, `==`/`!=` or a failure word right before the number. */
function looksKeyed(scan: Scan, start: number): boolean {
  const text = scan.text;
  let p = start;
  while (p > 0 && start - p < 3 && text.charCodeAt(p - 1) === 32) p--;
  if (text.charCodeAt(p - 1) === 61 && (text.charCodeAt(p - 2) === 61 || text.charCodeAt(p - 2) === 33)) return true;
  if (scan.codeKeys.length > 0) {
    const key = scan.codeKeys.lowerBound(start);
    if (key > 0 && scan.codeKeys.get(key - 1) >= start - KEY_REACH) return true;
  }
  return scan.failures.length > 0 && hasNear(scan.failures, start, 24);
}

/** Vendor messages that are also HTTP reason phrases: after a status (`429 Too Many Requests`) they are the status line's. */
const HTTP_REASON_PHRASES = new Set(["not found", "precondition failed", "too many requests"]);

/** `429 Too Many Requests`: the phrase follows an HTTP status, as in a status line or a client's error. */
function afterHttpStatus(text: string, start: number): boolean {
  let p = start;
  while (p > 0 && start - p < 3 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9 || text.charCodeAt(p - 1) === 58)) p--;
  if (p === start || p < 3) return false;
  for (let k = 1; k <= 3; k++) if (!isDigit(text.charCodeAt(p - k))) return false;
  if (p > 3 && isDigit(text.charCodeAt(p - 4))) return false;
  return HTTP_STATUSES.has(Number(text.slice(p - 3, p)));
}

/** Reads each candidate once and hands it to `visit`; the candidate and its features vector are reused between calls. */
export function forEachCandidate(lexicon: Lexicon, scan: Scan, visit: (c: Candidate) => void, stats?: DetectStats): void {
  const text = scan.text;
  const x = new Float64Array(FEATURES.length);
  const F = FEATURE;
  // One candidate object, refilled for each visit: the visitor copies what it keeps.
  const current: Candidate = { entry: lexicon.codes.values().next().value![0]!, x, offset: 0, length: 0 };
  const candidate = (entry: Entry, start: number, end: number, cap: number | undefined, names: boolean, said: string | undefined): Candidate => {
    current.entry = entry;
    current.offset = start;
    current.length = end - start;
    current.cap = cap;
    current.names = names;
    current.said = said;
    current.floor = undefined;
    return current;
  };
  const listing = scan.distinctCodes >= LISTING_CODES || scan.tableLines >= LISTING_ROWS ? 1 : 0;
  const manySymbols = distinctSymbols(scan) >= 3;
  const longCodes = catalogsWithLongCodes(lexicon, scan);
  let identifierVendors: Set<string> | undefined;
  /** The text talks to the entry's vendor: names it, or an identifier does (scanned once, when first asked). */
  const talksTo = (catalog: string, vendor: boolean) => vendor || (identifierVendors ??= vendorsInIdentifiers(text)).has(catalog);
  /** Per code, the places judged: weak ones in the low slot, those that report the code in the high one. */
  const placesOf = new Map<number, number>();
  let judged = 0;

  for (let k = 0; k < scan.numStart.length; k++) {
    const start = scan.numStart[k]!;
    const end = scan.numEnd[k]!;
    const code = scan.numCode[k]!;
    const digits = scan.numDigits[k]!;
    const restored = scan.numRestored[k] === 1;
    if (stats) stats.candidates++;
    // A place the words before it make a code (`"code": -97`, `case -97:`, `== -97`, a failure beside it) has a budget
    // of its own: a long listing of a code cannot use up the reading of the one line that reports it. Past the other
    // budget, a place that does not even look like one (no code key, comparison or failure word just before) is not read.
    const spent = placesOf.get(code) ?? 0;
    const weakLeft = spent % BUDGET_SLOT < PLACES_PER_CODE;
    const strongLeft = Math.floor(spent / BUDGET_SLOT) < PLACES_PER_CODE;
    if (judged >= PLACES_PER_MESSAGE || (!weakLeft && !strongLeft) || (!weakLeft && !looksKeyed(scan, start))) {
      scan.unread++;
      continue;
    }
    const context = readNumber(scan, start, end, code);
    if (!context) continue;
    const keyKind = context.key.kind;
    if (restored && ((keyKind !== "code" && keyKind !== "errno") || scan.otherApi)) continue;
    const strong = keyKind === "code" || keyKind === "errno" || keyKind === "case" || context.key.comparison || context.failureAdjacent;
    if (!(strong ? strongLeft : weakLeft)) {
      scan.unread++;
      continue;
    }
    placesOf.set(code, spent + (strong ? BUDGET_SLOT : 1));
    judged++;
    windowOf(scan, k);
    if (stats) stats.contextChars += WINDOW.end - WINDOW.start + (end - context.key.keyStart);
    readWindow(lexicon, scan);
    const unit = unitFollows(text, end);
    const handling = keyKind === "case" || context.key.comparison || inMembershipTest(text, start, end);
    for (const entry of lexicon.codes.get(code)!) {
      const agree = agreement(lexicon, entry);
      if (unit && !agree.symbol && agree.hits === 0 && keyKind !== "code" && keyKind !== "errno") continue;
      x.fill(0);
      x[F["bias"]] = 1;
      const negative = code < 0;
      const short = digits <= 3;
      if (negative) x[digits >= 5 ? F["negative-5"] : digits === 4 ? F["negative-4"] : digits === 3 ? F["negative-3"] : digits === 2 ? F["negative-2"] : F["negative-1"]] = 1;
      else if (digits >= 8) x[F["long-8"]] = 1;
      else if (HTTP_STATUSES.has(code)) x[F["http-status"]] = 1;
      else if (digits === 3) x[F["positive-3"]] = 1;
      else x[F["other-shape"]] = 1;
      if (isRoundish(code)) x[F["roundish"]] = 1;
      const keyed = keyKind === "code" || keyKind === "errno";
      const structured = context.key.style !== "text";
      if (keyKind === "code") x[F["key-code"]] = 1;
      if (keyKind === "errno") x[F["key-errno"]] = 1;
      if (keyKind === "status") x[F["key-status"]] = 1;
      if (keyKind === "verb") x[F["key-verb"]] = 1;
      if (keyed && structured) x[F["key-structured"]] = 1;
      if (context.key.style === "header") x[F["key-header"]] = 1;
      if (WINDOW.question) x[F["question"]] = 1;
      if (text.length <= SHORT_MESSAGE) x[F["short-message"]] = 1;
      if (short && keyed) x[F["short-and-keyed"]] = 1;
      if (short && keyed && structured) x[F["short-and-structured"]] = 1;
      if (handling) x[F["case-or-comparison"]] = 1;
      // `X-ErrNo` is Tencent's own response header: it names the vendor as a host name would.
      const vendor = scan.vendors.has(entry.catalog) || (context.key.style === "header" && keyKind === "errno" && TENCENT_HEADER_CATALOGS.has(entry.catalog));
      if (vendor) x[F["vendor-named"]] = 1;
      else if (scan.vendors.size > 0) x[F["other-vendor-named"]] = 1;
      if (vendor && short) x[F["short-and-vendor"]] = 1;
      // `{"code":-46628},{"code":-177}`: a long code, which only this vendor defines, vouches for its short neighbour.
      if (short && longCodes.has(entry.catalog)) x[F["long-code-beside"]] = 1;
      if (context.failureNearby) x[F["failure-nearby"]] = 1;
      if (context.failureAdjacent) x[F["failure-adjacent"]] = 1;
      if (context.hanNear) x[F["chinese-near"]] = 1;
      // `"message": "file does not exist"` beside COS's "file already exists" says the opposite: as many words of the
      // message say the entry's words the other way round as say them plainly.
      const opposed = !agree.symbol && agree.messageOpposed > 0 && agree.messageOpposed >= agree.messageHits;
      const agrees = agree.symbol || (!opposed && (agree.messageHits > 0 || agree.hits >= 3));
      if (agree.symbol) x[F["symbol-agrees"]] = 1;
      else if (agrees) x[F["message-agrees"]] = 1;
      else if (agree.hits > 0 && !opposed) x[F["words-agree"]] = 1;
      const saysOtherwise = !agree.symbol && (agree.messageHits === 0 || opposed);
      if (saysOtherwise && WINDOW.messageTokens > 0) x[F["message-contradicts"]] = 1;
      if (agree.foreignSymbol || (context.key.symbolKey !== undefined && !agree.symbol)) x[F["foreign-symbol"]] = 1;
      // A switch over many codes lists them too, but in code that talks to the vendor it handles them (rule 3).
      if (listing && !(keyKind === "case" && talksTo(entry.catalog, vendor))) x[F["listing"]] = 1;
      if (context.enumLine || WINDOW.pipes >= 2) x[F["table-or-enum-line"]] = 1;
      if (scan.otherApi) x[F["other-api"]] = 1;
      if (restored) x[F["sign-restored"]] = 1;
      let cap: number | undefined;
      // The COS v4 SDKs' own -1..-4 (file missing, network, bad parameter) are anyone's numbers unless the words
      // around say what the entry says (LABELLING.md: "clearly a COS v4 SDK result").
      const sdkCode = entry.catalog === "tencent-cos-v4" && code < 0 && code >= -4;
      const handled = vendor && handling;
      if (sdkCode && !handled && !agree.symbol && agree.messageHits === 0 && agree.hits < 2) cap = SDK_CODE_CAP;
      // Rule 3 counts code that handles a vendor's codes only when it talks to that vendor: `code === -97` with no word
      // of the vendor anywhere and nothing beside it that means the entry is some other program's own number. An
      // 8-digit positive code needs the same anywhere (`code === 40300002`, `{"code":40000001,"message":"bad request"}`,
      // `errCode := 40000001`): many APIs number their errors as UpYun does, while UpYun's own bodies carry its message.
      // Only COS's long negative codes are the vendor's alone.
      const long = negative ? digits >= 5 : digits >= 8;
      const upyunShaped = long && !negative;
      if ((upyunShaped || (handling && !long)) && !agree.symbol && agree.hits === 0 && !talksTo(entry.catalog, vendor)) cap = UNNAMED_HANDLING_CAP;
      // The rule: a message field that says something else (`{"code":-101,"message":"账号未登录"}`) contradicts
      // the entry; another system's body of the same shape is explained on request only.
      if (saysOtherwise && WINDOW.messageTokens >= CONTRADICTING_TOKENS && !vendor) cap = Math.min(cap ?? 1, CONTRADICTED_CAP);
      // `com.aliyun.oss.serverError Code=-404`: another cloud's storage named, ours not, the number is that cloud's.
      if (scan.otherVendor && !talksTo(entry.catalog, vendor)) cap = Math.min(cap ?? 1, OTHER_VENDOR_CAP);
      if (keyKind === "exit") cap = 0.3;
      else if (onBoldHeading(scan, start) || (listing && (agree.symbol || agree.hits > 0) && startsItsLine(scan, start))) cap = HEADING_CAP;
      visit(candidate(entry, start, end, cap, agree.ownSymbol, agrees ? "agrees" : opposed ? OPPOSES : undefined));
    }
  }

  for (let s = 0; s < scan.symStart.length; s++) {
    if (stats) stats.candidates++;
    const start = scan.symStart[s]!;
    const end = scan.symEnd[s]!;
    const info = lexicon.words.infos[scan.symInfo[s]!]!;
    const whole = info.symbolOf.length > 0;
    let upper = true;
    for (let p = start; p < end && upper; p++) {
      const c = text.charCodeAt(p);
      upper = !(c >= 97 && c <= 122);
    }
    for (const entry of whole ? info.symbolOf : info.partOf) {
      x.fill(0);
      x[F["bias"]] = 1;
      x[whole ? F.symbol : F["symbol-part"]] = 1;
      if (!upper) x[F["symbol-lowercase"]] = 1;
      const symbol = text.slice(start, end);
      if (WIDELY_USED_SYMBOL.test(symbol)) x[F["symbol-widely-used"]] = 1;
      if (/^Err[A-Z]/.test(symbol)) x[F["symbol-go-style"]] = 1;
      if (typeof entry.code === "number" && besideOtherNumber(scan.symNumBefore[s]!, scan.symNumAfter[s]!, entry.code)) x[F["symbol-other-number"]] = 1;
      // Code that checks for several of the vendor's symbols handles them (rule 3); a table of them lists them (rule 5).
      const defined = symbolDefined(text, start, end);
      if (defined) x[F["symbol-defined"]] = 1;
      if (!defined && symbolCompared(text, start)) x[F["symbol-compared"]] = 1;
      else if (manySymbols) x[F["symbols-many"]] = 1;
      const vendor = scan.vendors.has(entry.catalog);
      if (vendor) x[F["vendor-named"]] = 1;
      else if (scan.vendors.size > 0) x[F["other-vendor-named"]] = 1;
      if (listing) x[F["listing"]] = 1;
      if (scan.otherApi) x[F["other-api"]] = 1;
      // `R.string.error_process_file_too_large`: a program's own member named like the symbol, in lower case, its vendor
      // unnamed (`cos.ErrDecodeReq` is the vendor's Go SDK naming its own error).
      const member = !vendor && isAllLowerCase(symbol) && start > 0 && text.charCodeAt(start - 1) === 46;
      visit(candidate(entry, start, end, onBoldHeading(scan, start) ? HEADING_CAP : member ? MEMBER_CAP : undefined, true, symbol));
    }
  }

  const inside = phrasesInsideLonger(scan);
  for (let m = 0; m < scan.phraseStart.length; m++) {
    if (stats) stats.candidates++;
    const start = scan.phraseStart[m]!;
    const end = scan.phraseEnd[m]!;
    // `too many requests of the same uri` is one message, not also `too many requests`.
    if (inside[m]) continue;
    const phrase = lexicon.words.infos[scan.phraseInfo[m]!]!.phrases[scan.phraseSlot[m]!]!;
    const reasonPhrase = HTTP_REASON_PHRASES.has(phrase.text) && afterHttpStatus(text, start);
    for (const entry of phrase.entries) {
      x.fill(0);
      x[F["bias"]] = 1;
      x[F["vendor-message"]] = 1;
      if (phrase.words >= 3) x[F["vendor-message-long"]] = 1;
      if (onTableRow(text, start)) x[F["table-or-enum-line"]] = 1;
      const vendor = scan.vendors.has(entry.catalog);
      if (vendor) x[F["vendor-named"]] = 1;
      else if (scan.vendors.size > 0) x[F["other-vendor-named"]] = 1;
      if (listing) x[F["listing"]] = 1;
      if (text.length <= SHORT_MESSAGE) x[F["short-message"]] = 1;
      // A message alone, its vendor unnamed ("not found"), is anyone's: explained on request only.
      // ... and a message several codes share (`content md5 not match`) does not say which.
      // ... and a message that is a dictionary's key (`'Need Date Header' => '…'`) is a client's table of the vendor's
      // messages (rule 5), not an error someone got.
      // ... and `429 Too Many Requests` after a status is HTTP's reason phrase, not necessarily UpYun's message.
      const cap = vendor && phrase.entries.length === 1 && !symbolDefined(text, start, end) && !reasonPhrase ? (onBoldHeading(scan, start) ? HEADING_CAP : undefined) : MESSAGE_ALONE_CAP;
      const found = candidate(entry, start, end, cap, false, phrase.text);
      if (phrase.words >= 3 && phrase.entries.length === 1) found.floor = EXPLICIT_FLOOR;
      visit(found);
    }
  }
}
