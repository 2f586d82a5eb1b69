// Typo tolerance: the catalog words a misspelt query word most likely means ("signatuer" -> signature).
// Distance is optimal string alignment (a swap of two neighbours is one typo); numbers are never "corrected".
import shortWords from "./short-words.json" with { type: "json" };

/**
 * Words of 3-4 letters never read as a slip of another word: English ones (tools/short-words.ts), and the
 * abbreviations engineers type, which no English word list has (`sts` is not `sets`, nor `req` freq, `uid` uuid).
 */
const SHORT_WORDS: ReadonlySet<string> = new Set([
  ...shortWords,
  ..."sts req res resp rsp srv svr uid gid guid uuid pid cfg conf env cli sdk api acl cdn dns url uri ttl md5 sha sha1 crc tmp src dst ctx err msg ret buf len num obj dir pwd usr ssl tls tcp udp rpc cors mime hmac etag gzip json yaml xml html auth perm ak sk vpc cvm cam xhr seq idx ack eof nil utf8 gbk img jpg jpeg png gif webp pdf mp4 avif heic".split(" "),
]);

/** Typos allowed by word length: none under 5 letters (too many short words are one edit apart), 1 up to 7, 2 from 8 on. */
export function allowedTypos(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

// Three reused rows: the distance runs on every keystroke of autocomplete, so it allocates nothing.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance, or `max + 1` as soon as it is certainly above `max`. */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0]!.length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  let before = rows[0]!;
  let previous = rows[1]!;
  let current = rows[2]!;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = previous[j - 1]! + (ai === bj ? 0 : 1);
      if (previous[j]! + 1 < value) value = previous[j]! + 1;
      if (current[j - 1]! + 1 < value) value = current[j - 1]! + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && before[j - 2]! + 1 < value) value = before[j - 2]! + 1;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return previous[b.length]!;
}

export class TypoMatcher {
  private readonly byLength = new Map<number, Array<[string, string]>>();

  /** `words`: each catalog word as written (lower case) -> the index term it stands for. */
  constructor(words: Map<string, string>) {
    for (const [word, key] of words) {
      const list = this.byLength.get(word.length);
      if (list) list.push([word, key]);
      else this.byLength.set(word.length, [[word, key]]);
    }
  }

  /** Whether the catalogs write this word (lower case) as it is. */
  has(word: string): boolean {
    return this.byLength.get(word.length)?.some(([candidate]) => candidate === word) ?? false;
  }

  /** The index terms of the closest catalog words within the allowed distance (the closest distance only). */
  near(word: string): string[] {
    const max = allowedTypos(word.length);
    if (max === 0) return [];
    let best = max + 1;
    let keys = new Set<string>();
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const [candidate, key] of this.byLength.get(length) ?? []) {
        // Typos rarely hit the first letter and the last together; a cheap filter before the real distance.
        if (candidate[0] !== word[0] && candidate[candidate.length - 1] !== word[word.length - 1]) continue;
        const distance = editDistance(word, candidate, Math.min(max, best));
        if (distance < best) {
          best = distance;
          keys = new Set([key]);
        } else if (distance === best) keys.add(key);
      }
    }
    return best <= max ? [...keys] : [];
  }

  /**
   * The index terms of catalog words a 3-4 letter word no entry writes is a slip of (isShortWordSlip), unless it
   * is a word of its own (`plan` is not a slip of plain, nor `from` of form, nor `sts` of sets). The English list
   * also hides some real slips (`sing` for sign): a word that exists is taken as meant.
   */
  nearShort(word: string): string[] {
    if (word.length < 3 || word.length > 4 || SHORT_WORDS.has(word)) return [];
    const keys = new Set<string>();
    for (const length of [word.length, word.length + 1]) {
      for (const [candidate, key] of this.byLength.get(length) ?? []) if (isShortWordSlip(word, candidate)) keys.add(key);
    }
    return [...keys];
  }
}

/**
 * Short words (3-4 letters) have too many neighbours one substitution away (`bill`, `fill`, `file`) for
 * allowedTypos; only the two slips that keep every letter typed are read: one left out (`limt` -> limit, `rul` ->
 * rule) or two neighbours swapped (`nmae` -> name). For words of 3-4 letters (TypoMatcher.nearShort).
 */
export function isShortWordSlip(typed: string, word: string): boolean {
  if (typed.length < 3) return false;
  if (word.length === typed.length + 1) {
    let i = 0;
    while (i < typed.length && typed.charCodeAt(i) === word.charCodeAt(i)) i++;
    return typed.slice(i) === word.slice(i + 1);
  }
  if (word.length !== typed.length || word === typed) return false;
  let i = 0;
  while (typed.charCodeAt(i) === word.charCodeAt(i)) i++;
  return typed[i] === word[i + 1] && typed[i + 1] === word[i] && typed.slice(i + 2) === word.slice(i + 2);
}

/** Letters and digits counted: two strings' counts bound their edit distance from below, in a few dozen steps. */
export function letterCounts(text: string): Uint8Array {
  const counts = new Uint8Array(37);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const slot = c >= 65 && c <= 90 ? c - 65 : c >= 48 && c <= 57 ? c - 22 : 36;
    counts[slot] = Math.min(255, counts[slot]! + 1);
  }
  return counts;
}

/** The same for a string of digits alone (0-9): ten steps. */
export function digitCounts(digits: string): Uint8Array {
  const counts = new Uint8Array(10);
  for (let i = 0; i < digits.length; i++) counts[digits.charCodeAt(i) - 48]!++;
  return counts;
}

/** At least this many edits turn a string with counts `a` into one with counts `b` (read from `b[from]` on). */
export function distanceFloor(a: Uint8Array, b: Uint8Array, from = 0): number {
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[from + i]!;
    if (d > 0) more += d;
    else fewer -= d;
  }
  return Math.max(more, fewer);
}
