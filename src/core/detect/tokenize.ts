// The one pass over the text: char codes read once, recording together the numbers some catalog defines, the
// words that are symbols, line starts, failure words, POSIX errno names, Chinese text, URL spans and the catalogs
// the message names. Nothing is allocated per character or per candidate beyond a few numbers pushed on arrays.
import type { Entry } from "../../catalog/schema.js";
import { HASH_SEED, hasPrefix, hashStep, isHanCode, prefixKey, SMALL_CODES, WordFlag, type Lexicon } from "./lexicon.js";

const MAX_CODE_DIGITS = 12;
/** Characters either side of a number that make its context signature. */
const CONTEXT_SIGNATURE = 24;
/** People drop the minus of long codes (`errorcode 46619`); short ones without it are HTTP statuses and counts. */
const SIGN_RESTORE_MIN_DIGITS = 4;
/** How close an integer must be to a symbol to be that symbol's row or enum entry's number. */
const BESIDE = 24;

export interface Scan {
  text: string;
  /** Number candidates, parallel arrays: where the number starts (sign included), ends, its code, digits. */
  numStart: Int32Array;
  numEnd: Int32Array;
  numCode: Float64Array;
  numDigits: Uint8Array;
  /** 1 when the minus was restored (`errorcode 46619` -> -46619). */
  numRestored: Uint8Array;
  /** Symbol words: where, and the WordInfo index. */
  symStart: number[];
  symEnd: number[];
  symInfo: number[];
  /** The integer written right beside each symbol on its line (`|1024|SYM|`, `SYM(92000, ...)`), NaN when none. */
  symNumBefore: number[];
  symNumAfter: number[];
  /** Vendor messages: where, the WordInfo index of their first word and which of its phrases. */
  phraseStart: number[];
  phraseEnd: number[];
  phraseInfo: number[];
  phraseSlot: number[];
  /** Sorted offsets. */
  newlines: Offsets;
  failures: Offsets;
  errnoNames: Offsets;
  /** Words that make the number after them a code (`code`, `errno`, `ret`, `case`, `错误码`): where they start. */
  codeKeys: Offsets;
  hanRuns: Offsets;
  /** [start, end) pairs, flattened. */
  urls: number[];
  /** Catalogs named specifically, weakly, or by vendor family. */
  vendors: Set<string>;
  picked: Set<string>;
  /** ... of which named by name (`cos`, `image service`), not by a weak word alone (`图片`, `image`). */
  pickedByName: Set<string>;
  otherApi: boolean;
  /** Another cloud's object storage is named (`aliyun`, `七牛`). */
  otherVendor: boolean;
  /** Distinct catalog codes written with their sign: many of them make a listing (a doc table, an enum). */
  distinctCodes: number;
  /** Lines with two or more `|`: rows of a table. */
  tableLines: number;
  /** Places that may hold a code which the judging budget left unread (candidates.ts). */
  unread: number;
}

export const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII classes: 1 digit, 2 letter or `_`; everything else 0. */
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] = 2;
CLASS[95] = 2;
const isWordCode = (c: number) => c < 128 && CLASS[c]! !== 0;
const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** `abc-97`, `1999-2000`, `v1.2.3-97`, `12:30`, `1.5`, `/97/`: a number that is part of something else. */
function isStandalone(text: string, start: number, digitsStart: number, end: number): boolean {
  if (end - digitsStart > 1 && text.charCodeAt(digitsStart) === 48) return false;
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  if (before >= 0) {
    // Slack/Discord italics: `_code -97_` keeps its leading underscore after a space.
    if (before === 95) {
      if (start > 1 && isWordCode(text.charCodeAt(start - 2))) return false;
    } else if (isWordCode(before) || before === 45 || before === 43 || before === 46 || before === 35 || before === 64 || before === 36 || before === 47 || before === 92 || before === 37 || before === 38) {
      return false;
    }
    if (before === 58 && start > 1 && isDigit(text.charCodeAt(start - 2))) return false;
  }
  if (end < text.length) {
    const after = text.charCodeAt(end);
    const next = end + 1 < text.length ? text.charCodeAt(end + 1) : -1;
    if (isWordCode(after) && !(after === 95 && !isWordCode(next))) return false;
    if ((after === 46 || after === 58 || after === 45 || after === 47 || after === 44) && isDigit(next)) return false;
  }
  return true;
}

