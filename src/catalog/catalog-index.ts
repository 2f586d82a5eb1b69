import { CODE_TOKEN, codeDigits, codeKey, compareCodes, isIntegerCode, type Code } from "./code.js";
import type { Catalog, Entry } from "./schema.js";
import { tokenize } from "./tokenize.js";

export interface Scored {
  entry: Entry;
  score: number;
}

interface Posting {
  doc: number;
  weight: number;
}

// Field weights for ranked search: a word in a symbol or in the meaning counts more than one in the sources.
const FIELD_WEIGHTS = { symbol: 3, en: 2, zh: 2, source: 1 } as const;
const BM25_K1 = 1.2;
const BM25_B = 0.5;

function searchableFields(entry: Entry): Array<[keyof typeof FIELD_WEIGHTS, string]> {
  return [
    ["symbol", entry.symbols.join(" ")],
    ["en", entry.en],
    ["zh", entry.zh ?? ""],
    ["source", (entry.definitions ?? []).map((d) => `${d.text} ${d.details ?? ""}`).join(" ")],
  ];
}

/**
 * Lookup structures over all loaded catalogs, built once at start-up:
 * exact code -> entries, upper-cased symbol -> entries, and an inverted index for ranked text search.
 */
export class CatalogIndex {
  readonly entries: Entry[];
  private readonly byCode = new Map<string, Entry[]>();
  private readonly bySymbol = new Map<string, Entry[]>();
  private readonly symbolList: Array<[string, Entry]> = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly docLength: number[] = [];
  private readonly averageLength: number;
  private readonly aliasToCatalog = new Map<string, string>();

  constructor(readonly catalogs: Catalog[]) {
    this.entries = catalogs.flatMap((c) => c.entries);
    for (const catalog of catalogs) {
      for (const word of [catalog.id, ...catalog.aliases]) this.aliasToCatalog.set(word.toLowerCase(), catalog.id);
    }
    this.entries.forEach((entry, doc) => {
      push(this.byCode, codeKey(entry.code), entry);
      for (const symbol of entry.symbols) {
        const key = symbol.toUpperCase();
        push(this.bySymbol, key, entry);
        this.symbolList.push([key, entry]);
      }
      this.indexText(entry, doc);
    });
    this.averageLength = this.docLength.reduce((a, b) => a + b, 0) / Math.max(1, this.docLength.length);
  }

  private indexText(entry: Entry, doc: number): void {
    const weights = new Map<string, number>();
    let length = 0;
    for (const [field, text] of searchableFields(entry)) {
      for (const token of tokenize(text)) {
        weights.set(token, (weights.get(token) ?? 0) + FIELD_WEIGHTS[field]);
        length++;
      }
    }
    for (const [token, weight] of weights) {
      let list = this.postings.get(token);
      if (!list) this.postings.set(token, (list = []));
      list.push({ doc, weight });
    }
    this.docLength[doc] = length;
  }

  /** The catalog id a word (id or alias, any case) names, if any. */
  catalogFor(word: string): string | undefined {
    return this.aliasToCatalog.get(word.toLowerCase());
  }

  /** Entries with this code: an integer, or a token in any case. */
  byExactCode(code: Code, catalog?: string): Entry[] {
    return (this.byCode.get(codeKey(code)) ?? []).filter((e) => !catalog || e.catalog === catalog);
  }

  /** Whether some catalog has this string code (`pay-1001`, any case): the query then asks for that code. */
  hasTokenCode(token: string): boolean {
    return CODE_TOKEN.test(token) && !/^\d+$/.test(token) && this.byCode.has(codeKey(token));
  }

  byExactSymbol(symbol: string, catalog?: string): Entry[] {
    return (this.bySymbol.get(symbol.toUpperCase()) ?? []).filter((e) => !catalog || e.catalog === catalog);
  }

  /** Entries one of whose symbols contains `part`, shortest symbol (the closest fit) first. */
  bySymbolPart(part: string, catalog?: string): Entry[] {
    const needle = part.toUpperCase();
    const hits = new Map<Entry, number>();
    for (const [symbol, entry] of this.symbolList) {
      if (catalog && entry.catalog !== catalog) continue;
      if (!symbol.includes(needle)) continue;
      const extra = symbol.length - needle.length;
      hits.set(entry, Math.min(hits.get(entry) ?? Infinity, extra));
    }
    return [...hits].sort((a, b) => a[1] - b[1]).map(([entry]) => entry);
  }

  /** Ranked (BM25) search over symbols, English and Chinese text. */
  search(query: string, options: { catalog?: string; limit?: number } = {}): Scored[] {
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0) return [];
    const scores = new Map<number, { score: number; matched: number }>();
    const total = this.entries.length;
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (total - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, weight } of list) {
        const norm = 1 - BM25_B + BM25_B * (this.docLength[doc]! / this.averageLength);
        const termScore = idf * ((weight * (BM25_K1 + 1)) / (weight + BM25_K1 * norm));
        const current = scores.get(doc) ?? { score: 0, matched: 0 };
        current.score += termScore;
        current.matched++;
        scores.set(doc, current);
      }
    }
    // Prefer entries that match most of the query; a stray common word alone is not a match.
    const needed = terms.length <= 2 ? terms.length : Math.ceil(terms.length * 0.6);
    const ranked = [...scores]
      .filter(([doc, s]) => s.matched >= needed && (!options.catalog || this.entries[doc]!.catalog === options.catalog))
      .map(([doc, s]) => ({ entry: this.entries[doc]!, score: s.score }))
      .sort((a, b) => b.score - a.score || compareCodes(a.entry.code, b.entry.code));
    return ranked.slice(0, options.limit ?? 10);
  }

  /** Codes and symbols close to something that matched nothing, for "did you mean". */
  closest(query: string, limit = 5): Entry[] {
    const q = query.trim().toUpperCase();
    const numeric = /^[-+]?\d+$/.test(q);
    const candidates = numeric
      ? this.entries.filter((e) => isIntegerCode(e.code)).map((e) => [e, editDistance(codeDigits(e.code), q.replace(/^[-+]/, ""))] as const)
      : [...this.symbolList, ...this.tokenCodes()].map(([symbol, e]) => [e, editDistance(symbol, q) / Math.max(symbol.length, q.length)] as const);
    const limitDistance = numeric ? 2 : 0.4;
    const best = new Map<Entry, number>();
    for (const [entry, distance] of candidates) {
      if (distance > limitDistance) continue;
      best.set(entry, Math.min(best.get(entry) ?? Infinity, distance));
    }
    const digits = (e: Entry) => codeDigits(e.code);
    return [...best].sort((a, b) => a[1] - b[1] || digits(a[0]).length - digits(b[0]).length || compareCodes(digits(a[0]), digits(b[0]))).slice(0, limit).map(([e]) => e);
  }

  /** String codes (`PAY-1001`) upper-cased, beside the symbols for "did you mean". */
  private tokenCodes(): Array<[string, Entry]> {
    return this.entries.filter((e) => !isIntegerCode(e.code)).map((e) => [codeKey(e.code), e]);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function editDistance(a: string, b: string): number {
  // Far apart in length means far apart: skip the quadratic work and report the worst case.
  if (Math.abs(a.length - b.length) > 3) return Math.max(a.length, b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
