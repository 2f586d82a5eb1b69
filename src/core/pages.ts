// What the web catalog shows, as data: an entry's full page, a catalog's table, a scan's findings.
// The pure renderer in src/render/html.ts turns these into HTML; nothing here knows about HTTP.
import type { CatalogIndex } from "../catalog/catalog-index.js";
import { CODE_TOKEN, codeDigits, type Code } from "../catalog/code.js";
import type { Entry } from "../catalog/schema.js";
import type { Card } from "./card.js";
import { AUTO_REPLY_CONFIDENCE, type Detection } from "./detect/index.js";
import { entryCard, entryTitle } from "./explain.js";
import { maskSecrets } from "./redact.js";
import { resolveRelated } from "./related.js";

export interface EntrySummary {
  catalog: string;
  catalogName: string;
  code: Code;
  title: string;
  en: string;
  category?: string;
}

export interface DefinitionRow {
  document: string;
  line: number;
  module: string;
  symbol?: string;
  text: string;
  details?: string;
}

export interface EntryPage {
  card: Card;
  entry: EntrySummary;
  definitions: DefinitionRow[];
  notes: string[];
  /** Related codes: a link where the reference resolves, the reference as written where it does not. */
  related: Array<{ ref: string; target?: EntrySummary }>;
  /** Other catalogs that define the same code, whatever they mean by it. */
  sameCode: EntrySummary[];
}

export interface CatalogPage {
  id: string;
  name: string;
  vendor?: string;
  aliases: string[];
  documents: Array<{ id: string; title: string }>;
  entries: EntrySummary[];
}

/** A piece of quoted text; `mark` is the part that was taken for the code. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface Finding {
  entry: EntrySummary;
  confidence: number;
  /** Whether auto-explain would post it unprompted, or only an explicit request finds it. */
  auto: boolean;
  reason: string;
  evidence: Segment[];
  requestId?: string;
}

export function summarize(entry: Entry): EntrySummary {
  return { catalog: entry.catalog, catalogName: entry.catalogName, code: entry.code, title: entryTitle(entry), en: entry.en, category: entry.category };
}

export function entryPage(index: CatalogIndex, entry: Entry): EntryPage {
  const documents = new Map((index.catalogs.find((c) => c.id === entry.catalog)?.documents ?? []).map((d) => [d.id, `${d.id} (${d.title})`]));
  return {
    card: entryCard(index, [entry], { lang: "en" }),
    entry: summarize(entry),
    definitions: (entry.definitions ?? []).map((d) => ({
      document: documents.get(d.doc) ?? d.doc,
      line: d.line,
      module: d.module,
      symbol: d.symbol,
      text: d.text,
      details: d.details,
    })),
    notes: entry.notes ?? [],
    related: resolveRelated(index, entry).map(({ ref, target }) => ({ ref, target: target && summarize(target) })),
    sameCode: index.byExactCode(entry.code).filter((other) => other !== entry).map(summarize),
  };
}

/** The page at `/c/<catalog>/<code>`: the code exactly as the permalink writes it, no minus restored. */
export function entryPageAt(index: CatalogIndex, catalog: string, codeText: string): EntryPage | undefined {
  if (!/^-?\d{1,15}$/.test(codeText) && !CODE_TOKEN.test(codeText)) return undefined;
  const entry = index.byExactCode(codeText, catalog)[0];
  return entry && entryPage(index, entry);
}

export function catalogPage(index: CatalogIndex, id: string): CatalogPage | undefined {
  const catalog = index.catalogs.find((c) => c.id === id);
  if (!catalog) return undefined;
  return {
    id: catalog.id,
    name: catalog.name,
    vendor: catalog.vendor,
    aliases: catalog.aliases,
    documents: (catalog.documents ?? []).map((d) => ({ id: d.id, title: d.title })),
    entries: catalog.entries.map(summarize),
  };
}

/** Splits the evidence around the first place that names the entry: its code or one of its symbols. */
function highlight(evidence: string, entry: Entry): Segment[] {
  const lower = evidence.toLowerCase();
  const needles = [...entry.symbols.map((s) => s.toLowerCase()), String(entry.code).toLowerCase(), codeDigits(entry.code).toLowerCase()];
  for (const needle of needles) {
    const at = needle ? lower.indexOf(needle) : -1;
    if (at < 0) continue;
    return [
      { text: evidence.slice(0, at), mark: false },
      { text: evidence.slice(at, at + needle.length), mark: true },
      { text: evidence.slice(at + needle.length), mark: false },
    ].filter((s) => s.text);
  }
  return [{ text: evidence, mark: false }];
}

export function findings(detections: Detection[]): Finding[] {
  return detections.map((d) => ({
    entry: summarize(d.entry),
    confidence: d.confidence,
    auto: d.confidence >= AUTO_REPLY_CONFIDENCE,
    reason: d.reason,
    evidence: highlight(maskSecrets(d.evidence), d.entry),
    requestId: d.requestId,
  }));
}
