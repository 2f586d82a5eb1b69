import { CODE_TOKEN, codeDigits, codeKey, compareCodes, isIntegerCode, type Code } from "./code.js";
import type { Catalog, Category, Entry } from "./schema.js";
import { bigramsWithVocabulary, hanWords, identifierKey, plainLanguageWords, reportingProgram, tokenize, type Segmenter, type Term } from "./tokenize.js";
import { CLIENT_PLATFORMS, namesKernelOrErrno, OTHER_PRODUCTS, OUT_OF_SCOPE, otherProductPhrasesIn } from "./out-of-scope.js";
import { rewriteWords, synonymsOf } from "./synonyms.js";
import { wordsAlternation } from "./word-pattern.js";
import { ANSWER_FEATURES, ANSWER_THRESHOLD, answerProbability, type AnswerFeature } from "./answer-model.js";
import { RANKING, type Field, type Ranking } from "./ranking.js";
import { allowedTypos, digitCounts, distanceFloor, editDistance, letterCounts, TypoMatcher } from "./typos.js";

export interface Scored {
  entry: Entry;
  score: number;
  /** Share of the query's weight this entry matched, 0..1. */
  coverage: number;
}

export interface SearchResult {
  /** Results, best first: empty when the search judges the question has no answer here. */
  hits: Scored[];
  /** The best candidates when there is no answer: offered as "did you mean", never as results. */
  near: Scored[];
  /** The three best candidates, answer or not: what the answer model judged. */
  best: Scored[];
  /** What the answer-or-nothing decision saw (ANSWER_FEATURES), and its probability of an answer. */
  answer: { features: Float64Array; probability: number };
}

/** A query term's reading: the postings it reaches, at what factor, through which index term, and how (own word: none). */
type Expansion = [Posting, number, string?, ("synonym" | "typo")?];

/** A term's postings: the entries that have it, and its BM25F weight in each, saturated and length-normalised. */
interface Posting {
  docs: Int32Array;
  saturated: Float64Array;
  length: number;
}

/**
 * A question told as a story ("the signed link we hand out works for about an hour, then every fetch is 403") has
 * more words the catalogs write than any entry can match: the weight an entry must cover is that of its 8 heaviest
 * terms (a Chinese bigram is a term), while every term an entry matches still counts for it. Words no entry uses
 * (another product, an identifier) always count.
 */
const VERBOSE_QUERY_TERMS = 8;
/**
 * The answer model's plain-language count stops here: past it, more padding ("why do we ... what should we do") says
 * nothing more about being answerable (leave-one-part-out over 31 parts: the same right answers and "nothing"s, within
 * one, as with no bound).
 */
const MAX_PLAIN_LANGUAGE_WORDS = 8;
/** The same for words read through a typo, which give back what coverage takes off them (the ranking's typo factor). */
const MAX_TYPO_WORDS = 3;
/**
 * Below this share of the query's weight an entry is not one of the best three the answer model reads. A long
 * story's right entry covers little of it: at 0.3 it was often not among them at all (this constant edited and
 * `tools/fit-search.ts --check` run, leave one part out over 22 parts: 1,283 of 1,357 answered at 0.3, 1,308 of
 * 1,395 at 0.1, the same 816 of 853 "nothing"s).
 */
const NEAR_COVERAGE = 0.1;
/** ... and below this share, not shown as a suggestion when there is no answer ("Nothing for … did you mean"). */
const SUGGESTION_COVERAGE = 0.3;
/** An answer lists the entries covering at least this share of what the best one covers. */
const RESULT_COVERAGE_SHARE = 0.5;

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
    ["code", codeDigits(entry.code)],
    ["en", entry.en],
    ["zh", entry.zh ?? ""],
    ["category", entry.category ? CATEGORY_WORDS[entry.category] : ""],
    ["source", (entry.definitions ?? []).map((d) => `${d.text} ${d.details ?? ""}`).join(" \n ")],
  ];
}

const phraseKey = (terms: Term[]) => terms.map((t) => t.key).join(" ");

/**
 * One entry's contribution to the text index: computed at start-up, or at build time for the built-in catalogs.
 * Lists are kept as joined strings (no term or word holds a space, no phrase a line break): the build-time file
 * then parses into a few strings per entry instead of thousands of small arrays.
 */
export interface EntryText {
  /** Index terms, space-separated. */
  terms: string;
  /** Each term's field-weighted count in this entry, in the order of `terms`. */
  weights: number[];
  /** The entry's length in terms (BM25 length normalisation). */
  length: number;
  /** Latin words as written, each followed by its index term (typo tolerance compares against the words). */
  words: string;
  /** Its keywords, symbols and aliases, each as a normalised phrase key, one per line. */
  phrases: string;
}

