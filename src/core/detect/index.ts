import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { Code } from "../../catalog/code.js";
import type { Entry } from "../../catalog/schema.js";
import { chatToPlainText } from "../chat-text.js";
import { ELLIPSIS } from "../text-fit.js";
import { catalogWordsIn, hasTeamDetection, tokenCodesIn } from "./catalog-detect.js";
import { forEachCandidate, MESSAGE_ALONE_CAP, OPPOSES, type Candidate } from "./candidates.js";
import { FEATURES, probability, strongestFeature, type Feature } from "./features.js";
import { lexiconFor } from "./lexicon.js";
import { attachRequestIds } from "./request-ids.js";
import { lineOf, mayHoldCandidates, scanText, type Scan } from "./tokenize.js";

/** Detections, most confident first, and the places that might hold a code which the scan's budget left unread. */
export type Detections = Detection[] & { unread: number };

export interface Detection {
  entry: Entry;
  catalog: string;
  code: Code;
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

// Linear time: one pass over the text (tokenize.ts) records the candidates and the whole-text facts; each candidate
// is then read in bounded windows that neighbouring candidates cut short, so each character is read a bounded
// number of times. test/detect-linear.test.ts counts it. There is no size limit: all the text is scanned.

/** Below this, a detection is not worth keeping even for an explicit request. */
const FLOOR = 0.3;
/** A detection whose code another catalog in the message claims: still shown on request, never auto-replied. */
const DEMOTED = 0.55;
/** Success and "not modified" codes: explained when asked, never worth an unprompted reply. */
const SUCCESS_CAP = 0.6;
/** Whole-text passes the stats count: the look for any candidate, normalisation, the scan. */
const WHOLE_TEXT_PASSES = 3;


const REASONS: Partial<Record<Feature, string>> = {
  "key-code": "context keyword",
  "key-errno": "context keyword",
  "key-status": "context keyword",
  "key-verb": "context keyword",
  "case-or-comparison": "source code handling the code",
  "vendor-named": "vendor named in the message",
  "short-and-vendor": "vendor named in the message",
  "failure-nearby": "failure words on the line",
  "failure-adjacent": "failure words on the line",
  symbol: "symbol",
  "symbol-lowercase": "symbol",
  "symbol-part": "part of a symbol",
};

function reasonFor(scan: Scan, c: Candidate): string {
  const x = c.x;
  const has = (name: Feature) => x[FEATURE_AT[name]!] !== 0;
  if (has("symbol") || has("symbol-part")) return has("symbol-part") ? `part of a symbol: ${c.said}` : "symbol";
  if (c.said && c.said !== OPPOSES && (has("symbol-agrees") || has("message-agrees"))) return `message agrees: ${agreeingText(scan, c)}`;
  if (c.said === OPPOSES) return "message says otherwise";
  const strongest = strongestFeature(x);
  const keyed = has("key-code") || has("key-errno") || has("key-status");
  if (keyed && (has("key-structured") || strongest.startsWith("key") || strongest.startsWith("short") || strongest.startsWith("negative") || strongest === "long-8")) {
    return styleReason(scan, c);
  }
  if (has("key-verb") && (strongest.startsWith("key") || strongest.startsWith("negative") || strongest === "long-8")) return "context keyword";
  return REASONS[strongest] ?? (keyed ? styleReason(scan, c) : "shape");
}

const FEATURE_AT: Partial<Record<Feature, number>> = Object.fromEntries(FEATURES.map((f, i) => [f, i]));

/** How the key was written: a JSON field, a header, an XML tag or words. */
function styleReason(scan: Scan, c: Candidate): string {
  const text = scan.text;
  let p = c.offset;
  let quote = false;
  let gt = false;
  while (p > 0 && c.offset - p < 8 && ` \t"':=>([{*\`|~\\`.includes(text[p - 1]!)) {
    if (text[p - 1] === '"' || text[p - 1] === "'") quote = true;
    if (text[p - 1] === ">") gt = true;
    p--;
  }
  if (quote) return "JSON key";
  let w = p;
  while (w > 0 && p - w < 40 && /[A-Za-z0-9_.-]/.test(text[w - 1]!)) w--;
  if (gt && text[w - 1] === "<") return "XML tag";
  if (/^x-/i.test(text.slice(w, p))) return "header";
  return "context keyword";
}

/** The words beside the number that agree with the entry, trimmed for the reason. */
function agreeingText(scan: Scan, c: Candidate): string {
  const [lineStart, lineEnd] = lineOf(scan, c.offset);
  const meaning = c.entry.zh && /\p{Script=Han}/u.test(scan.text.slice(Math.max(lineStart, c.offset - 80), Math.min(lineEnd, c.offset + 80)))
    ? c.entry.zh.split(" / ")[0]!
    : c.entry.symbols[0] ?? c.entry.zh ?? c.entry.en;
  return meaning.length > 40 ? `${meaning.slice(0, 39)}…` : meaning;
}

/** Finds catalog codes in pasted text: each (catalog, code) once, most confident first. */
export function detect(index: CatalogIndex, input: string, options: DetectOptions = {}): Detections {
  const minConfidence = options.minConfidence ?? EXPLICIT_CONFIDENCE;
  const stats = options.stats;
  const lexicon = lexiconFor(index);
  if (stats) stats.scannedChars += input.length;
  // Most chat holds no candidate at all: one cheap look decides (a vendor message alone needs its vendor named
  // to reach an auto-reply, so a message naming no such vendor can skip them).
  // (Team catalogs' string codes and words are not in that look: with them loaded, every message is read.)
  if (minConfidence > MESSAGE_ALONE_CAP && !mayHoldCandidates(lexicon, input) && !lexicon.phraseVendors?.test(input) && !hasTeamDetection(index)) return Object.assign([], { unread: 0 });
  const text = chatToPlainText(input);
  if (stats) stats.scannedChars += text.length * (WHOLE_TEXT_PASSES - 1);
  const scan = scanText(lexicon, text);
  // Keyed by entry: no string is built per candidate.
  const found = new Map<Entry, Detection>();
  const named = new Set<Entry>();
  // Team catalogs' `detect.words` (host names like pay.internal included) name them as a vendor's words do.
  const catalogWords = catalogWordsIn(index, text);
  for (const catalog of catalogWords.named) scan.vendors.add(catalog), scan.picked.add(catalog);
  for (const catalog of catalogWords.weak) scan.picked.add(catalog);

  forEachCandidate(lexicon, scan, (c) => {
    let confidence = Math.round(probability(c.x) * 1000) / 1000;
    if (c.floor !== undefined) confidence = Math.max(confidence, c.floor);
    if (c.cap !== undefined) confidence = Math.min(confidence, c.cap);
    if (c.entry.category === "success") confidence = Math.min(confidence, SUCCESS_CAP);
    // Only the entry's own symbol vouches for its catalog among those sharing a code; it need not be an incident
    // itself (`callbackContext.error(ERROR_PROXY_AUTH_EXPIRED)` beside `case -96:` says which vendor's -96 it is).
    if (confidence >= EXPLICIT_CONFIDENCE && c.names) named.add(c.entry);
    if (confidence < FLOOR) return;
    const previous = found.get(c.entry);
    if (previous && previous.confidence >= confidence) return;
    const { entry, offset, length } = c;
    found.set(entry, { entry, catalog: entry.catalog, code: entry.code, confidence, reason: reasonFor(scan, c), evidence: evidenceOf(scan, offset, length, stats), offset });
  }, stats);
  for (const hit of tokenCodesIn(index, text, catalogWords)) {
    if (stats) stats.candidates++;
    const previous = found.get(hit.entry);
    if (previous && previous.confidence >= hit.confidence) continue;
    const { entry, offset, length } = hit;
    found.set(entry, { entry, catalog: entry.catalog, code: entry.code, confidence: hit.confidence, reason: hit.reason, evidence: evidenceOf(scan, offset, length, stats), offset });
  }
  preferNamedCatalogs(found, scan, named);
  // Owners are the detections worth showing at all, whatever this caller's threshold: an auto-reply and an
  // explicit request then show the same id for the same error, and a 0.3 reading of a status line owns none.
  attachRequestIds([...found.values()].filter((d) => d.confidence >= EXPLICIT_CONFIDENCE), text);
  const detections = [...found.values()]
    .filter((d) => d.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence || a.offset - b.offset);
  return Object.assign(detections, { unread: scan.unread });
}

/** How much of the line either side of a detection is quoted as its evidence. */
const EVIDENCE_WIDTH = 60;

/** The line around a detection, cut on whole characters, with "…" where the line goes on. */
function evidenceOf(scan: Scan, offset: number, length: number, stats?: DetectStats): string {
  const [lineStart, lineEnd] = lineOf(scan, offset);
  const text = scan.text;
  let start = Math.max(lineStart, offset - EVIDENCE_WIDTH);
  let end = Math.min(lineEnd, offset + length + EVIDENCE_WIDTH);
  if (start > lineStart && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < lineEnd && isLowSurrogate(text.charCodeAt(end))) end--;
  if (stats) stats.contextChars += end - start;
  const quoted = text.slice(start, end).trim();
  return `${start > lineStart ? ELLIPSIS : ""}${quoted}${end < lineEnd ? ELLIPSIS : ""}`;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Several catalogs define some codes (COS and the image service share -97, -6101...). When the message singles out
 * some of them (a host, a product name, a symbol only one catalog has), the others drop below the auto-reply line.
 */
function preferNamedCatalogs(found: Map<Entry, Detection>, scan: Scan, named: Set<Entry>): void {
  const byCode = new Map<Code, Detection[]>();
  for (const d of found.values()) {
    const group = byCode.get(d.code);
    if (group) group.push(d);
    else byCode.set(d.code, [d]);
  }
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    // Names of services choose first (a symbol may belong to two catalogs sharing a layer), then symbols.
    // A product named outright (`cos`) outweighs a weak word for another (`上传图片`).
    const byName = group.filter((d) => scan.pickedByName.has(d.catalog));
    const picked = group.filter((d) => scan.picked.has(d.catalog));
    const proper = (subset: Detection[]) => subset.length > 0 && subset.length < group.length;
    const chosen = proper(byName) ? byName : proper(picked) ? picked : group.filter((d) => named.has(d.entry));
    if (chosen.length === 0 || chosen.length === group.length) continue;
    for (const d of group) {
      if (chosen.includes(d) || d.confidence <= DEMOTED) continue;
      d.confidence = DEMOTED;
      d.reason = `${d.reason}; the message points at ${chosen.map((c) => c.entry.catalogName).join(", ")}`;
    }
  }
}