/** Only punctuation and spaces between a symbol and a number (`SYM(92000`, `|1024|SYM`): the same entry's, not a keyed neighbour's. */
function noWordBetween(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (isWordCode(c) || isHanCode(c)) return false;
  }
  return true;
}

function isUrlStop(c: number): boolean {
  return c <= 32 || c === 60 || c === 62 || c === 34 || c === 39 || c === 96;
}

const HASH_BASE = 0x01000193;
/** HASH_BASE to the power k, mod 2^32, for every window length a context signature can have. */
const HASH_POWERS = new Int32Array(2 * CONTEXT_SIGNATURE + 64);
HASH_POWERS[0] = 1;
for (let k = 1; k < HASH_POWERS.length; k++) HASH_POWERS[k] = Math.imul(HASH_POWERS[k - 1]!, HASH_BASE);

/**
 * Polynomial hashes of the text, every digit hashed as `0`, from a base position, filled as far as asked: any window's hash in O(1), so a text
 * of thousands of numbers (`-97 -97 -97 ...`) hashes each character once, not once per number around it. A window
 * past what is filled starts a new base there, so sparse numbers (real logs) hash only their own windows.
 */
const RING = 512;
const RING_MASK = RING - 1;

class PrefixHash {
  /** hashes[p & RING_MASK] is the hash of text[base, p), for base <= p <= filled (a ring: windows are short, left to right). */
  private readonly hashes = new Int32Array(RING);
  private base = 0;
  private filled = 0;

  constructor(private readonly text: string) {}

  /** The hash of text[from, to); windows come left to right, `to - from` at most the length HASH_POWERS covers. */
  span(from: number, to: number): number {
    const mask = RING_MASK;
    if (from > this.filled || from < this.base || this.filled - from > mask) {
      this.base = this.filled = from;
      this.hashes[from & mask] = 0;
    }
    let h = this.hashes[this.filled & mask]!;
    for (let p = this.filled; p < to; p++) {
      const c = this.text.charCodeAt(p);
      h = (Math.imul(h, HASH_BASE) + (c >= 48 && c <= 57 ? 48 : c)) | 0;
      this.hashes[(p + 1) & mask] = h;
    }
    if (to > this.filled) this.filled = to;
    return (this.hashes[to & mask]! - Math.imul(this.hashes[from & mask]!, HASH_POWERS[to - from]!)) | 0;
  }
}

