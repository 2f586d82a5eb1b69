// The lexical pass of detect(): character classes, and the numbers and symbols worth judging.
import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { Entry } from "../../catalog/schema.js";

// Character classes by code point: these run for every character of the short walks around each number.
const isDigitCode = (x: number) => x >= 48 && x <= 57;
function isDigit(c: string | undefined): boolean {
  return c !== undefined && isDigitCode(c.charCodeAt(0));
}
export function isAsciiWordChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  return isDigitCode(x) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95;
}
export function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0) | 0x20;
  return x >= 97 && x <= 122;
}
const HAN_CHAR = /\p{Script=Han}/u;
export function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  const x = c.charCodeAt(0);
  if (x < 0x2e80) return false;
  if ((x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf)) return true;
  return HAN_CHAR.test(c);
}

const SYMBOL = /\b[A-Z][A-Z0-9]{0,40}(?:_[A-Z0-9]{1,40}){1,12}\b|\bErr[A-Z][A-Za-z0-9]{2,60}\b/g;
/** A short text field next to a code, where UpYun puts its message (`"msg": "file or directory not found"`). */
const MESSAGE_FIELD = /\b(?:msg|message|errmsg|error_?msg|error_?message)["']?\s*[:=]\s*["']([^"'\n]{1,200})["']/gi;

/** Words shaped like a catalog symbol: `ERR_DOWN_NOTFINISHED_FILE`, `ErrParamInvalid`. */
export function* symbolsIn(text: string): Generator<{ offset: number; symbol: string }> {
  for (const m of text.matchAll(SYMBOL)) yield { offset: m.index, symbol: m[0] };
}

/** Message fields, with the message trimmed and the span of the whole field. */
export function* messageFieldsIn(text: string): Generator<{ offset: number; length: number; message: string }> {
  for (const m of text.matchAll(MESSAGE_FIELD)) yield { offset: m.index, length: m[0].length, message: m[1]!.trim() };
}

const MAX_CODE_DIGITS = 12;

export interface NumberAt {
  /** Where the number starts, its sign included. */
  start: number;
  end: number;
  code: number;
  /** How many digits, without the sign. */
  digits: number;
  /** Written without its minus sign (`errorcode 46619`): only a code key next to it makes it -46619. */
  signRestored?: boolean;
}

/** People drop the minus of long codes (`errorcode 46619`); short ones without it are HTTP statuses and counts. */
const SIGN_RESTORE_MIN_DIGITS = 4;

const codesCache = new WeakMap<CatalogIndex, Map<number, Entry[]>>();

/** code -> entries, built once per index (CatalogIndex.byExactCode allocates a filtered array per call). */
function codesFor(index: CatalogIndex): Map<number, Entry[]> {
  let codes = codesCache.get(index);
  if (!codes) {
    codes = new Map();
    for (const entry of index.entries) {
      if (typeof entry.code !== "number") continue;
      const list = codes.get(entry.code);
      if (list) list.push(entry);
      else codes.set(entry.code, [entry]);
    }
    codesCache.set(index, codes);
  }
  return codes;
}

/**
 * Standalone numbers that some catalog defines, with their entries. Signed digit runs, as /[-+]?\d+/g would find
 * them, are read by hand: a log holds hundreds of thousands of numbers, almost none of them catalog codes, so
 * each miss should cost a few comparisons and no allocation.
 */
export function* catalogNumbersIn(index: CatalogIndex, text: string): Generator<NumberAt & { entries: Entry[] }> {
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
    const digits = end - digitsStart;
    const entries = codes.get(code);
    if (entries) {
      if (isStandalone(text, start, digitsStart, end)) yield { start, end, code, digits, entries };
    } else if (start === digitsStart && digits >= SIGN_RESTORE_MIN_DIGITS) {
      const unsigned = codes.get(-magnitude);
      if (unsigned && isStandalone(text, start, digitsStart, end)) yield { start, end, code: -magnitude, digits, entries: unsigned, signRestored: true };
    }
  }
}

/** The number's own boundaries: not part of a word, a version, a time, a date, a range, a path or a URL. */
function isStandalone(text: string, start: number, digitsStart: number, end: number): boolean {
  if (end - digitsStart > 1 && text[digitsStart] === "0") return false;
  const before = text[start - 1];
  const after = text[end];
  const afterNext = text[end + 1];
  // `abc-97`, `1999-2000`, `v1.2.3-97`, `--97`: a hyphen inside a word, not a minus sign.
  if (before !== undefined && (isAsciiWordChar(before) || "-+.#@$/\\%&".includes(before))) {
    // Slack/Discord italics: `_code -97_` keeps its leading underscore after a space.
    if (!(before === "_" && !isAsciiWordChar(text[start - 2]))) return false;
  }
  // `12:30`, `host:97` after a digit: a time or a port.
  if (before === ":" && isDigit(text[start - 2])) return false;
  if (after !== undefined) {
    if (isAsciiWordChar(after) && !(after === "_" && !isAsciiWordChar(afterNext))) return false;
    if (".:-/,".includes(after) && isDigit(afterNext)) return false;
  }
  return true;
}