export function entryText(entry: Entry, segment: Segmenter, fields: Ranking["fields"] = RANKING.fields): EntryText {
  const weights = new Map<string, number>();
  const words = new Map<string, string>();
  let length = 0;
  for (const [field, text] of searchableFields(entry)) {
    for (const term of tokenize(rewriteWords(text), segment)) {
      weights.set(term.key, (weights.get(term.key) ?? 0) + fields[field]);
      if (term.word && !term.numeric) words.set(term.word, term.key);
      length++;
    }
  }
  const phrases = [...(entry.keywords ?? []), ...entry.symbols, ...(entry.aliases ?? [])].map((phrase) => phraseKey(tokenize(rewriteWords(phrase), segment, { query: true }))).filter(Boolean);
  return { terms: [...weights.keys()].join(" "), weights: [...weights.values()], length, words: [...words].flat().join(" "), phrases: phrases.join("\n") };
}

/** The Chinese vocabulary the default segmenter uses: the catalogs' own Chinese keywords and aliases. */
export function searchVocabulary(entries: Entry[]): Set<string> {
  return hanWords(entries.flatMap((e) => [...(e.keywords ?? []), ...(e.aliases ?? [])]));
}

/** Entry texts made at build time, and the vocabulary they were segmented with. */
export interface PreparedTexts {
  vocabulary: string;
  textOf(entry: Entry): EntryText | undefined;
}

/**
 * Where build-time entry texts come from (the catalog snapshot), read only when a text index is built. They are
 * used while their vocabulary is the whole vocabulary in service: a team catalog that adds Chinese words has every
 * entry tokenized again.
 */
let preparedTexts: (() => PreparedTexts | undefined) | undefined;

export function usePreparedTexts(source: () => PreparedTexts | undefined): void {
  preparedTexts = source;
}

export function vocabularyKey(vocabulary: ReadonlySet<string>): string {
  return [...vocabulary].sort().join("\n");
}

interface TextIndex {
  segment: Segmenter;
  typos: TypoMatcher;
  postings: Map<string, Posting>;
  /** Normalised keyword / symbol / alias phrase -> entries: the whole query being one of them is a strong signal. */
  byPhrase: Map<string, number[]>;
  /** Chinese names of other products and topics that no loaded catalog's text uses (those it uses are its own). */
  otherHanNames: string[];
  /** Per-entry scratch space for search, reused so a query allocates next to nothing. */
  buffers: { score: Float64Array; matched: Float64Array; best: Float64Array; termStamp: Int32Array; touched: Int32Array };
}

const HAN = /\p{Script=Han}/u;
/** Catalog aliases too common in text to say a message or question is about that catalog ("image too wide"). */
export const COMMON_ALIASES: ReadonlySet<string> = new Set(["ci", "image", "images"]);

export interface IndexOptions {
  /** How Chinese runs become terms; default: bigrams plus the catalogs' own Chinese vocabulary words. */
  segmenter?: (vocabulary: ReadonlySet<string>) => Segmenter;
  /** The ranking constants; default: ranking.json (tools/tune-search.ts tries others). */
  ranking?: Ranking;
}

/**
 * Lookup structures over all loaded catalogs, built once at start-up: exact code -> entries, symbol and alias ->
 * entries, and an inverted index for ranked text search with typo tolerance.
 */
export class CatalogIndex {
  readonly entries: Entry[];
  private readonly byCode = new Map<string, Entry[]>();
  private readonly bySymbol = new Map<string, Entry[]>();
  private readonly byAlias = new Map<string, Entry[]>();
  private readonly byIdentifier = new Map<string, Set<number>>();
  private readonly symbolList: Array<[string, Entry, Uint8Array]> = [];
  private symbolsJoined?: { text: string; starts: Int32Array };
  /** Integer codes' digits without the sign, with their entries: what near and prefix matches of a number scan. */
  readonly integerDigits: Array<[string, Entry]> = [];
  /** digitCounts of integerDigits[i] at [10 i ..): a cheap floor on their edit distance; built when first needed. */
  private integerDigitCounts?: Uint8Array;
  /** String codes upper-cased, with their entries (`PAY-1001`). */
  readonly tokenCodes: Array<[string, Entry]> = [];
  private stamp = 0;
  private readonly aliasToCatalog = new Map<string, string>();
  /**
   * Catalog ids and aliases (but COMMON_ALIASES) as words, and Chinese aliases anywhere, longest first (支付服务 is not
   * read as 支付): what catalogsNamedIn finds and withoutCatalogNames takes out.
   */
  private readonly catalogNames?: RegExp;
  /** A catalog's tool and SDK names (its ASCII detect words: coscmd, cosfs, payments-api) as whole words, and whose. */
  private readonly toolNames?: { pattern: RegExp; catalogOf: Map<string, string> };
  /** Catalog ids, aliases and detect words (`UpYun`, `qcloud_cos`) as identifier keys: names of ours, not another system's. */
  private readonly catalogWords = new Set<string>();
  private textIdentifiers?: Set<string>;
  private symbolLengths?: number[][];
  private readonly makeSegmenter: (vocabulary: ReadonlySet<string>) => Segmenter;
  private readonly ranking: Ranking;
  private textIndex?: TextIndex;

