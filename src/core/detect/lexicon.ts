// Every literal word list the detector knows, in one hash table per catalog index, so the scan matches all of them
// at once: a word's lower-case hash is computed while its characters are read, then looked up once. Chinese
// phrases go in a second table keyed by their first two characters.
import { COMMON_ALIASES, type CatalogIndex } from "../../catalog/catalog-index.js";
import { OS_ERRNO_NAMES } from "../../catalog/out-of-scope.js";
import type { Entry } from "../../catalog/schema.js";
import { escapeRegExp } from "../../catalog/word-pattern.js";
import { groupSameMeaning } from "../explain.js";
import { CODE_KEYS, HAN_CODE_KEYS } from "./code-keys.js";

/** FNV-1a step over a lower-cased ASCII character code. */
export const hashStep = (hash: number, c: number): number => Math.imul(hash ^ (c >= 65 && c <= 90 ? c | 0x20 : c), 16777619);
export const HASH_SEED = 0x811c9dc5 | 0;

export function hashOf(word: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

export const enum WordFlag {
  Failure = 1,
  ErrnoName = 2,
  /** Names a catalog by itself (an alias, a host word, an SDK name). */
  Vendor = 4,
  /** Helps choose between catalogs sharing a code (`image`, `thumbnail`). */
  WeakVendor = 8,
  /** Names the vendor behind several catalogs (`tencent`, `qcloud`). */
  Family = 16,
  /** The key of a field that holds a message (`msg`, `errmsg`, `desc`). */
  MessageKey = 32,
  /** Another API's shape: Tencent Cloud API 3.0's `codeDesc`. */
  OtherApi = 64,
  /** Too common to carry meaning (`the`, `error`, `request`). */
  Stop = 128,
  /** Another vendor's object storage or cloud (`aliyun`, `qiniu`, `阿里云`): its own codes are not ours. */
  OtherVendor = 256,
  /** Makes the number after it a code (`code`, `errno`, `ret`, `case`): a place worth reading past the budget. */
  CodeKey = 512,
}

export interface WordInfo {
  flags: number;
  /** Catalog ids this word names (Vendor, WeakVendor or Family). */
  catalogs: string[];
  /** Entries this word is a whole symbol of, any case (`err_down_notfinished_file`). */
  symbolOf: Entry[];
  /** Entries this word is the unique tail of a symbol of (`notfinished_file`). */
  partOf: Entry[];
  /** The catalogs a whole symbol names: its entries' and their vendor family's. */
  vendorCatalogs: string[];
  /** How many `_`-separated words the tail has. */
  partWords: number;
  /** Vendor messages of several words starting with this word (UpYun's `user not exists`). */
  phrases: Phrase[];
}

export interface Phrase {
  /** Lower-case. */
  text: string;
  words: number;
  entries: Entry[];
}

/** Open addressing over Int32Arrays: hash -> info index. No allocation per lookup. */
class WordTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  readonly infos: WordInfo[] = [];

  constructor(capacity: number) {
    let size = 1024;
    while (size < capacity * 2) size <<= 1;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get(hash: number): number {
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    for (;;) {
      const value = this.values[slot]!;
      if (value < 0) return -1;
      if (this.keys[slot] === hash) return value;
      slot = (slot + 1) & this.mask;
    }
  }

  info(word: string): WordInfo {
    const hash = hashOf(word);
    const found = this.get(hash);
    if (found >= 0) return this.infos[found]!;
    let slot = (hash ^ (hash >>> 15)) & this.mask;
    while (this.values[slot]! >= 0) slot = (slot + 1) & this.mask;
    const info: WordInfo = { flags: 0, catalogs: [], symbolOf: [], partOf: [], vendorCatalogs: [], partWords: 0, phrases: [] };
    this.keys[slot] = hash;
    this.values[slot] = this.infos.length;
    this.infos.push(info);
    return info;
  }
}

export interface HanPhrase {
  text: string;
  flags: number;
  catalogs: string[];
}

export interface Lexicon {
  words: WordTable;
  /** (first << 16 | second) Han character -> phrases starting with them. */
  hanPhrases: Map<number, HanPhrase[]>;
  /** First characters of Han phrases: a cheap test before the map. */
  hanFirst: Uint8Array;
  /** First three lower-cased characters of every word the scan looks up (prefixKey): a word starting otherwise is not hashed. */
  scanPrefixes: Uint32Array;
  /** For |code| < SMALL_CODES: 1 when the positive code exists, 2 when the negative one does. */
  smallCodes: Uint8Array;
  /** code -> entries. */
  codes: Map<number, Entry[]>;
  /** Entries of other catalogs with the same code and meaning (COS and the image service share the PROXY layer). */
  siblings: Map<Entry, Entry[]>;
  /** The names of catalogs that have vendor messages: only with one of them can a message alone be auto-explained. */
  phraseVendors?: RegExp;
  catalogIds: string[];
}

const FAILURE_WORDS = ["error", "errors", "err", "fail", "fails", "failed", "failing", "failure", "exception", "denied", "rejected", "refused", "invalid", "forbidden", "timeout", "timed"];
/** Other clouds' object storage, as their SDKs, hosts and people name them. */
const OTHER_STORAGE_VENDORS = ["aliyun", "aliyuncs", "aliyunoss", "alibabacloud", "qiniu", "qiniucdn", "qiniuyun", "qbox", "kodo", "azure", "minio", "huaweicloud", "myhuaweicloud", "amazonaws", "ksyun", "ksyuncs", "bcebos", "jdcloud", "backblaze", "wasabisys"];
const OTHER_STORAGE_VENDORS_HAN = ["阿里云", "七牛", "华为云", "百度云", "金山云", "京东云", "亚马逊云"];
/** Code keys as the scan meets them, one word each (`errorCode`, `error_code`, `$ret`), and `case`. */
const CODE_KEY_WORDS = [...CODE_KEYS, "err_code", "error_code", "err_no", "error_no", "ret_code", "return_code", "result_code", "case"];
const HAN_FAILURE = ["失败", "错误", "报错", "异常", "拒绝", "超时"];
// The OS's names, and `syscall`, which Node prints beside them.
const ERRNO_NAMES = [...OS_ERRNO_NAMES, "syscall"];
const MESSAGE_KEYS = ["msg", "message", "err", "errmsg", "error_msg", "errormsg", "error_message", "errormessage", "desc", "description", "errdesc", "error_description", "reason", "detail", "details", "info", "errinfo", "error", "err_msg", "errstr", "msgs", "tips", "hint"];
/** Words that carry no meaning of their own in an error message. */
export const STOP_WORDS = (
  "a an the of to in on at for and or not no is are was were be been it its this that with from by as please error errors err code codes " +
  "request response failed fail failure invalid message msg status http https api cos upyun tencent cloud qcloud service server client " +
  "sdk id ret result data null true false json xml desc info detail details value key type"
).split(" ");

/**
 * A catalog's words from its `detect:` section (built-in and team catalogs alike: the vendors' host, SDK and product
 * names are in their catalog files), split into the word table's ASCII words and Chinese phrases; words with other
 * characters (`payments-api`, `pay.internal`) are matched by catalog-detect.ts.
 */
function detectWordsOf(catalog: { detect?: { words?: string[]; weak?: string[] } }): { vendor: string[]; weak: string[]; han: string[]; weakHan: string[] } {
  const ascii = (w: string) => /^[A-Za-z0-9_]+$/.test(w);
  const han = (w: string) => /^\p{Script=Han}{2,}$/u.test(w);
  const words = catalog.detect?.words ?? [];
  const weak = catalog.detect?.weak ?? [];
  return { vendor: words.filter(ascii), weak: weak.filter(ascii), han: words.filter(han), weakHan: weak.filter(han) };
}
/** Words naming the vendor behind several catalogs: context for each of them, no choice between them. */
const FAMILY: Array<{ catalogs: string[]; words: string[]; han: string[] }> = [
  { catalogs: ["tencent-cos-v4", "tencent-ci-image"], words: ["tencent", "qcloud", "myqcloud", "tencentcloud", "tencentyun"], han: ["腾讯云"] },
];

const cache = new WeakMap<CatalogIndex, Lexicon>();

export function lexiconFor(index: CatalogIndex): Lexicon {
  const cached = cache.get(index);
  if (cached) return cached;
  const words = new WordTable(index.entries.length * 8 + 2048);
  const hanPhrases = new Map<number, HanPhrase[]>();
  const hanFirst = new Uint8Array(65536);
  const addHan = (text: string, flags: number, catalogs: string[] = []) => {
    const key = (text.charCodeAt(0) << 16) | text.charCodeAt(1);
    const list = hanPhrases.get(key) ?? [];
    const same = list.find((p) => p.text === text);
    if (same) {
      same.flags |= flags;
      same.catalogs.push(...catalogs);
    } else list.push({ text, flags, catalogs: [...catalogs] });
    hanPhrases.set(key, list);
    hanFirst[text.charCodeAt(0)] = 1;
  };
  const flag = (word: string, flags: number, catalog?: string) => {
    const info = words.info(word);
    info.flags |= flags;
    if (catalog && !info.catalogs.includes(catalog)) info.catalogs.push(catalog);
  };
  for (const w of FAILURE_WORDS) flag(w, WordFlag.Failure);
  for (const w of HAN_FAILURE) addHan(w, WordFlag.Failure);
  for (const w of ERRNO_NAMES) flag(w, WordFlag.ErrnoName);
  for (const w of MESSAGE_KEYS) flag(w, WordFlag.MessageKey);
  for (const w of STOP_WORDS) flag(w, WordFlag.Stop);
  flag("codedesc", WordFlag.OtherApi);
  for (const w of OTHER_STORAGE_VENDORS) flag(w, WordFlag.OtherVendor);
  for (const w of CODE_KEY_WORDS) flag(w, WordFlag.CodeKey);
  for (const w of HAN_CODE_KEYS) addHan(w, WordFlag.CodeKey);
  for (const w of OTHER_STORAGE_VENDORS_HAN) addHan(w, WordFlag.OtherVendor);
  for (const catalog of index.catalogs) {
    for (const alias of [catalog.id, ...catalog.aliases]) {
      if (COMMON_ALIASES.has(alias.toLowerCase())) continue;
      if (/^[A-Za-z0-9_]+$/.test(alias)) flag(alias, WordFlag.Vendor, catalog.id);
      else if (/^[\x20-\x7e]+$/.test(alias)) {
        // `cos-v4` is read as the words `cos` and `v4`, each judged alone; written `cosv4` or `cos_v4` it is one word.
        for (const joined of [alias.replace(/[^A-Za-z0-9]/g, ""), alias.replace(/[^A-Za-z0-9]/g, "_")]) flag(joined, WordFlag.Vendor, catalog.id);
      } else if (alias.length >= 2) addHan(alias, WordFlag.Vendor, [catalog.id]);
    }
    const named = detectWordsOf(catalog);
    for (const w of named.vendor) flag(w, WordFlag.Vendor, catalog.id);
    for (const w of named.weak) flag(w, WordFlag.WeakVendor, catalog.id);
    for (const w of named.han) addHan(w, WordFlag.Vendor, [catalog.id]);
    for (const w of named.weakHan) addHan(w, WordFlag.WeakVendor, [catalog.id]);
  }
  for (const family of FAMILY) {
    const present = family.catalogs.filter((c) => index.catalogs.some((k) => k.id === c));
    for (const w of family.words) for (const c of present) flag(w, WordFlag.Family, c);
    for (const w of family.han) addHan(w, WordFlag.Family, present);
  }
  const codes = new Map<number, Entry[]>();
  for (const entry of index.entries) {
    // String codes (`PAY-1001`) are read by catalog-detect.ts; the number scan holds integers only.
    if (typeof entry.code !== "number") continue;
    const list = codes.get(entry.code);
    if (list) list.push(entry);
    else codes.set(entry.code, [entry]);
  }
  const siblings = new Map<Entry, Entry[]>();
  for (const list of codes.values()) {
    if (list.length < 2) continue;
    for (const group of groupSameMeaning(list)) for (const entry of group) if (group.length > 1) siblings.set(entry, group.filter((e) => e !== entry));
    // A catalog without symbols of its own shares the symbols of its vendor's other catalog for the same code:
    // the image service runs on COS's PROXY and CMD layers, whose symbols only the COS tables print.
    for (const bare of list.filter((e) => e.symbols.length === 0)) {
      const vendor = index.catalogs.find((c) => c.id === bare.catalog)?.vendor;
      for (const other of list) {
        if (other === bare || other.symbols.length === 0 || index.catalogs.find((c) => c.id === other.catalog)?.vendor !== vendor) continue;
        for (const [a, b] of [[bare, other], [other, bare]] as const) {
          const known = siblings.get(a) ?? [];
          if (!known.includes(b)) siblings.set(a, [...known, b]);
        }
      }
    }
  }
  const tails = new Map<string, Set<Entry>>();
  for (const entry of index.entries) {
    for (const symbol of new Set(entry.symbols)) {
      if (/^[a-z0-9]+(?:[ -][a-z0-9-]+){1,8}$/i.test(symbol)) {
        // A vendor message (`user not exists`): found by its first word, then compared whole.
        const first = words.info(symbol.split(/[ -]/)[0]!);
        const text = symbol.toLowerCase();
        const known = first.phrases.find((p) => p.text === text);
        if (known) known.entries.push(entry);
        else first.phrases.push({ text, words: text.split(/[ -]/).length, entries: [entry] });
        continue;
      }
      if (!/^[A-Za-z0-9_]+$/.test(symbol) || symbol.length < 4) continue;
      const info = words.info(symbol);
      // A symbol names the entries that print it, not their siblings: the labelling rules read a symbol only one
      // catalog has as that catalog (a COS PROXY symbol alone is COS, not also the image service).
      if (!info.symbolOf.includes(entry)) info.symbolOf.push(entry);
      const parts = symbol.split("_");
      for (let i = 1; i + 2 <= parts.length; i++) {
        const tail = parts.slice(i).join("_");
        if (tail.length < 8) continue;
        const set = tails.get(tail.toLowerCase()) ?? new Set();
        set.add(entry);
        tails.set(tail.toLowerCase(), set);
      }
    }
  }
  for (const [tail, entries] of tails) {
    // A tail names an entry only when it is nobody's whole symbol and one code's alone.
    const info = words.info(tail);
    if (info.symbolOf.length > 0 || new Set([...entries].map((e) => e.code)).size > 1) continue;
    info.partOf.push(...entries);
    info.partWords = tail.split("_").length;
  }
  for (const info of words.infos) {
    const named = new Set(info.symbolOf.map((e) => e.catalog));
    for (const family of FAMILY) if (family.catalogs.some((c) => named.has(c))) for (const c of family.catalogs) named.add(c);
    info.vendorCatalogs = [...named].filter((c) => index.catalogs.some((k) => k.id === c));
  }
  const phraseCatalogs = new Set(words.infos.flatMap((info) => info.phrases.flatMap((p) => p.entries.map((e) => e.catalog))));
  const names = index.catalogs
    .filter((c) => phraseCatalogs.has(c.id))
    .flatMap((c) => {
      const named = detectWordsOf(c);
      return [c.id, ...c.aliases, ...named.vendor, ...named.han];
    })
    .filter((w) => w.length >= 3)
    .map(escapeRegExp);
  const phraseVendors = names.length ? new RegExp(names.join("|"), "i") : undefined;
  const scanPrefixes = new Uint32Array((128 * 128 * 128) >>> 5);
  const scanned = WordFlag.Failure | WordFlag.ErrnoName | WordFlag.Vendor | WordFlag.WeakVendor | WordFlag.Family | WordFlag.OtherApi | WordFlag.OtherVendor | WordFlag.CodeKey;
  const scannedWords = [...URL_SCHEMES, ...FAILURE_WORDS, ...ERRNO_NAMES, "codedesc", ...OTHER_STORAGE_VENDORS, ...CODE_KEY_WORDS, ...wordsNamingCatalogs(index)];
  for (const entry of index.entries) for (const symbol of entry.symbols) scannedWords.push(symbol, ...symbolTails(symbol));
  for (const word of scannedWords) {
    const info = words.infos[words.get(hashOf(word))];
    if (word.length >= 2 && (!info || info.flags & scanned || info.symbolOf.length || info.partOf.length || info.phrases.length || URL_SCHEMES.includes(word))) {
      const key = prefixKey(word.charCodeAt(0), word.charCodeAt(1), word.length > 2 ? word.charCodeAt(2) : 0);
      scanPrefixes[key >>> 5]! |= 1 << (key & 31);
    }
  }
  const smallCodes = new Uint8Array(SMALL_CODES);
  for (const code of codes.keys()) if (Math.abs(code) < SMALL_CODES) smallCodes[Math.abs(code)]! |= code >= 0 ? 1 : 2;
  const lexicon: Lexicon = { words, hanPhrases, hanFirst, scanPrefixes, smallCodes, codes, siblings, phraseVendors, catalogIds: index.catalogs.map((c) => c.id) };
  cache.set(index, lexicon);
  return lexicon;
}

export const SMALL_CODES = 1 << 17;
export const URL_SCHEMES = ["http", "https", "ftp", "s3", "cos"];

/**
 * Index into `scanPrefixes` (a bit set) of a word's first three characters, lower-cased (any code unit above 127 folds
 * to 127); a third character that is no letter or digit (`_`, the word's end) counts as 0, so `cos_client` and `cos`
 * share a key. Two characters let through three words of a log in four; three, about one in five.
 */
export function prefixKey(a: number, b: number, c: number): number {
  const fold = (x: number) => (x >= 65 && x <= 90 ? x | 0x20 : x > 127 ? 127 : x);
  const third = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127 ? fold(c) : 0;
  return (fold(a) << 14) | (fold(b) << 7) | third;
}

/** Whether `scanPrefixes` holds a key. */
export const hasPrefix = (set: Uint32Array, key: number): boolean => (set[key >>> 5]! & (1 << (key & 31))) !== 0;

function symbolTails(symbol: string): string[] {
  const parts = symbol.split("_");
  return parts.slice(1).map((_, i) => parts.slice(i + 1).join("_"));
}

function wordsNamingCatalogs(index: CatalogIndex): string[] {
  const out: string[] = [];
  for (const catalog of index.catalogs) {
    for (const alias of [catalog.id, ...catalog.aliases]) out.push(alias, alias.replace(/[^A-Za-z0-9]/g, ""), alias.replace(/[^A-Za-z0-9]/g, "_"));
    const named = detectWordsOf(catalog);
    out.push(...named.vendor, ...named.weak);
  }
  for (const family of FAMILY) out.push(...family.words);
  return out;
}

export function isHanCode(x: number): boolean {
  return (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff);
}