export function scanText(lexicon: Lexicon, text: string): Scan {
  const scan: Scan = {
    text, numStart: NO_INTS, numEnd: NO_INTS, numCode: NO_CODES, numDigits: NO_BYTES, numRestored: NO_BYTES, symStart: [], symEnd: [], symInfo: [], symNumBefore: [], symNumAfter: [], phraseStart: [], phraseEnd: [], phraseInfo: [], phraseSlot: [],
    newlines: new Offsets(), failures: new Offsets(), errnoNames: new Offsets(), codeKeys: new Offsets(), hanRuns: new Offsets(), urls: [], vendors: new Set(), picked: new Set(), pickedByName: new Set(), otherApi: false, otherVendor: false, distinctCodes: 0, tableLines: 0, unread: 0,
  };
  const { words, codes, hanFirst, hanPhrases, scanPrefixes, smallCodes } = lexicon;
  const infos = words.infos;
  const seenCodes = new Set<number>();
  const judged = new IntSet();
  const numbers = new Numbers();
  const prefix = new PrefixHash(text);
  const n = text.length;
  let urlEnd = -1;
  let pipes = 0;
  let phraseEnd = 0;
  // The last integer read and the last symbol still waiting for one after it, to pair them on a line.
  let lastNewline = -1;
  let lastNumStart = 0;
  let lastDigitsStart = 0;
  let lastNumEnd = -1;
  let lastNumValue = 0;
  let waitingSymbol = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (isDigit(c)) {
        const digitsStart = i;
        let end = i + 1;
        let magnitude = c - 48;
        while (end < n) {
          const d = text.charCodeAt(end);
          if (!isDigit(d)) break;
          magnitude = magnitude * 10 + (d - 48);
          end++;
        }
        // `500ms`, `3a4f`: a word that starts with digits.
        if (end < n && isLetterCode(text.charCodeAt(end))) {
          while (end < n && isWordCode(text.charCodeAt(end))) end++;
          i = end;
          continue;
        }
        i = end;
        const digits = end - digitsStart;
        if (digits > MAX_CODE_DIGITS || digitsStart < urlEnd) continue;
        const signChar = digitsStart > 0 ? text.charCodeAt(digitsStart - 1) : 0;
        const signed = signChar === 45 || signChar === 43;
        const start = signed ? digitsStart - 1 : digitsStart;
        const code = signChar === 45 && magnitude !== 0 ? -magnitude : magnitude;
        if (waitingSymbol >= 0) {
          if (scan.symEnd[waitingSymbol]! > lastNewline && start - scan.symEnd[waitingSymbol]! <= BESIDE && noWordBetween(text, scan.symEnd[waitingSymbol]!, start) && isStandalone(text, start, digitsStart, end)) scan.symNumAfter[waitingSymbol] = code;
          waitingSymbol = -1;
        }
        lastNumStart = start;
        lastDigitsStart = digitsStart;
        lastNumEnd = end;
        lastNumValue = code;
        let restored = 0;
        const small = magnitude < SMALL_CODES ? smallCodes[magnitude]! : -1;
        if (small === 0) continue;
        let found = small > 0 ? (small & (code < 0 ? 2 : 1)) !== 0 : codes.has(code);
        if (!found && !signed && digits >= SIGN_RESTORE_MIN_DIGITS && (small > 0 ? (small & 2) !== 0 : codes.has(-magnitude))) {
          found = true;
          restored = 1;
        }
        if (!found || !isStandalone(text, start, digitsStart, end)) continue;
        const value = restored ? -magnitude : code;
        // Each (code, context) is judged once: the same code between the same characters says nothing new. Digits
        // count as one character: a log repeating an error with another timestamp, line number or counter (and a
        // list of the same code numbered by its index) reads alike, since the judgment reads other numbers only by
        // their shape, never their value.
        const signature = Math.imul(value, 0x9e3779b1) ^ restored ^ Math.imul(prefix.span(Math.max(0, start - CONTEXT_SIGNATURE), Math.min(n, end + CONTEXT_SIGNATURE)), 0x85ebca6b);
        if (!judged.add(signature)) continue;
        if (!restored && !seenCodes.has(value)) {
          seenCodes.add(value);
          scan.distinctCodes++;
        }
        numbers.push(start, end, value, digits, restored);
        continue;
      }
      if (isWordCode(c)) {
        const start = i;
        let end = i + 1;
        // A word no looked-up word starts like is skipped without hashing: most words of a log.
        if (end >= n || !hasPrefix(scanPrefixes, prefixKey(c, text.charCodeAt(end), end + 1 < n ? text.charCodeAt(end + 1) : 0))) {
          while (end < n && isWordCode(text.charCodeAt(end))) end++;
          i = end;
          continue;
        }
        let hash = hashStep(HASH_SEED, c);
        let underscore = c === 95;
        let lower = c >= 97;
        let head = 0;
        while (end < n) {
          const d = text.charCodeAt(end);
          if (!isWordCode(d)) break;
          if (d === 95) {
            // `cos_client`, `upyun_uploader`: the first part may name a vendor.
            if (!underscore) head = hash;
            underscore = true;
          } else if (d >= 97) lower = true;
          hash = hashStep(hash, d);
          end++;
        }
        i = end;
        if (end - start > 64) continue;
        // `https://...`: numbers inside are paths and ids, but host words still name vendors.
        if (end + 2 < n && text.charCodeAt(end) === 58 && text.charCodeAt(end + 1) === 47 && text.charCodeAt(end + 2) === 47 && end - start <= 5) {
          let stop = end + 3;
          while (stop < n && stop - end < 4096 && !isUrlStop(text.charCodeAt(stop))) stop++;
          scan.urls.push(start, stop);
          urlEnd = stop;
        }
        if (head !== 0) {
          const headFound = words.get(head);
          if (headFound >= 0 && infos[headFound]!.flags & WordFlag.Vendor) nameCatalogs(scan, text, end, WordFlag.Vendor, infos[headFound]!.catalogs);
        }
        const found = words.get(hash);
        if (found < 0) continue;
        const info = infos[found]!;
        const flags = info.flags;
        if (flags & WordFlag.Failure) scan.failures.push(start);
        if (flags & WordFlag.CodeKey) scan.codeKeys.push(start);
        if (flags & WordFlag.ErrnoName) {
          // POSIX errno names are upper-case (EIO, ECONNREFUSED); `syscall` is not.
          if (text.charCodeAt(start) !== 101 || end - start === 7) scan.errnoNames.push(start);
        }
        if (flags & (WordFlag.Vendor | WordFlag.WeakVendor | WordFlag.Family)) nameCatalogs(scan, text, end, flags, info.catalogs);
        if (flags & WordFlag.OtherApi) scan.otherApi = true;
        if (flags & WordFlag.OtherVendor) scan.otherVendor = true;
        // A message inside a longer one (`not found` in `file or directory not found`) is the longer one's.
        if (info.phrases.length > 0 && start >= urlEnd && start >= phraseEnd) {
          for (let p = 0; p < info.phrases.length; p++) {
            const phrase = info.phrases[p]!.text;
            const stop = start + phrase.length;
            if (stop <= n && !isWordCode(text.charCodeAt(stop)) && sameLowerCase(text, start, phrase)) {
              scan.phraseStart.push(start);
              scan.phraseEnd.push(stop);
              scan.phraseInfo.push(found);
              scan.phraseSlot.push(p);
              phraseEnd = Math.max(phraseEnd, stop);
            }
          }
        }
        // Symbols count in any case when they have an underscore; `SUCCESS`, `ErrHttpSvr` only as written.
        // A part of a symbol in lower case (`slice_size`) is any program's variable: only upper case, or three parts.
        const symbolic = info.symbolOf.length > 0 ? underscore || writtenAsSymbol(text, start, end, info.symbolOf) : info.partOf.length > 0 && (!lower || info.partWords >= 3);
        if (symbolic && start >= urlEnd) {
          scan.symStart.push(start);
          scan.symEnd.push(end);
          scan.symInfo.push(found);
          const before = lastNumEnd > lastNewline && start - lastNumEnd <= BESIDE && noWordBetween(text, lastNumEnd, start) && isStandalone(text, lastNumStart, lastDigitsStart, lastNumEnd);
          scan.symNumBefore.push(before ? lastNumValue : NaN);
          scan.symNumAfter.push(NaN);
          waitingSymbol = scan.symStart.length - 1;
          // A vendor's own symbol (`ERR_DOWN_NOTFINISHED_FILE`, not Apache's `HTTP_FORBIDDEN`) names its vendor.
          if (underscore && !lower && info.symbolOf.length > 0 && !isWidelyUsed(text, start)) for (const c of info.vendorCatalogs) scan.vendors.add(c);
        }
        continue;
      }
      if (c === 10) {
        scan.newlines.push(i);
        lastNewline = i;
        if (pipes >= 2) scan.tableLines++;
        pipes = 0;
      } else if (c === 124) pipes++;
      i++;
      continue;
    }
    if (isHanCode(c)) {
      scan.hanRuns.push(i);
      while (i < n) {
        const h = text.charCodeAt(i);
        if (!isHanCode(h)) break;
        if (hanFirst[h] && i + 1 < n) {
          const phrases = hanPhrases.get((h << 16) | text.charCodeAt(i + 1));
          if (phrases) for (const phrase of phrases) if (text.startsWith(phrase.text, i)) hanPhrase(scan, i, phrase.flags, phrase.catalogs);
        }
        i++;
      }
      continue;
    }
    i++;
  }
  if (pipes >= 2) scan.tableLines++;
  numbers.into(scan);
  return scan;
}