  constructor(
    readonly catalogs: Catalog[],
    options: IndexOptions = {},
  ) {
    this.entries = catalogs.flatMap((c) => c.entries);
    const tools = new Map<string, string>();
    for (const catalog of catalogs) {
      for (const word of [catalog.id, ...catalog.aliases]) this.aliasToCatalog.set(word.toLowerCase(), catalog.id);
      for (const word of catalog.detect?.words ?? []) if (!HAN.test(word)) tools.set(word.toLowerCase(), catalog.id);
      for (const word of [catalog.id, catalog.name, ...catalog.aliases, ...(catalog.detect?.words ?? []), ...(catalog.detect?.weak ?? [])]) {
        for (const part of word.split(/[\s()]+/)) if (part) this.catalogWords.add(identifierKey(part));
      }
    }
    const names = [...this.aliasToCatalog.keys()].filter((name) => !COMMON_ALIASES.has(name));
    // Only ASCII letters, digits and `-` make a longer word around an ASCII name: `UpYun上传` and `upyun_sdk` name UpYun,
    // `PAY-1003` does not name `pay`.
    if (names.length > 0) this.catalogNames = new RegExp(wordsAlternation(names, "A-Za-z0-9\\-"), "giu");
    if (tools.size > 0) this.toolNames = { pattern: new RegExp(wordsAlternation(tools.keys()), "gu"), catalogOf: tools };
    this.makeSegmenter = options.segmenter ?? bigramsWithVocabulary;
    this.ranking = options.ranking ?? RANKING;
    this.entries.forEach((entry, doc) => {
      push(this.byCode, codeKey(entry.code), entry);
      if (isIntegerCode(entry.code)) this.integerDigits.push([codeDigits(entry.code), entry]);
      else this.tokenCodes.push([codeDigits(entry.code), entry]);
      // A string code (`PAY-1001`) is near-matched like a symbol for "did you mean".
      if (!isIntegerCode(entry.code)) this.symbolList.push([codeKey(entry.code), entry, letterCounts(codeKey(entry.code))]);
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
    });
  }

  /**
   * The text-search structures, built on first use: a code or symbol lookup (the CLI's usual question) never pays
   * for them. A long-running bot builds them at start-up with `warm()`.
   */
  private get text(): TextIndex {
    return (this.textIndex ??= this.buildTextIndex());
  }

  /** Builds the text index now rather than on the first search. */
  warm(): void {
    void this.text;
  }

  private buildTextIndex(): TextIndex {
    const vocabulary = searchVocabulary(this.entries);
    const segment = this.makeSegmenter(vocabulary);
    // Build-time texts carry the committed segmenter and field weights.
    const source = this.makeSegmenter === bigramsWithVocabulary && this.ranking.fields === RANKING.fields ? preparedTexts?.() : undefined;
    const prepared = source && source.vocabulary === vocabularyKey(vocabulary) ? source : undefined;
    // Arrays, not Sets: thousands of phrases, nearly all of one entry.
    const byPhrase = new Map<string, number[]>();
    const words = new Map<string, string>();
    const docLength: number[] = [];
    const docTerms: string[][] = [];
    const docWeights: number[][] = [];
    /** How many entries have each term: the postings are laid out in two shared arrays, one slice per term. */
    const counts = new Map<string, number>();
    this.entries.forEach((entry, doc) => {
      const text = prepared?.textOf(entry) ?? entryText(entry, segment, this.ranking.fields);
      if (text.phrases) {
        for (const key of text.phrases.split("\n")) {
          const docs = byPhrase.get(key);
          if (!docs) byPhrase.set(key, [doc]);
          else if (docs[docs.length - 1] !== doc) docs.push(doc);
        }
      }
      docTerms[doc] = text.terms ? text.terms.split(" ") : [];
      docWeights[doc] = text.weights;
      for (const key of docTerms[doc]!) counts.set(key, (counts.get(key) ?? 0) + 1);
      const pairs = text.words ? text.words.split(" ") : [];
      for (let i = 0; i + 1 < pairs.length; i += 2) words.set(pairs[i]!, pairs[i + 1]!);
      docLength[doc] = text.length;
    });
    const { k1, b } = this.ranking;
    const averageLength = docLength.reduce((a, b) => a + b, 0) / Math.max(1, docLength.length);
    // One allocation for all postings instead of two typed arrays per term: far less for the collector at start-up.
    let total = 0;
    for (const count of counts.values()) total += count;
    const allDocs = new Int32Array(total);
    const allSaturated = new Float64Array(total);
    const postings = new Map<string, Posting>();
    let offset = 0;
    for (const [key, length] of counts) {
      postings.set(key, { docs: allDocs.subarray(offset, offset + length), saturated: allSaturated.subarray(offset, offset + length), length: 0 });
      offset += length;
    }
    docTerms.forEach((keys, doc) => {
      const norm = 1 - b + b * (docLength[doc]! / averageLength);
      keys.forEach((key, i) => {
        const posting = postings.get(key)!;
        const weight = docWeights[doc]![i]!;
        posting.docs[posting.length] = doc;
        posting.saturated[posting.length++] = (weight * (k1 + 1)) / (weight + k1 * norm);
      });
    });
    const n = this.entries.length;
    const catalogText = this.entries.map((e) => searchableFields(e).map(([, text]) => text).join("\n")).join("\n");
    return {
      otherHanNames: HAN_OUT_OF_SCOPE.filter((name) => !catalogText.includes(name)),
      segment,
      typos: new TypoMatcher(words),
      postings,
      byPhrase,
      buffers: { score: new Float64Array(n), matched: new Float64Array(n), best: new Float64Array(n), termStamp: new Int32Array(n), touched: new Int32Array(n) },
    };
  }

