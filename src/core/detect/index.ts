import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { Code } from "../../catalog/code.js";
import type { Entry } from "../../catalog/schema.js";
import { chatToPlainText } from "../chat-text.js";
import { catalogWordsIn, tokenCodesIn } from "./catalog-detect.js";
import { readNumber } from "./context.js";
import { insideUrl, readMessage, snippet, type MessageFacts } from "./message.js";
import { attachRequestIds } from "./request-ids.js";
import { catalogNumbersIn, messageFieldsIn, symbolsIn } from "./scan.js";
import { judgeNumber, symbolConfidence, textsOf, vendorMessageConfidence } from "./score.js";
import { hintPasses } from "./vendors.js";

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
/** Text past this length is not scanned: no chat message is this long, and the cap bounds the work. */
export const MAX_SCAN_CHARS = 2_000_000;

// Linear time. Each whole-text pattern is led by a keyword or a fixed shape and uses bounded repetitions
// (no nested unbounded quantifiers), so a failed attempt costs a bounded number of steps. Numbers are read by hand.
// Each candidate is judged in bounded windows around it, and the whole-text facts (URL spans, failure words,
// line breaks) are found once and looked up by binary search. test/detect-linear.test.ts counts it.

/** Whole-text passes besides the catalog hints, as the stats count them: normalisation, the message facts, the scans. */
const WHOLE_TEXT_PASSES = 12;
/** Below this, a detection is not worth keeping even for an explicit request. */
const FLOOR = 0.3;
/** A detection whose code another catalog in the message claims: still shown on request, never auto-replied. */
const DEMOTED = 0.55;
/** Success and "not modified" codes: explained when asked, never worth an unprompted reply. */
const SUCCESS_CAP = 0.6;

/** Finds catalog codes in pasted text: each (catalog, code) once, most confident first. */
export function detect(index: CatalogIndex, input: string, options: DetectOptions = {}): Detection[] {
  const minConfidence = options.minConfidence ?? EXPLICIT_CONFIDENCE;
  const stats = options.stats;
  const text = chatToPlainText(input.length > MAX_SCAN_CHARS ? input.slice(0, MAX_SCAN_CHARS) : input);
  if (stats) stats.scannedChars += text.length * (WHOLE_TEXT_PASSES + hintPasses(index));
  const facts = readMessage(index, text, stats);
  const found = new Map<string, Detection>();
  // Catalogs' own `detect:` words name them like a vendor's host name does.
  const catalogWords = catalogWordsIn(index, text);
  for (const catalog of catalogWords.named) facts.vendors.add(catalog), facts.picked.add(catalog);
  for (const catalog of catalogWords.weak) facts.picked.add(catalog);

  const add = (entry: Entry, confidence: number, reason: string, offset: number, length: number) => {
    if (entry.category === "success") confidence = Math.min(confidence, SUCCESS_CAP);
    if (confidence < FLOOR) return;
    const key = textsOf(entry).key;
    const previous = found.get(key);
    if (previous && previous.confidence >= confidence) return;
    found.set(key, { entry, catalog: entry.catalog, code: entry.code, confidence, reason, evidence: snippet(facts, offset, length), offset });
  };

  // Symbols and vendor messages first: they name codes, which makes the numbers next to them certain.
  for (const { offset, symbol } of symbolsIn(text)) {
    if (stats) stats.candidates++;
    if (insideUrl(facts, offset)) continue;
    for (const entry of index.byExactSymbol(symbol)) {
      const confidence = symbolConfidence(symbol, facts.vendors.has(entry.catalog));
      // Only a symbol that identifies the vendor vouches for a number next to it (not Apache's HTTP_FORBIDDEN).
      if (confidence >= AUTO_REPLY_CONFIDENCE) facts.named.add(textsOf(entry).key);
      add(entry, confidence, "symbol", offset, symbol.length);
    }
  }
  for (const { offset, length, message } of messageFieldsIn(text)) {
    if (stats) stats.candidates++;
    for (const entry of index.byExactSymbol(message)) {
      facts.named.add(textsOf(entry).key);
      add(entry, vendorMessageConfidence(message, facts.vendors.has(entry.catalog)), "vendor message", offset, length);
    }
  }
  for (const hit of tokenCodesIn(index, text, catalogWords)) {
    if (stats) stats.candidates++;
    if (!insideUrl(facts, hit.offset)) add(hit.entry, hit.confidence, hit.reason, hit.offset, hit.length);
  }
  for (const number of catalogNumbersIn(index, text)) {
    if (stats) stats.candidates++;
    if (insideUrl(facts, number.start)) continue;
    const context = readNumber(facts, number);
    if (!context) continue;
    if (number.signRestored && context.key.kind !== "code" && context.key.kind !== "errno") continue;
    for (const entry of number.entries) {
      const judged = judgeNumber(facts, entry, context);
      if (judged) add(entry, judged.confidence, judged.reason, number.start, number.end - number.start);
    }
  }

  preferNamedCatalogs(found, facts);
  // Owners are the detections worth showing at all, whatever this caller's threshold: an auto-reply and an
  // explicit request then show the same id for the same error, and a 0.3 reading of a status line owns none.
  attachRequestIds([...found.values()].filter((d) => d.confidence >= EXPLICIT_CONFIDENCE), text);
  return [...found.values()]
    .filter((d) => d.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence || a.offset - b.offset);
}

/**
 * Several catalogs define some codes (COS and the image service share -97, -6101...). When the message singles out
 * some of them (a host, a product name, a symbol only one catalog has), the others drop below the auto-reply line.
 */
function preferNamedCatalogs(found: Map<string, Detection>, facts: MessageFacts): void {
  const byCode = new Map<Code, Detection[]>();
  for (const d of found.values()) {
    const group = byCode.get(d.code);
    if (group) group.push(d);
    else byCode.set(d.code, [d]);
  }
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    const chosen = group.filter((d) => facts.picked.has(d.catalog) || facts.named.has(textsOf(d.entry).key));
    if (chosen.length === 0 || chosen.length === group.length) continue;
    for (const d of group) {
      if (chosen.includes(d) || d.confidence <= DEMOTED) continue;
      d.confidence = DEMOTED;
      d.reason = `${d.reason}; the message points at ${chosen.map((c) => c.entry.catalogName).join(", ")}`;
    }
  }
}
