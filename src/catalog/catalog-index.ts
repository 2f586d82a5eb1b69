import type { Catalog, Category, Entry } from "./schema.js";
import { bigramsWithVocabulary, hanWords, identifierKey, tokenize, type Segmenter, type Term } from "./tokenize.js";
import { OTHER_PRODUCTS } from "./out-of-scope.js";
import { rewriteChinese, synonymsOf } from "./synonyms.js";
import { allowedTypos, distanceFloor, editDistance, letterCounts, TypoMatcher } from "./typos.js";

export interface Scored {
  entry: Entry;
  score: number;
  /** Share of the query's weight this entry matched, 0..1. */
  coverage: number;
}

export interface SearchResult {
  /** Results above the floor, best first. */
  hits: Scored[];
  /** The best candidates below the floor: offered as "did you mean", never as results. */
  near: Scored[];
}

interface Posting {
  doc: number;
  /** The term's BM25F weight in this entry, saturated and length-normalised: idf aside, its score. */
  saturated: number;
}

// Field weights (BM25F): the words people search by (symbols, other APIs' names, reviewed vocabulary) count more
// than the explanation, which counts more than the vendor's source lines and the category's words.
const FIELD_WEIGHTS = { symbol: 4, alias: 4, keyword: 3, code: 3, en: 2, zh: 2, category: 1, source: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const BM25_K1 = 1.2;
const BM25_B = 0.5;
/** A term matched through a typo or a synonym counts less than the word itself. */
const TYPO_FACTOR = 0.7;
const SYNONYM_FACTOR = 0.8;
/**
 * Weight of a query word no entry uses. An identifier, constant or number (OOMKilled, ENOSPC, 1045) or another
 * product's name says the question is about something else; a plain word (because, went) says little; a Chinese
 * bigram nobody uses is mostly the seam between two words.
 */
const UNKNOWN_WEIGHT = { otherProduct: 8, technical: 3, word: 1.5, chinese: 0.5 } as const;
/** Entries of a catalog the query names in passing ("gateway timeout from cos") count this much more. */
const NAMED_CATALOG_BOOST = 1.3;
/** The whole query is one of an entry's keywords or names: that entry is what was meant. */
const PHRASE_BONUS = 6;
/** Below this share of the query's weight an entry is not a result (the honest "nothing"). */
const MIN_COVERAGE = 0.6;
const CHINESE_COVERAGE_ALLOWANCE = 0.2;
/** ...and below this one, not even worth a "did you mean". */
const NEAR_COVERAGE = 0.3;

const CATEGORY_WORDS: Record<Category, string> = {
  success: "success ok 成功",
  auth: "authentication auth signature credential 鉴权 认证 签名",
  permission: "permission access denied forbidden 权限 禁止",
  "not-found": "not found missing 不存在 找不到",
  conflict: "conflict already exists 冲突 已存在",
  "invalid-request": "invalid request parameter 参数 非法",
  limit: "limit quota too large 限制 超过",
  "rate-limit": "rate limit throttled too many requests 频率 限流",
  upload: "upload 上传",
  download: "download 下载",
  network: "network connection 网络 连接",
  timeout: "timeout timed out 超时",
  overload: "overload busy 繁忙 过载",
  internal: "internal server error 内部错误",
  "content-policy": "content policy porn censored 违规 鉴黄",
};

function searchableFields(entry: Entry): Array<[Field, string]> {
  return [
    ["symbol", entry.symbols.join(" \n ")],
    ["alias", (entry.aliases ?? []).join(" \n ")],
    ["keyword", (entry.keywords ?? []).join(" \n ")],
    ["code", String(Math.abs(entry.code))],
    ["en", entry.en],
    ["zh", entry.zh ?? ""],
    ["category", entry.category ? CATEGORY_WORDS[entry.category] : ""],
    ["source", (entry.definitions ?? []).map((d) => `${d.text} ${d.details ?? ""}`).join(" \n ")],
  ];
}

const phraseKey = (terms: Term[]) => terms.map((t) => t.key).join(" ");

export interface IndexOptions {
  /** How Chinese runs become terms; default: bigrams plus the catalogs' own Chinese vocabulary words. */
  segmenter?: (vocabulary: ReadonlySet<string>) => Segmenter;
}

/**
 * Lookup structures over all loaded catalogs, built once at start-up: exact code -> entries, symbol and alias ->
 * entries, and an inverted index for ranked text search with typo tolerance.
 */
export class CatalogIndex {
  readonly entries: Entry[];
  private readonly byCode = new Map<number, Entry[]>();
  private readonly bySymbol = new Map<string, Entry[]>();
  private readonly byAlias = new Map<string, Entry[]>();
  private readonly byIdentifier = new Map<string, Set<number>>();
  private readonly byPhrase = new Map<string, Set<number>>();
  private readonly symbolList: Array<[string, Entry, Uint8Array]> = [];
  private readonly postings = new Map<string, Posting[]>();
  private readonly docLength: number[] = [];
  /** Per-entry scratch space for search, reused so a query allocates next to nothing. */
  private readonly buffers: { score: Float64Array; matched: Float64Array; best: Float64Array; termStamp: Int32Array; touched: Int32Array };
  private stamp = 0;
  private readonly aliasToCatalog = new Map<string, string>();
  private readonly segment: Segmenter;
  private readonly typos: TypoMatcher;

  constructor(
    readonly catalogs: Catalog[],
    options: IndexOptions = {},
  ) {
    this.entries = catalogs.flatMap((c) => c.entries);
    for (const catalog of catalogs) {
      for (const word of [catalog.id, ...catalog.aliases]) this.aliasToCatalog.set(word.toLowerCase(), catalog.id);
    }
    const vocabulary = hanWords(this.entries.flatMap((e) => [...(e.keywords ?? []), ...(e.aliases ?? [])]));
    this.segment = (options.segmenter ?? bigramsWithVocabulary)(vocabulary);
    const words = new Map<string, string>();
    const weighted = new Map<string, Array<[number, number]>>();
    this.entries.forEach((entry, doc) => {
      push(this.byCode, entry.code, entry);
      for (const symbol of entry.symbols) {
        const key = symbol.toUpperCase();
        push(this.bySymbol, key, entry);
        this.symbolList.push([key, entry, letterCounts(key)]);
        addTo(this.byIdentifier, identifierKey(symbol), doc);
      }
      for (const alias of entry.aliases ?? []) {
        push(this.byAlias, identifierKey(alias), entry);
        this.symbolList.push([alias.toUpperCase(), entry, letterCounts(alias.toUpperCase())]);
        addTo(this.byIdentifier, identifierKey(alias), doc);
      }
      for (const phrase of [...(entry.keywords ?? []), ...entry.symbols, ...(entry.aliases ?? [])]) {
        const key = phraseKey(tokenize(rewriteChinese(phrase), this.segment, { query: true }));
        if (key) addTo(this.byPhrase, key, doc);
      }
      this.indexText(entry, doc, words, weighted);
    });
    this.typos = new TypoMatcher(words);
    const averageLength = this.docLength.reduce((a, b) => a + b, 0) / Math.max(1, this.docLength.length);
    for (const [key, list] of weighted) {
      this.postings.set(
        key,
        list.map(([doc, weight]) => {
          const norm = 1 - BM25_B + BM25_B * (this.docLength[doc]! / averageLength);
          return { doc, saturated: (weight * (BM25_K1 + 1)) / (weight + BM25_K1 * norm) };
        }),
      );
    }
    const n = this.entries.length;
    this.buffers = { score: new Float64Array(n), matched: new Float64Array(n), best: new Float64Array(n), termStamp: new Int32Array(n), touched: new Int32Array(n) };
  }

  private indexText(entry: Entry, doc: number, words: Map<string, string>, weighted: Map<string, Array<[number, number]>>): void {
    const weights = new Map<string, number>();
    let length = 0;
    for (const [field, text] of searchableFields(entry)) {
      for (const term of tokenize(rewriteChinese(text), this.segment)) {
        weights.set(term.key, (weights.get(term.key) ?? 0) + FIELD_WEIGHTS[field]);
        if (term.word && !term.numeric) words.set(term.word, term.key);
        length++;
      }
    }
    for (const [key, weight] of weights) push(weighted, key, [doc, weight] as [number, number]);
    this.docLength[doc] = length;
  }

  /** The catalog id a word (id or alias, any case) names, if any. */
  catalogFor(word: string): string | undefined {
    return this.aliasToCatalog.get(word.toLowerCase());
  }

  byExactCode(code: number, catalog?: string): Entry[] {
    return (this.byCode.get(code) ?? []).filter((e) => !catalog || e.catalog === catalog);
  }

  byExactSymbol(symbol: string, catalog?: string): Entry[] {
    return (this.bySymbol.get(symbol.toUpperCase()) ?? []).filter((e) => !catalog || e.catalog === catalog);
  }

  /** Entries another API's error name (NoSuchBucket, InvalidAccessKeyId; any case, `_` ignored) means. */
  byExactAlias(name: string, catalog?: string): Entry[] {
    return (this.byAlias.get(identifierKey(name)) ?? []).filter((e) => !catalog || e.catalog === catalog);
  }

  /** Entries with a symbol or alias written this way, `_`, case and punctuation aside (erroffgoback). */
  byLooseIdentifier(text: string, catalog?: string): Entry[] {
    return [...(this.byIdentifier.get(identifierKey(text)) ?? [])].map((doc) => this.entries[doc]!).filter((e) => !catalog || e.catalog === catalog);
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

  private idf(df: number): number {
    const total = this.entries.length;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }

  /**
   * Ranked search (BM25F over symbols, aliases, keywords, English, Chinese, category words and vendor text) with
   * typo tolerance on words. Entries matching less than MIN_COVERAGE of the query's weight are not hits.
   */
  search(query: string, options: { catalog?: string; limit?: number; minCoverage?: number } = {}): SearchResult {
    const limit = options.limit ?? 10;

    const named = new Set<string>();
    const terms = uniqueTerms(tokenize(rewriteChinese(query), this.segment, { query: true })).filter((term) => {
      const catalog = term.word && this.catalogFor(term.word);
      if (catalog) named.add(catalog);
      // A bare catalog name (upyun) is not a word to find; one that is also a word ("image") stays.
      return !catalog || this.postings.has(term.key);
    });
    if (terms.length === 0) return { hits: [], near: [] };
    const { score, matched, best, termStamp, touched } = this.buffers;
    let touchedCount = 0;
    let totalWeight = otherProductsNamedIn(query) * UNKNOWN_WEIGHT.otherProduct;
    let chineseWeight = 0;
    const resolved: string[] = [];
    for (const term of terms) {
      const expansions = this.expand(term);
      resolved.push(expansions.length > 0 && !this.postings.has(term.key) ? (expansions[0]![2] ?? term.key) : term.key);
      let termWeight = expansions.length === 0 ? unknownWeight(term) : 0;
      for (const [list] of expansions) termWeight = Math.max(termWeight, this.idf(list.length));
      totalWeight += termWeight;
      if (!term.word) chineseWeight += termWeight;
      if (expansions.length === 0) continue;
      // A term reaching an entry through several spellings counts once, at its best.
      const stamp = ++this.stamp;
      const covered = expansions[0]![1] * termWeight;
      for (const [list, factor] of expansions) {
        const scale = factor * this.idf(list.length);
        for (const { doc, saturated } of list) {
          const termScore = scale * saturated;
          if (termStamp[doc] !== stamp) {
            termStamp[doc] = stamp;
            best[doc] = termScore;
            if (matched[doc] === 0) touched[touchedCount++] = doc;
            matched[doc]! += covered;
          } else if (termScore > best[doc]!) best[doc] = termScore;
        }
      }
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i]!;
        if (termStamp[doc] === stamp) score[doc]! += best[doc]!;
      }
    }
    this.addExactBonuses(query, resolved, score, matched);
    // Chinese is split into overlapping bigrams, whose seams match nothing: a Chinese query needs less coverage.
    const minCoverage = options.minCoverage ?? MIN_COVERAGE - CHINESE_COVERAGE_ALLOWANCE * (chineseWeight / totalWeight);
    const hits: Scored[] = [];
    const near: Scored[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const entry = this.entries[doc]!;
      const coverage = Math.min(1, matched[doc]! / totalWeight);
      const total = score[doc]!;
      score[doc] = 0;
      matched[doc] = 0;
      if ((options.catalog && entry.catalog !== options.catalog) || coverage < NEAR_COVERAGE) continue;
      const scored = { entry, score: total * coverage * (named.has(entry.catalog) ? NAMED_CATALOG_BOOST : 1), coverage };
      if (coverage >= minCoverage - 1e-9) hits.push(scored);
      else near.push(scored);
    }
    const order = (a: Scored, b: Scored) => b.score - a.score || a.entry.code - b.entry.code;
    return { hits: hits.sort(order).slice(0, limit), near: near.sort(order).slice(0, 3) };
  }

  /** The postings a query term reaches: its own, or those of the catalog words it is a typo of. */
  private expand(term: Term): Array<[Posting[], number, string?]> {
    const reach = (keys: readonly string[], factor: number) =>
      keys.flatMap((key) => {
        const list = this.postings.get(key);
        return list ? [[list, factor, key] as [Posting[], number, string]] : [];
      });
    const own = this.postings.get(term.key);
    const synonyms = reach(synonymsOf(term.key), SYNONYM_FACTOR);
    if (own) return [[own, 1], ...synonyms];
    if (synonyms.length > 0) return synonyms;
    if (!term.word || term.numeric) return [];
    // Equally close words: the more common one is the likelier meaning (expird: expired before expiry).
    return reach(this.typos.near(term.word), TYPO_FACTOR).sort((a, b) => b[0].length - a[0].length);
  }

  /** The whole query is an entry's keyword or name, or names one of its symbols or aliases: a strong signal. */
  private addExactBonuses(query: string, keys: string[], score: Float64Array, matched: Float64Array): void {
    const bonus = (docs: Set<number> | undefined) => {
      for (const doc of docs ?? []) if (matched[doc]! > 0) score[doc]! += PHRASE_BONUS;
    };
    bonus(this.byPhrase.get(keys.join(" ")));
    for (const word of query.split(/[\s,，;；]+/)) {
      if (word.length >= 6) bonus(this.byIdentifier.get(identifierKey(word)));
    }
  }

  /** Entries whose symbol or alias is a typo or two away from `name` (by its length; never for short names). */
  bySymbolTypo(name: string, catalog?: string): Entry[] {
    const q = name.trim().toUpperCase();
    const max = allowedTypos(q.replace(/_/g, "").length);
    if (max === 0) return [];
    let best = max + 1;
    let found: Entry[] = [];
    const counts = letterCounts(q);
    for (const [symbol, entry, symbolCounts] of this.symbolList) {
      if ((catalog && entry.catalog !== catalog) || Math.abs(symbol.length - q.length) > Math.min(max, best)) continue;
      if (distanceFloor(counts, symbolCounts) > Math.min(max, best)) continue;
      const distance = editDistance(symbol, q, Math.min(max, best));
      if (distance < best) [best, found] = [distance, [entry]];
      else if (distance === best && !found.includes(entry)) found.push(entry);
    }
    return best <= max ? found : [];
  }

  /** Codes, symbols and aliases close to something that matched nothing, for "did you mean". */
  closest(query: string, limit = 5): Entry[] {
    const q = query.trim().toUpperCase();
    const numeric = /^[-+]?\d+$/.test(q);
    const counts = letterCounts(q);
    const candidates = numeric
      ? this.entries.map((e) => [e, editDistance(String(Math.abs(e.code)), q.replace(/^[-+]/, ""))] as const)
      : this.symbolList.map(([symbol, e, symbolCounts]) => {
          const longer = Math.max(symbol.length, q.length);
          const max = Math.floor(0.4 * longer);
          const far = Math.abs(symbol.length - q.length) > max || distanceFloor(counts, symbolCounts) > max;
          return [e, far ? 1 : editDistance(symbol, q, max) / longer] as const;
        });
    const limitDistance = numeric ? 2 : 0.4;
    const best = new Map<Entry, number>();
    for (const [entry, distance] of candidates) {
      if (distance > limitDistance) continue;
      best.set(entry, Math.min(best.get(entry) ?? Infinity, distance));
    }
    return [...best].sort((a, b) => a[1] - b[1] || Math.abs(a[0].code) - Math.abs(b[0].code)).slice(0, limit).map(([e]) => e);
  }
}

function otherProductsNamedIn(query: string): number {
  return (query.match(/\p{Script=Han}+/gu) ?? []).reduce((n, run) => n + [...OTHER_PRODUCTS].filter((name) => run.includes(name)).length, 0);
}

/** The query names a product no catalog covers (MySQL, 阿里云 OSS): its codes and error names are that product's. */
export function namesOtherProduct(query: string): boolean {
  return otherProductsNamedIn(query) > 0 || (query.toLowerCase().match(/[a-z0-9]+/g) ?? []).some((word) => OTHER_PRODUCTS.has(word));
}

function unknownWeight(term: Term): number {
  const name = term.word ?? term.key.slice(3);
  if (OTHER_PRODUCTS.has(name)) return UNKNOWN_WEIGHT.otherProduct;
  if (!term.word) return UNKNOWN_WEIGHT.chinese;
  return term.technical ? UNKNOWN_WEIGHT.technical : UNKNOWN_WEIGHT.word;
}

function uniqueTerms(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.key) && seen.add(t.key));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo<K>(map: Map<K, Set<number>>, key: K, doc: number): void {
  const set = map.get(key);
  if (set) set.add(doc);
  else map.set(key, new Set([doc]));
}

export { editDistance };
