// Every candidate of a scanned text, as (entry, features, where): the numbers some catalog defines and the words
// that are some entry's symbol. detect() scores them with the fitted weights; tools/fit-detector.ts fits on them.
import type { Entry } from "../../catalog/schema.js";
import { HTTP_STATUSES, readNumber, unitFollows } from "./context.js";
import { agreement, readWindow, windowOf } from "./evidence.js";
import { featureIndex as f, FEATURES } from "./features.js";
import type { Lexicon } from "./lexicon.js";
import type { Scan } from "./tokenize.js";
import type { DetectStats } from "./index.js";

export interface Candidate {
  entry: Entry;
  x: Float64Array;
  offset: number;
  length: number;
  /** What the evidence said, for the reason: the agreeing message or symbol. */
  said?: string;
  /** The evidence is the entry's own symbol, which singles out its catalog among those sharing the code. */
  names?: boolean;
  /** A rule decided before the model (an exit code, a success code): the most the candidate may score. */
  cap?: number;
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

/** A message this short is about the number in it. */
const SHORT_MESSAGE = 80;

/** Widely used outside these vendors (Apache's HTTP_FORBIDDEN, codec errors). */
const WIDELY_USED_SYMBOL = /^(?:HTTP|ASN|PROTOBUF|JSON|XML)_/i;

function onTableRow(text: string, at: number): boolean {
  let pipes = 0;
  for (let p = at; p > 0 && at - p < 120 && text.charCodeAt(p - 1) !== 10; p--) if (text.charCodeAt(p - 1) === 124) pipes++;
  return pipes >= 1 && text.indexOf("|", at) >= 0 && text.indexOf("|", at) < at + 120;
}

/** Reads each candidate once and hands it to `visit`, with a features vector reused between calls. */
export function forEachCandidate(lexicon: Lexicon, scan: Scan, visit: (c: Candidate) => void, stats?: DetectStats): void {
  const text = scan.text;
  const x = new Float64Array(FEATURES.length);
  const listing = scan.distinctCodes >= LISTING_CODES || scan.tableLines >= LISTING_ROWS ? 1 : 0;
  const set = (name: Parameters<typeof f>[0], value = 1) => (x[f(name)] = value);

  for (let k = 0; k < scan.numStart.length; k++) {
    const start = scan.numStart[k]!;
    const end = scan.numEnd[k]!;
    const code = scan.numCode[k]!;
    const digits = scan.numDigits[k]!;
    const restored = scan.numRestored[k] === 1;
    if (stats) stats.candidates++;
    const context = readNumber(scan, start, end, code);
    if (!context) continue;
    const keyKind = context.key.kind;
    if (restored && ((keyKind !== "code" && keyKind !== "errno") || scan.otherApi)) continue;
    const window = windowOf(scan, k);
    if (stats) stats.contextChars += window.end - window.start + (end - context.key.keyStart);
    const read = readWindow(lexicon, scan, window.start, window.end);
    const unit = unitFollows(text, end);
    for (const entry of lexicon.codes.get(code)!) {
      const agree = agreement(lexicon, entry);
      if (unit && !agree.symbol && agree.hits === 0 && keyKind !== "code" && keyKind !== "errno") continue;
      x.fill(0);
      set("bias");
      const negative = code < 0;
      const short = negative ? digits <= 3 : digits <= 3;
      if (negative) set(digits >= 5 ? "negative-5" : digits === 4 ? "negative-4" : digits === 3 ? "negative-3" : digits === 2 ? "negative-2" : "negative-1");
      else if (digits >= 8) set("long-8");
      else if (HTTP_STATUSES.has(code)) set("http-status");
      else if (digits === 3) set("positive-3");
      else set("other-shape");
      if (isRoundish(code)) set("roundish");
      const keyed = keyKind === "code" || keyKind === "errno";
      const structured = context.key.style !== "text";
      if (keyKind === "code") set("key-code");
      if (keyKind === "errno") set("key-errno");
      if (keyKind === "status") set("key-status");
      if (keyKind === "verb") set("key-verb");
      if (keyed && structured) set("key-structured");
      if (context.key.style === "header") set("key-header");
      if (context.question) set("question");
      if (text.length <= SHORT_MESSAGE) set("short-message");
      if (short && keyed) set("short-and-keyed");
      if (short && keyed && structured) set("short-and-structured");
      if (keyKind === "case" || context.key.comparison) set("case-or-comparison");
      const vendor = scan.vendors.has(entry.catalog);
      if (vendor) set("vendor-named");
      else if (scan.vendors.size > 0) set("other-vendor-named");
      if (vendor && short) set("short-and-vendor");
      if (context.failureNearby) set("failure-nearby");
      if (context.failureAdjacent) set("failure-adjacent");
      if (context.hanNear) set("chinese-near");
      if (agree.symbol) set("symbol-agrees");
      else if (agree.messageHits > 0 || agree.hits >= 3) set("message-agrees");
      else if (agree.hits > 0) set("words-agree");
      if (!agree.symbol && agree.messageHits === 0 && read.messageTokens > 0) set("message-contradicts");
      if (agree.foreignSymbol || (context.key.symbolKey !== undefined && !agree.symbol)) set("foreign-symbol");
      if (listing) set("listing");
      if (context.listingLine) set("table-or-enum-line");
      if (scan.otherApi) set("other-api");
      if (restored) set("sign-restored");
      let cap: number | undefined;
      if (keyKind === "exit") cap = 0.3;
      visit({ entry, x, offset: start, length: end - start, cap, names: agree.symbol, said: agree.symbol || agree.messageHits > 0 || agree.hits >= 3 ? "agrees" : undefined });
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
      set("bias");
      set(whole ? "symbol" : "symbol-part");
      if (!upper) set("symbol-lowercase");
      const symbol = text.slice(start, end);
      if (WIDELY_USED_SYMBOL.test(symbol)) set("symbol-widely-used");
      if (/^Err[A-Z]/.test(symbol)) set("symbol-go-style");
      const vendor = scan.vendors.has(entry.catalog);
      if (vendor) set("vendor-named");
      else if (scan.vendors.size > 0) set("other-vendor-named");
      if (listing) set("listing");
      if (scan.otherApi) set("other-api");
      visit({ entry, x, offset: start, length: end - start, names: true, said: symbol });
    }
  }

  for (let m = 0; m < scan.phraseStart.length; m++) {
    if (stats) stats.candidates++;
    const start = scan.phraseStart[m]!;
    const end = scan.phraseEnd[m]!;
    const phrase = lexicon.words.infos[scan.phraseInfo[m]!]!.phrases[scan.phraseSlot[m]!]!;
    for (const entry of phrase.entries) {
      x.fill(0);
      set("bias");
      set("vendor-message");
      if (phrase.words >= 3) set("vendor-message-long");
      if (onTableRow(text, start)) set("table-or-enum-line");
      const vendor = scan.vendors.has(entry.catalog);
      if (vendor) set("vendor-named");
      else if (scan.vendors.size > 0) set("other-vendor-named");
      if (listing) set("listing");
      if (text.length <= SHORT_MESSAGE) set("short-message");
      // A message alone, its vendor unnamed ("not found"), is anyone's: explained on request only.
      // ... and a message several codes share (`content md5 not match`) does not say which.
      const cap = vendor && phrase.entries.length === 1 ? undefined : MESSAGE_ALONE_CAP;
      visit({ entry, x, offset: start, length: end - start, said: phrase.text, cap });
    }
  }
}
