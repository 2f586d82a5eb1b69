// What each catalog's `detect:` section says about a message: which catalogs its words name, and the catalogs'
// string codes (`PAY-1001`, `AccessDenied`) found in it, judged by the key before them and the words around them.
// Built once per index; each message is read in a few linear passes (literal alternations and a bounded token scan).
import type { CatalogIndex } from "../../catalog/catalog-index.js";
import { codeKey } from "../../catalog/code.js";
import type { Entry } from "../../catalog/schema.js";
import { wordsAlternation } from "../../catalog/word-pattern.js";

/** A string code found in a message, with how sure we are it is meant as that code. */
export interface TokenCodeHit {
  entry: Entry;
  confidence: number;
  reason: string;
  offset: number;
  length: number;
}

export interface CatalogWords {
  /** Catalogs a `detect.words` word names (team catalogs: the built-in ones' words are in the detector's lexicon). */
  named: Set<string>;
  /** Catalogs a `detect.weak` word points at: only for choosing between catalogs sharing a code. */
  weak: Set<string>;
}

interface CatalogDetectIndex {
  words?: RegExp;
  /** Lower-case word -> [catalog, weak?] pairs. */
  owners: Map<string, Array<{ catalog: string; weak: boolean }>>;
  /** codeKey -> entries with that string code. */
  tokenCodes: Map<string, Entry[]>;
  /** Catalog -> its `detect.keys`, normalised (lower-case, letters and digits only). */
  keys: Map<string, Set<string>>;
  patterns: Map<string, RegExp>;
  /** Team catalogs (no vendor): their integer codes next to their words are judged here, not by the fitted detector. */
  team: Set<string>;
}