const NO_INTS = new Int32Array(0);
const NO_CODES = new Float64Array(0);
const NO_BYTES = new Uint8Array(0);

/** The number candidates as the scan finds them, in typed arrays that double: a hostile paste holds 100k+ of them. */
class Numbers {
  private start = new Int32Array(64);
  private end = new Int32Array(64);
  /** Codes of up to 12 digits: beyond 32 bits. */
  private code = new Float64Array(64);
  private digits = new Uint8Array(64);
  private restored = new Uint8Array(64);
  private count = 0;

  push(start: number, end: number, code: number, digits: number, restored: number): void {
    if (this.count === this.start.length) this.grow();
    const k = this.count++;
    this.start[k] = start;
    this.end[k] = end;
    this.code[k] = code;
    this.digits[k] = digits;
    this.restored[k] = restored;
  }

  into(scan: Scan): void {
    scan.numStart = this.start.subarray(0, this.count);
    scan.numEnd = this.end.subarray(0, this.count);
    scan.numCode = this.code.subarray(0, this.count);
    scan.numDigits = this.digits.subarray(0, this.count);
    scan.numRestored = this.restored.subarray(0, this.count);
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.code = grown(this.code, new Float64Array(size));
    this.digits = grown(this.digits, new Uint8Array(size));
    this.restored = grown(this.restored, new Uint8Array(size));
  }
}

