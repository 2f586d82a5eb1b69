// What is known about the whole message before any candidate is judged, found in one pass each and then
// looked up around each candidate by binary search.
import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { DetectStats } from "./index.js";
import { catalogsNamedIn, type NamedCatalogs } from "./vendors.js";

const URL_SPAN = /\b(?:https?|ftp|s3|cos):\/\/[^\s<>"'`]{1,4096}/g;
/** Words that say a line is about a failure. */
const FAILURE_WORDS = /\b(?:errors?|err|fail(?:s|ed|ing|ure)?|exception|denied|rejected|refused|invalid|forbidden|timed out)\b|失败|错误|报错|异常|拒绝|超时/gi;
/** POSIX errno names: a short negative number next to one is a kernel/libuv errno (`errno: -111, code: 'ECONNREFUSED'`). */
const POSIX_ERRNO =
  /\b(?:E(?:CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|ADDRINUSE|ADDRNOTAVAIL|HOSTUNREACH|HOSTDOWN|NETUNREACH|NETDOWN|NETRESET|PIPE|NOENT|ACCES|PERM|INTR|AGAIN|WOULDBLOCK|NOTFOUND|AI_AGAIN|AI_NONAME|PROTO|NOTSUP|OPNOTSUPP|IO|NOMEM|NOSPC|EXIST|INVAL|BADF|MFILE|NFILE|NOTCONN|ALREADY|INPROGRESS|MSGSIZE|NOBUFS|ISCONN|NOTSOCK|CANCELED|NOTEMPTY|ROFS|BUSY|NOSYS|NOTDIR|ISDIR|FAULT|SRCH|NXIO|NODEV|PROTONOSUPPORT|AFNOSUPPORT|OVERFLOW|REMOTEIO|NODATA|STALE)|syscall)\b/g;
const HAN_RUN = /\p{Script=Han}{2,}/gu;

export interface MessageFacts extends NamedCatalogs {
  text: string;
  urls: Array<[number, number]>;
  newlines: number[];
  failureWords: number[];
  errnoNames: number[];
  /** Where runs of Chinese text start: vendor sentences are Chinese. */
  hanRuns: number[];
  /** `catalog:code` pairs the message names by symbol or vendor message, filled in by the symbol passes. */
  named: Set<string>;
  stats?: DetectStats;
}

function offsetsOf(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => m.index);
}

export function readMessage(index: CatalogIndex, text: string, stats?: DetectStats): MessageFacts {
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  return {
    ...catalogsNamedIn(index, text),
    text,
    urls: [...text.matchAll(URL_SPAN)].map((m) => [m.index, m.index + m[0].length]),
    newlines,
    failureWords: offsetsOf(text, FAILURE_WORDS),
    errnoNames: offsetsOf(text, POSIX_ERRNO),
    hanRuns: offsetsOf(text, HAN_RUN),
    named: new Set(),
    stats,
  };
}

/** First index in a sorted array whose value is >= target. */
export function lowerBound(sorted: readonly number[], target: number): number {
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
export function lineAt(facts: MessageFacts, offset: number): [number, number] {
  const i = lowerBound(facts.newlines, offset);
  return [i > 0 ? facts.newlines[i - 1]! + 1 : 0, i < facts.newlines.length ? facts.newlines[i]! : facts.text.length];
}

/** Distance from `offset` to the closest sorted offset inside [from, to], or Infinity: two binary-search probes. */
export function distanceWithin(sorted: readonly number[], offset: number, from: number, to: number): number {
  const i = lowerBound(sorted, offset);
  let best = Infinity;
  if (i < sorted.length && sorted[i]! <= to) best = sorted[i]! - offset;
  if (i > 0 && sorted[i - 1]! >= from) best = Math.min(best, offset - sorted[i - 1]!);
  return best;
}

export function hasNear(sorted: readonly number[], offset: number, width: number): boolean {
  return distanceWithin(sorted, offset, offset - width, offset + width) <= width;
}

export function insideUrl(facts: MessageFacts, offset: number): boolean {
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

/** How much of the line either side of a detection is quoted as its evidence. */
const EVIDENCE_WIDTH = 60;

/** The line around a span, at most EVIDENCE_WIDTH characters each side. */
export function snippet(facts: MessageFacts, offset: number, length: number): string {
  const [lineStart, lineEnd] = lineAt(facts, offset);
  const start = Math.max(lineStart, offset - EVIDENCE_WIDTH);
  const end = Math.min(lineEnd, offset + length + EVIDENCE_WIDTH);
  if (facts.stats) facts.stats.contextChars += end - start;
  return facts.text.slice(start, end).trim();
}