  /** Catalogs a text names anywhere: by an id or alias as a word (but COMMON_ALIASES), a Chinese alias, or a tool's name. */
  catalogsNamedIn(text: string): Set<string> {
    const named = new Set<string>();
    if (this.catalogNames) for (const [name] of text.matchAll(this.catalogNames)) named.add(this.catalogFor(name)!);
    if (this.toolNames) for (const [tool] of text.toLowerCase().matchAll(this.toolNames.pattern)) named.add(this.toolNames.catalogOf.get(tool)!);
    return named;
  }

  /**
   * `text` without the catalogs' names: named, they are no words to find. A Chinese name's character pairs would weigh,
   * and `UpYun` would be read as the words "up" and "yun". COMMON_ALIASES ("image") stay words.
   */
  private withoutCatalogNames(text: string): string {
    return this.catalogNames ? text.replace(this.catalogNames, " ") : text;
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
    if (needle.includes(SYMBOL_SEPARATOR)) return [];
    const { text, starts } = this.symbolText();
    const hits = new Map<Entry, number>();
    // One indexOf over every symbol at once is several times faster than testing each symbol (autocomplete runs this).
    for (let at = text.indexOf(needle); at >= 0; ) {
      const i = lastAtOrBefore(starts, at);
      const [symbol, entry] = this.symbolList[i]!;
      if (!catalog || entry.catalog === catalog) hits.set(entry, Math.min(hits.get(entry) ?? Infinity, symbol.length - needle.length));
      at = text.indexOf(needle, starts[i + 1] ?? text.length);
    }
    return [...hits].sort((a, b) => a[1] - b[1]).map(([entry]) => entry);
  }

  /** Every symbolList symbol in one string, one per line, and where each starts. */
  private symbolText(): { text: string; starts: Int32Array } {
    return (this.symbolsJoined ??= (() => {
      const starts = new Int32Array(this.symbolList.length);
      let offset = 0;
      this.symbolList.forEach(([symbol], i) => {
        starts[i] = offset;
        offset += symbol.length + 1;
      });
      return { text: this.symbolList.map(([symbol]) => symbol).join(SYMBOL_SEPARATOR), starts };
    })());
  }

  private idf(df: number): number {
    const total = this.entries.length;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }

  /**
   * Ranked search (BM25F over symbols, aliases, keywords, English, Chinese, category words and vendor text) with
   * typo tolerance on words. Whether there is an answer at all is the answer model's call (answer-model.ts).
   */
  search(query: string, options: { catalog?: string; limit?: number } = {}): SearchResult {
    const limit = options.limit ?? 10;

    // Catalogs the question names (`upyun`, 又拍云, a tool such as `coscmd`) rank higher. Their ids and aliases are taken
    // out of the words to find (but COMMON_ALIASES); a tool's name stays one.
    const named = this.catalogsNamedIn(query);
    // Named in so many words: a common alias (`image`) found among the terms below only ranks its catalog higher.
    const namesOurs = named.size > 0;
    const { segment, postings, buffers } = this.text;
    const text = this.withoutCatalogNames(query);
    const terms = uniqueTerms(tokenize(rewriteWords(text), segment, { query: true })).filter((term) => {
      const catalog = term.word && this.catalogFor(term.word);
      if (catalog) named.add(catalog);
      // A catalog name left inside a word's parts (`ci` of `ci_image`) is not a word to find; one that is also a word
      // of the entries ("image") stays.
      return !catalog || postings.has(term.key);
    });
    const features = new Float64Array(ANSWER_FEATURES.length);
    const feature = (name: AnswerFeature, value: number) => (features[ANSWER_FEATURES.indexOf(name)] = value);
    feature("bias", 1);
    if (terms.length === 0) return { hits: [], near: [], best: [], answer: { features, probability: answerProbability(features) } };
    const { score, matched, best, termStamp, touched } = buffers;
    let touchedCount = 0;
    const otherProducts = otherProductsNamedIn(query, this.text.otherHanNames);
    const foreignIdentifiers = this.foreignIdentifiers(query);
    // `kinit: Preauthentication failed`: a line another program printed, unless the question names one of our catalogs
    // (the program may be one of their tools: `coscmd:`), as a code beside another product's name is that product's.
    const otherProgram = !namesOurs && reportingProgram(query) ? 1 : 0;
    /** Other systems named as a whole: products, identifiers or constants nobody's catalog uses, a program's line. */
    const otherSystems = otherProducts + foreignIdentifiers + otherProgram;
    /** Those, and the words no entry uses that are other products' names or technical. */
    let foreign = otherSystems;
    /** Plain words nobody's catalog uses. */
    let unknownWords = 0;
    /** Words the catalogs do not write, read as a typo of one they do (`bukcet`, `uplod`): coverage counts them at a discount. */
    let typoWords = 0;
    const { unknownWeight: unknown } = this.ranking;
    let totalWeight = otherProducts * unknown.otherProduct + foreignIdentifiers * unknown.technical;
    // Chinese characters that no known pair covers are words no entry uses (数据库, 验证码): they weigh like an
    // unknown word. A pair no entry uses between two known ones is only a seam (签名|过期) and weighs nothing.
    const unknownChars = unknownHanChars(terms, (term) => this.expand(term).length > 0);
    let chineseWeight = unknownChars * unknown.chineseChar;
    totalWeight += chineseWeight;
    const resolved: string[] = [];
    const known: KnownTerm[] = [];
    for (const term of terms) {
      const expansions = this.expand(term);
      resolved.push(expansions.length > 0 && !postings.has(term.key) ? (expansions[0]![2] ?? term.key) : term.key);
      // A word the catalogs write weighs by how many entries write it: its rarer typo readings (`fails` -> `fall`)
      // add reach, not weight. A word they don't write weighs by its rarest reading.
      const own = postings.get(term.key);
      let termWeight = expansions.length === 0 ? unknownWeight(term, unknown) : 0;
      if (own) termWeight = this.idf(own.length);
      else for (const [list] of expansions) termWeight = Math.max(termWeight, this.idf(list.length));
      totalWeight += termWeight;
      if (!term.word) chineseWeight += termWeight;
      if (expansions.length === 0) {
        // Chinese product names were counted whole, by otherProductsNamedIn.
        if (term.word && unknownKind(term) !== "word") foreign++;
        else if (term.word) unknownWords++;
        continue;
      }
      if (term.word && !own && expansions[0]![3] === "typo") typoWords++;
      known.push({ weight: termWeight, chinese: !term.word });
      // A term reaching an entry through several spellings counts once, at its best.
      const stamp = ++this.stamp;
      const covered = expansions[0]![1] * termWeight;
      for (const [list, factor] of expansions) {
        const scale = factor * this.idf(list.length);
        for (let i = 0; i < list.length; i++) {
          const doc = list.docs[i]!;
          const termScore = scale * list.saturated[i]!;
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
    // A keyword may hold the catalog's Chinese name (万象优图appid不存在): the phrase as typed keeps its bonus.
    const typed = text === query ? undefined : uniqueTerms(tokenize(rewriteWords(query), segment, { query: true })).map((term) => term.key);
    const phraseNamed = this.addExactBonuses(query, typed ? [resolved, typed] : [resolved], score, matched);
    const knownTerms = known.length;
    const trimmed = beyondHeaviest(known, VERBOSE_QUERY_TERMS);
    totalWeight -= trimmed.weight;
    chineseWeight -= trimmed.chinese;
    // Pass 1: every touched entry's final score and coverage (kept in the scratch buffers), and the best three, in
    // order, which the answer model reads. Only the best few are ever kept sorted: a common word touches most
    // entries, and sorting them all was the slowest part of a search.
    const leaders: Scored[] = [];
    const suggested: Scored[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const entry = this.entries[doc]!;
      const coverage = Math.min(1, matched[doc]! / totalWeight);
      const included = (!options.catalog || entry.catalog === options.catalog) && coverage >= NEAR_COVERAGE;
      // Ranked by the BM25F score alone: coverage decides what is worth showing at all and whether there is an
      // answer (the model reads it), but multiplied in it let a short entry matching two common words beat the one
      // matching the story's rare word (leave-one-part-out: 914 of 970 against 904 of 963, the same "nothing"s).
      score[doc] = included ? score[doc]! * (named.has(entry.catalog) ? this.ranking.namedCatalogBoost : 1) : -1;
      matched[doc] = coverage;
      if (included) insertRanked(leaders, 3, entry, score[doc]!, coverage);
      if (included && coverage >= SUGGESTION_COVERAGE) insertRanked(suggested, 3, entry, score[doc]!, coverage);
    }
    const [first, second] = leaders;
    feature("coverage", first?.coverage ?? 0);
    feature("coverage-margin", (first?.coverage ?? 0) - (second?.coverage ?? 0));
    feature("log-score", Math.log1p(first?.score ?? 0));
    feature("foreign", foreign);
    feature("unknown-words", unknownWords);
    feature("unknown-han", unknownChars);
    feature("chinese-share", totalWeight > 0 ? chineseWeight / totalWeight : 0);
    feature("known-terms", knownTerms);
    // Only when no other product or error name is named: "why do we get ImagePullBackOff when we deploy" is Kubernetes'.
    feature("plain-language", otherSystems > 0 ? 0 : Math.min(MAX_PLAIN_LANGUAGE_WORDS, plainLanguageWords(query)));
    feature("typo-words", Math.min(MAX_TYPO_WORDS, typoWords));
    feature("exact-name", first && phraseNamed.has(first.entry) ? 1 : 0);
    const probability = answerProbability(features);
    // Pass 2, for an answer: the best `limit` of the entries covering enough of what the best one covers.
    const hits: Scored[] = [];
    const answered = first !== undefined && probability >= ANSWER_THRESHOLD;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      if (answered && score[doc]! >= 0 && matched[doc]! >= RESULT_COVERAGE_SHARE * first.coverage) insertRanked(hits, limit, this.entries[doc]!, score[doc]!, matched[doc]!);
      score[doc] = 0;
      matched[doc] = 0;
    }
    return { hits, near: answered ? [] : suggested, best: leaders, answer: { features, probability } };
  }

  /**
   * Compound identifiers in the query (OperationalError, ImagePullBackOff, max_connections) that are no entry's
   * symbol or alias: names from another system, unless the query also names one of ours (then the others are
   * context, such as the API call: `IncompleteBody on UploadPart`). Their parts are still searched as words.
   */
  foreignIdentifiers(query: string, only?: (identifier: string) => boolean): number {
    const foreign = new Set<string>();
    for (const word of compoundIdentifiers(query.normalize("NFKC"))) {
      const key = identifierKey(word);
      if (this.byIdentifier.has(key)) return 0;
      // `upyun_sdk`, `CosClient`: one of its parts is a catalog's id or alias (but COMMON_ALIASES: ImagePullBackOff).
      const ours = this.catalogWords.has(key) || word.split(IDENTIFIER_PARTS).some((part) => !COMMON_ALIASES.has(part.toLowerCase()) && this.catalogFor(part) !== undefined);
      if (!ours && !this.identifiersInText().has(key) && (!only || only(word))) foreign.add(key);
    }
    return foreign.size;
  }

  /** Identifiers the entries' own texts write (`save_token`): parameters of ours, not another system's names. */
  private identifiersInText(): Set<string> {
    return (this.textIdentifiers ??= new Set(
      this.entries.flatMap((entry) => searchableFields(entry).flatMap(([field, text]) => (field === "symbol" || field === "alias" ? [] : compoundIdentifiers(text).map(identifierKey)))),
    ));
  }

  /** The postings a query term reaches: its own, or those of the catalog words it is a typo of. */
  private expand(term: Term): Expansion[] {
    const reach = (keys: readonly string[], factor: number, how: "synonym" | "typo") =>
      keys.flatMap((key) => {
        const list = this.text.postings.get(key);
        return list ? [[list, factor, key, how] as Expansion] : [];
      });
    const own = this.text.postings.get(term.key);
    const { typo: typoFactor, synonym } = this.ranking;
    const synonyms = reach(synonymsOf(term.key), synonym, "synonym");
    if (own) {
      // `requets` stems to `requet`, which one entry's text happens to have: a word no entry writes so is likelier
      // a typo of one that many do (`requests`), so both readings count.
      const typos = term.word && !term.numeric && !this.text.typos.has(term.word) ? reach(this.text.typos.near(term.word).filter((key) => key !== term.key), typoFactor, "typo") : [];
      return [[own, 1], ...synonyms, ...typos];
    }
    if (synonyms.length > 0) return synonyms;
    if (!term.word || term.numeric) return [];
    // Equally close words: the more common one is the likelier meaning (expird: expired before expiry).
    const { typos } = this.text;
    return reach([...typos.near(term.word), ...typos.nearShort(term.word)], typoFactor, "typo").sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * The whole query is an entry's keyword or name, or a word of it one of its symbols or aliases: a strong signal.
   * Adds the ranking's phrase bonus to those entries and returns them.
   */
  private addExactBonuses(query: string, phrases: string[][], score: Float64Array, matched: Float64Array): Set<Entry> {
    const named = new Set<Entry>();
    const bonus = (docs: Iterable<number> | undefined) => {
      for (const doc of docs ?? []) {
        if (matched[doc]! > 0 && !named.has(this.entries[doc]!)) {
          score[doc]! += this.ranking.phraseBonus;
          named.add(this.entries[doc]!);
        }
      }
    };
    const seen = new Set<string>();
    for (const keys of phrases) {
      const phrase = keys.join(" ");
      if (!seen.has(phrase) && seen.add(phrase)) bonus(this.text.byPhrase.get(phrase));
    }
    for (const word of query.split(/[\s,，;；]+/)) {
      if (word.length >= 6) bonus(this.byIdentifier.get(identifierKey(word)));
    }
    return named;
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

  private allDigitCounts(): Uint8Array {
    return (this.integerDigitCounts ??= (() => {
      const counts = new Uint8Array(this.integerDigits.length * 10);
      this.integerDigits.forEach(([digits], i) => counts.set(digitCounts(digits), i * 10));
      return counts;
    })());
  }

  /** symbolList positions by symbol length (closest reads only the lengths that can be near); built when first needed. */
  private symbolsByLength(): number[][] {
    return (this.symbolLengths ??= (() => {
      const byLength: number[][] = [];
      this.symbolList.forEach(([symbol], i) => (byLength[symbol.length] ??= []).push(i));
      return byLength;
    })());
  }

  /** Codes, symbols and aliases close to something that matched nothing, for "did you mean". */
  closest(query: string, limit = 5): Entry[] {
    const q = query.trim().toUpperCase();
    const near: Array<[Entry, number, string, number]> = [];
    if (/^[-+]?\d+$/.test(q)) {
      const typed = q.replace(/^[-+]/, "");
      const counts = this.allDigitCounts();
      const typedCounts = digitCounts(typed);
      for (let i = 0; i < this.integerDigits.length; i++) {
        const [digits, entry] = this.integerDigits[i]!;
        if (Math.abs(digits.length - typed.length) > 2 || distanceFloor(typedCounts, counts, i * 10) > 2) continue;
        const distance = editDistance(digits, typed, 2);
        if (distance <= 2) near.push([entry, distance, digits, i]);
      }
    } else {
      const counts = letterCounts(q);
      const byLength = this.symbolsByLength();
      // Within 0.4 of the longer one's length, a symbol is 0.6 to 1/0.6 times as long as the query.
      for (let length = Math.ceil(0.6 * q.length - 1e-9); length <= Math.min(byLength.length - 1, Math.floor(q.length / 0.6 + 1e-9)); length++) {
        for (const i of byLength[length] ?? []) {
          const [symbol, entry, symbolCounts] = this.symbolList[i]!;
          const longer = Math.max(symbol.length, q.length);
          const max = Math.floor(0.4 * longer);
          if (Math.abs(symbol.length - q.length) > max || distanceFloor(counts, symbolCounts) > max) continue;
          const distance = editDistance(symbol, q, max) / longer;
          if (distance <= 0.4) near.push([entry, distance, codeDigits(entry.code), i]);
        }
      }
    }
    // Digits (or upper-cased tokens) compare as plain strings once their lengths are equal; then the catalog order.
    near.sort((a, b) => a[1] - b[1] || a[2].length - b[2].length || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || a[3] - b[3]);
    const found = new Set<Entry>();
    for (const [entry] of near) {
      if (found.size === limit) break;
      found.add(entry);
    }
    return [...found];
  }

}

/** lowerUpper or letter_letter inside one word: camelCase / PascalCase / snake_case, not a plain or ALL-CAPS word. */
const WORD_RUN = /[\p{L}\p{N}_]+/gu;
/** One word written like an identifier (NoSuchBucket, ImagePullBackOff, erroffgoback). */
export const ASCII_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const CAMEL_STEP = /[a-z0-9][A-Z]/;
/** Where an identifier splits into words: `_`, and before a capital that follows a lower-case letter or digit. */
const IDENTIFIER_PARTS = /_|(?<=[a-z0-9])(?=[A-Z])/;

/**
 * The words of `text` written as one compound identifier: camelCase / PascalCase before any `_`, or snake_case whose
 * first `_` follows two or more characters and precedes a letter. Whole words only (`Ñame_x` is none). One pass over
 * the words, then a look at each: a single pattern with look-arounds backtracked quadratically on long letter runs.
 */
export function compoundIdentifiers(text: string): string[] {
  const found: string[] = [];
  for (const [word] of text.matchAll(WORD_RUN)) {
    if (word.length < 3 || !ASCII_IDENTIFIER.test(word)) continue;
    const underscore = word.indexOf("_");
    const head = underscore < 0 ? word : word.slice(0, underscore);
    if (CAMEL_STEP.test(head.slice(1)) || (underscore >= 2 && /[A-Za-z]/.test(word[underscore + 1] ?? ""))) found.push(word);
  }
  return found;
}

const HAN_OUT_OF_SCOPE = [...OUT_OF_SCOPE].filter((name) => HAN.test(name));
const HAN_OTHER_PRODUCTS = [...OTHER_PRODUCTS].filter((name) => HAN.test(name));

/** Puts an entry into `list` (best first, at most `keep` long) if it ranks there: higher score, then lower code. */
function insertRanked(list: Scored[], keep: number, entry: Entry, score: number, coverage: number): void {
  let at = list.length;
  while (at > 0 && (score > list[at - 1]!.score || (score === list[at - 1]!.score && compareCodes(entry.code, list[at - 1]!.entry.code) < 0))) at--;
  if (at >= keep) return;
  list.splice(at, 0, { entry, score, coverage });
  if (list.length > keep) list.pop();
}

interface KnownTerm {
  weight: number;
  chinese: boolean;
}

/** The summed weights of all but the `keep` heaviest terms, and the Chinese part of that sum. Sorts `terms`. */
function beyondHeaviest(terms: KnownTerm[], keep: number): { weight: number; chinese: number } {
  const trimmed = { weight: 0, chinese: 0 };
  if (terms.length <= keep) return trimmed;
  terms.sort((a, b) => b.weight - a.weight);
  for (let i = keep; i < terms.length; i++) {
    trimmed.weight += terms[i]!.weight;
    if (terms[i]!.chinese) trimmed.chinese += terms[i]!.weight;
  }
  return trimmed;
}

/** Chinese product names (`names`) inside the query's Han runs, and our vendors' other products named as a phrase. */
function otherProductsNamedIn(query: string, names: readonly string[]): number {
  const chinese = (query.match(/\p{Script=Han}+/gu) ?? []).reduce((n, run) => n + names.filter((name) => run.includes(name)).length, 0);
  return chinese + otherProductPhrasesIn(query);
}

/**
 * Whose codes a query's numbers may be besides ours: a product no catalog covers (MySQL, 阿里云 OSS) owns its codes
 * and error names; a client platform (iOS, macOS) only its own short ones (`macOS error -120`), since the vendors'
 * SDKs run there too (`the iOS app gets -1893`).
 */
export function otherOwner(query: string): "product" | "platform" | undefined {
  if (otherProductsNamedIn(query, HAN_OTHER_PRODUCTS) > 0 || namesKernelOrErrno(query)) return "product";
  const words = query.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.some((word) => OTHER_PRODUCTS.has(word) && !CLIENT_PLATFORMS.has(word))) return "product";
  return words.some((word) => CLIENT_PLATFORMS.has(word)) ? "platform" : undefined;
}

/** What a query word no entry uses says: another product or topic, something technical (foreign both), or little. */
function unknownKind(term: Term): "otherProduct" | "technical" | "word" | "han" {
  if (OUT_OF_SCOPE.has(term.word ?? term.key.slice(3))) return "otherProduct";
  if (!term.word) return "han";
  return term.technical ? "technical" : "word";
}

function unknownWeight(term: Term, unknown: Ranking["unknownWeight"]): number {
  const kind = unknownKind(term);
  // A Chinese one is counted by character: unknownHanChars.
  return kind === "han" ? 0 : unknown[kind];
}

/** Distinct Han characters of the query's Chinese terms that none of its known terms contains. */
function unknownHanChars(terms: Term[], known: (term: Term) => boolean): number {
  const all = new Set<string>();
  const covered = new Set<string>();
  for (const term of terms) {
    if (term.word) continue;
    const chars = [...term.key.slice(3)];
    for (const c of chars) all.add(c);
    if (known(term)) for (const c of chars) covered.add(c);
  }
  let unknown = 0;
  for (const c of all) if (!covered.has(c)) unknown++;
  return unknown;
}

function uniqueTerms(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.key) && seen.add(t.key));
}

function push<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

function addTo<K>(map: Map<K, Set<number>>, key: K, doc: number): void {
  const set = map.get(key);
  if (set) set.add(doc);
  else map.set(key, new Set([doc]));
}

export { editDistance };

/** Between symbols in CatalogIndex.symbolText: a character no symbol has. */
const SYMBOL_SEPARATOR = "\n";

/** The index of the last of the ascending `starts` at or before `offset`. */
function lastAtOrBefore(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