/** Field names that carry a code in any catalog (normalised: lower-case, letters and digits only). */
const CODE_KEYS = new Set(["code", "errcode", "errorcode", "errno", "errorno", "err", "error", "errortype", "errorname", "errtype", "retcode", "resultcode", "returncode", "reason", "type", "xerrno", "xerrorcode"]);
const FAILURE = /\b(?:errors?|err|fail(?:s|ed|ing|ure)?|exception|denied|rejected|refused|invalid|forbidden|timed out|timeout)\b|失败|错误|报错|异常|拒绝|超时/i;
const TOKEN = /(?<![A-Za-z0-9._-])-?[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![A-Za-z0-9_-])/g;
const INTEGER = /^-?\d{1,15}$/;
/** `"errorCode": "`, `error_code=`, `code: ` right before a token: the key and the syntax after it. */
const KEY_BEFORE = /(?:^|[\s{,;(["'])["']?([A-Za-z_][A-Za-z0-9_.-]{0,63})["']?\s{0,3}[:=]\s{0,3}["']?$/;
const WINDOW = 100;

const cache = new WeakMap<CatalogIndex, CatalogDetectIndex>();

const normalKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

function detectIndex(index: CatalogIndex): CatalogDetectIndex {
  const cached = cache.get(index);
  if (cached) return cached;
  const owners = new Map<string, Array<{ catalog: string; weak: boolean }>>();
  const keys = new Map<string, Set<string>>();
  const patterns = new Map<string, RegExp>();
  const team = new Set(index.catalogs.filter((c) => !c.vendor).map((c) => c.id));
  for (const catalog of index.catalogs) {
    const detect = catalog.detect;
    if (!detect || catalog.vendor) continue;
    for (const [list, weak] of [[detect.words ?? [], false], [detect.weak ?? [], true]] as const) {
      for (const word of list) {
        const key = word.toLowerCase();
        owners.set(key, [...(owners.get(key) ?? []), { catalog: catalog.id, weak }]);
      }
    }
    if (detect.keys) keys.set(catalog.id, new Set(detect.keys.map(normalKey)));
    // Checked for safety when the catalog was loaded.
    if (detect.pattern) patterns.set(catalog.id, new RegExp(`^(?:${detect.pattern})$`, "iu"));
  }
  const alternatives = wordsAlternation(owners.keys());
  const tokenCodes = new Map<string, Entry[]>();
  for (const entry of index.entries) {
    if (typeof entry.code === "number") continue;
    const key = codeKey(entry.code);
    tokenCodes.set(key, [...(tokenCodes.get(key) ?? []), entry]);
  }
  const built: CatalogDetectIndex = { words: alternatives ? new RegExp(alternatives, "giu") : undefined, owners, tokenCodes, keys, patterns, team };
  cache.set(index, built);
  return built;
}

/** Whether any team catalog has string codes or detect words: then every message is worth reading. */
export function hasTeamDetection(index: CatalogIndex): boolean {
  const built = detectIndex(index);
  return built.tokenCodes.size > 0 || built.words !== undefined;
}

/** Team catalogs the message names through their `detect.words` (and `detect.weak`). */
export function catalogWordsIn(index: CatalogIndex, text: string): CatalogWords {
  const named = new Set<string>();
  const weak = new Set<string>();
  const { words, owners } = detectIndex(index);
  if (!words) return { named, weak };
  for (const match of text.matchAll(words)) {
    for (const owner of owners.get(match[0].toLowerCase()) ?? []) (owner.weak ? weak : named).add(owner.catalog);
  }
  return { named, weak };
}

/** Whether a field name carries codes of this catalog: a generic code key or one of its `detect.keys`. */
export function isCodeKey(index: CatalogIndex, catalog: string, key: string): boolean {
  const normal = normalKey(key);
  return CODE_KEYS.has(normal) || /(?:errcode|errorcode|errno)$/.test(normal) || !!detectIndex(index).keys.get(catalog)?.has(normal);
}

function lineAround(text: string, start: number, end: number): [number, number] {
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(text.length, end + WINDOW);
  const before = text.lastIndexOf("\n", start - 1);
  const after = text.indexOf("\n", end);
  return [Math.max(from, before + 1), after < 0 ? to : Math.min(to, after)];
}

/**
 * String codes of the loaded catalogs in a message. A code in a code key (`"errorCode":"PAY-1001"`) or next to
 * failure words is confident only when the message also names the catalog (a `detect.words` word): only then is
 * it auto-explained. Without the word it is found on an explicit request only.
 */
export function tokenCodesIn(index: CatalogIndex, text: string, words: CatalogWords): TokenCodeHit[] {
  const { tokenCodes, patterns, team } = detectIndex(index);
  if (tokenCodes.size === 0 && words.named.size === 0) return [];
  const hits: TokenCodeHit[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const integer = INTEGER.test(match[0]);
    const token = integer ? match[0] : match[0].replace(/^-/, "").replace(/\.+$/, "");
    // Numbers are the number detector's, except a named team catalog's own integer codes, judged here the same way.
    const entries = integer ? index.byExactCode(Number(token)).filter((e) => team.has(e.catalog) && words.named.has(e.catalog)) : tokenCodes.get(codeKey(token));
    if (!entries?.length) continue;
    const start = match.index + match[0].indexOf(token);
    // Inside a URL (`https://pay.internal/PAY-1001`) it is a path, not a code being reported.
    let runStart = start;
    while (runStart > 0 && runStart > start - 200 && !/\s/.test(text[runStart - 1]!)) runStart--;
    if (text.slice(runStart, start).includes("://")) continue;
    const end = start + token.length;
    const [lineStart, lineEnd] = lineAround(text, start, end);
    const key = text.slice(Math.max(lineStart, start - 80), start).match(KEY_BEFORE)?.[1];
    const failure = FAILURE.test(text.slice(lineStart, lineEnd));
    for (const entry of entries) {
      const pattern = patterns.get(entry.catalog);
      if (pattern && !pattern.test(token)) continue;
      const keyed = key !== undefined && isCodeKey(index, entry.catalog, key);
      const named = words.named.has(entry.catalog);
      const [confidence, reason] =
        named && keyed ? [0.93, "code key, catalog named in the message"]
        : named && failure ? [0.86, "failure words, catalog named in the message"]
        : named ? [0.7, "catalog named in the message"]
        : keyed ? [0.65, "code key"]
        : failure ? [0.6, "failure words on the line"]
        : [0.5, "the catalog's code"];
      if (integer && !(named && (keyed || failure))) continue;
      hits.push({ entry, confidence, reason, offset: start, length: token.length });
    }
  }
  return hits;
}