/** Symbols also used outside these vendors: `HTTP_...`, codec errors. */
function isWidelyUsed(text: string, start: number): boolean {
  return text.startsWith("HTTP_", start) || text.startsWith("JSON_", start) || text.startsWith("XML_", start) || text.startsWith("ASN_", start) || text.startsWith("PROTOBUF_", start);
}

function sameLowerCase(text: string, start: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

function writtenAsSymbol(text: string, start: number, end: number, entries: Entry[]): boolean {
  for (const entry of entries) {
    for (const symbol of entry.symbols) if (symbol.length === end - start && text.startsWith(symbol, start) && /[A-Z].*[a-z]|^[A-Z]+$/.test(symbol) && symbol.length >= 8) return true;
  }
  return false;
}

const isFullWidthDigit = (c: number) => c >= 0xff10 && c <= 0xff19;

/**
 * Whether the raw text could hold any candidate: a digit run (ASCII or full-width) that some catalog defines with
 * either sign, a word with an underscore, a Go-style `ErrXxx` name, or characters that normalisation might turn
 * into either. One cheap look, so chat without codes costs a loop over its characters.
 */
export function mayHoldCandidates(lexicon: Lexicon, raw: string): boolean {
  const codes = lexicon.codes;
  const n = raw.length;
  // The regular expression skips the text between interesting characters natively, far faster than a JS loop.
  const interesting = /[0-9_\uff10-\uff19\uff3f]|Err[A-Z]/g;
  for (let match = interesting.exec(raw); match; match = interesting.exec(raw)) {
    const i = match.index;
    const c = raw.charCodeAt(i);
    if (c === 95 || c === 0xff3f || c === 69) return true;
    if (isDigit(c) || isFullWidthDigit(c)) {
      let magnitude = 0;
      let digits = 0;
      let j = i;
      for (; j < n; j++) {
        const d = raw.charCodeAt(j);
        if (isDigit(d)) magnitude = magnitude * 10 + (d - 48);
        else if (isFullWidthDigit(d)) magnitude = magnitude * 10 + (d - 0xff10);
        else if (d === 0x200b || d === 0x200c || d === 0x200d || d === 0x2060 || d === 0xfeff) return true;
        else break;
        digits++;
      }
      const before = i > 0 ? raw.charCodeAt(i - 1) : 0;
      const after = j < n ? raw.charCodeAt(j) : 0;
      // Digits inside a word or path (`U0ABC`, `v2`, `/0286b4`) are no code, nor is 0 (never auto-explained).
      const inside = (before < 128 && (CLASS[before] === 2 || before === 47 || before === 46)) || (after < 128 && CLASS[after] === 2) || (digits > 1 && raw.charCodeAt(i) === 48);
      if (digits <= MAX_CODE_DIGITS && magnitude !== 0 && !inside) {
        // A short positive code (an HTTP status, `612`) is worth a look only under a code key.
        if (codes.has(magnitude) && (digits > 3 || codeKeyBefore(raw, i))) return true;
        // A negative code needs its minus (not a range's hyphen: `1-50`), unless it is long enough to be restored.
        const minus = before === 45 || before >= 0x2010;
        const range = minus && i > 1 && raw.charCodeAt(i - 2) < 128 && CLASS[raw.charCodeAt(i - 2)]! !== 0;
        if (codes.has(-magnitude) && (digits >= SIGN_RESTORE_MIN_DIGITS || (minus && !range))) return true;
      }
      interesting.lastIndex = j;
    }
  }
  return false;
}

const CODE_KEY_BEFORE = /(?:code|errno|ret|rc|码)[^A-Za-z0-9\n]{0,6}$/i;

function codeKeyBefore(raw: string, at: number): boolean {
  return CODE_KEY_BEFORE.test(raw.slice(Math.max(0, at - 24), at));
}

function hanPhrase(scan: Scan, at: number, flags: number, catalogs: string[]): void {
  if (flags & WordFlag.Failure) scan.failures.push(at);
  if (flags & WordFlag.CodeKey) scan.codeKeys.push(at);
  if (flags & WordFlag.OtherVendor) scan.otherVendor = true;
  if (flags & (WordFlag.Vendor | WordFlag.WeakVendor | WordFlag.Family)) nameCatalogs(scan, scan.text, at + 2, flags, catalogs);
}

/** `image service`, `image processing`: the weak word `image` then names the image service. */
const NAMING_NEXT = [" service", " plugin", " processing", "-service", " api"];

function nameCatalogs(scan: Scan, text: string, end: number, flags: number, catalogs: string[]): void {
  // `cos(x)`: the cosine, not the service.
  if (flags & WordFlag.Vendor && text.charCodeAt(end) === 40) return;
  if (flags & WordFlag.WeakVendor && NAMING_NEXT.some((w) => text.startsWith(w, end))) flags |= WordFlag.Vendor;
  for (const catalog of catalogs) {
    if (flags & WordFlag.Vendor) {
      scan.vendors.add(catalog);
      scan.picked.add(catalog);
      scan.pickedByName.add(catalog);
    }
    if (flags & WordFlag.WeakVendor) scan.picked.add(catalog);
    if (flags & WordFlag.Family) scan.vendors.add(catalog);
  }
}

/**
 * A set of 32-bit integers by open addressing in a typed array: a hostile paste holds a hundred thousand distinct
 * contexts, and a Set of numbers spends most of the scan growing and hashing them.
 */
export class IntSet {
  private slots = new Int32Array(256);
  private used = new Uint8Array(256);
  /** 32 - log2(slots): a multiplicative hash's top bits pick the slot (its low bits mix poorly). */
  private shift = 24;
  private size = 0;

  /** Adds the value; false when it was there already. */
  add(value: number): boolean {
    const mask = this.slots.length - 1;
    let i = Math.imul(value, 0x9e3779b1) >>> this.shift;
    while (this.used[i]) {
      if (this.slots[i] === value) return false;
      i = (i + 1) & mask;
    }
    this.slots[i] = value;
    this.used[i] = 1;
    if (++this.size * 2 > this.slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const { slots, used } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.used = new Uint8Array(slots.length * 2);
    this.shift--;
    const mask = this.slots.length - 1;
    for (let k = 0; k < slots.length; k++) {
      if (!used[k]) continue;
      let i = Math.imul(slots[k]!, 0x9e3779b1) >>> this.shift;
      while (this.used[i]) i = (i + 1) & mask;
      this.slots[i] = slots[k]!;
      this.used[i] = 1;
    }
  }
}

/**
 * Offsets into the text, in the order found. A text can hold one per few characters (every line of a 1 MB log):
 * a plain array growing to 100k+ numbers costs 4x more here than doubling a typed array.
 */
export class Offsets {
  private data = new Int32Array(64);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(offset: number): void {
    if (this.count === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = offset;
  }

  /** The i-th offset, for 0 <= i < length. */
  get(i: number): number {
    return this.data[i]!;
  }

  /** The index of the first offset >= target (length when none is). */
  lowerBound(target: number): number {
    return lowerBound(this.data, target, this.count);
  }
}

/** The index of the first of `sorted[0 .. length)` that is >= target (length when none is). */
export function lowerBound(sorted: ArrayLike<number>, target: number, length = sorted.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which line holds an offset (its index among the newlines), for lineStartOf and lineEndOf: no allocation. */
export function lineIndex(scan: Scan, offset: number): number {
  return scan.newlines.lowerBound(offset);
}
export const lineStartOf = (scan: Scan, line: number): number => (line > 0 ? scan.newlines.get(line - 1) + 1 : 0);
export const lineEndOf = (scan: Scan, line: number): number => (line < scan.newlines.length ? scan.newlines.get(line) : scan.text.length);

/** The line holding an offset: [start, end). */
export function lineOf(scan: Scan, offset: number): [number, number] {
  const i = scan.newlines.lowerBound(offset);
  return [i > 0 ? scan.newlines.get(i - 1) + 1 : 0, i < scan.newlines.length ? scan.newlines.get(i) : scan.text.length];
}

/** Distance from `offset` to the closest sorted offset inside [from, to], or Infinity. */
export function distanceWithin(sorted: Offsets, offset: number, from: number, to: number): number {
  const i = sorted.lowerBound(offset);
  let best = Infinity;
  if (i < sorted.length && sorted.get(i) <= to) best = sorted.get(i) - offset;
  if (i > 0 && sorted.get(i - 1) >= from) best = Math.min(best, offset - sorted.get(i - 1));
  return best;
}

export function hasNear(sorted: Offsets, offset: number, width: number): boolean {
  return distanceWithin(sorted, offset, offset - width, offset + width) <= width;
}

export function entriesOf(lexicon: Lexicon, scan: Scan, symbol: number): { whole: Entry[]; part: Entry[] } {
  const info = lexicon.words.infos[scan.symInfo[symbol]!]!;
  return { whole: info.symbolOf, part: info.partOf };
}
