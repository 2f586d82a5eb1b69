// What an entry means, as the detector compares it with the words that travel with a number: the entry's symbols
// and their parts, its English and search keywords, UpYun's message, and the Chinese vendor text as character pairs.
import type { Entry } from "../../catalog/schema.js";
import { withoutSourceNotes } from "../../catalog/source-notes.js";
import { hashOf, isHanCode, STOP_WORDS } from "./lexicon.js";

export interface EntryMeaning {
  /** Lower-case hashes of meaning-bearing words. */
  words: Set<number>;
  /** Pairs of consecutive Han characters of the vendor text, `first << 16 | second`. */
  hanPairs: Set<number>;
  /** Hashes of the first four letters of its longer words: `sign` agrees with `signature`, `upload` with `uploaded`. */
  prefixes: Set<number>;
  /** The same three for words the entry's texts negate (`FILE_NOT_EXIST`, "does not exist", 不存在). */
  negated: { words: Set<number>; hanPairs: Set<number>; prefixes: Set<number> };
  /** Lower-case hashes of the entry's whole symbols, and of its siblings' (same code and meaning in another catalog). */
  symbols: Set<number>;
  /** ... of the entry's own symbols only: what names its catalog among those sharing the code. */
  ownSymbols: Set<number>;
}

/** Words any message uses: they say nothing about which error it is. */
const COMMON = new Set(
  ("the and for not are was were with from this that have has into only when then than your you its can cannot could " +
    "error errors err code codes request response failed fail failure invalid message status http https api service server " +
    "client sdk ret result data null true false json xml info detail details value key type does did must should will would " +
    "been being more some any all other same check retry again please bad wrong good related issue problem help what why how").split(" "),
);
/** Words that mean nothing here, as the window reads them too (evidence.ts): a negation lands on the next other word. */
const NOT_MEANING = new Set([...COMMON, ...STOP_WORDS]);
/** What ends a negation's reach, in an entry's text and in the window alike. */
export const CLAUSE_BREAKS = '.,;:?!(){}"\n';
const CLAUSE_BREAK = new RegExp(`[${CLAUSE_BREAKS.replace(/[\]\\]/g, "\\$&")}]+`);
export const PREFIX = 4;
/** Prefixes shared by too many unrelated words. */
const COMMON_PREFIXES = new Set([...COMMON].filter((w) => w.length >= PREFIX).map((w) => w.slice(0, PREFIX)).concat(["inte", "cont", "conf", "reco", "comp", "proc", "requ", "resp", "erro"]));
/** Chinese pairs common to most error texts: 错误, 失败, 请求... */
export const COMMON_HAN_PAIRS = new Set(
  "错误 失败 请求 返回 出错 报错 系统 服务 接口 调用 成功 提示 问题 这个 一个 我们 什么 不是 可以 信息 处理".split(" ").map(pairOf),
);

/**
 * Words that turn the next meaning word around: "does not exist" is not "file exists". `doesn't` reads as `doesn`
 * and `t`. Chinese negates with a character right before the pair (不存在, 没权限, 未找到, 无效).
 */
export const NEGATORS = new Set(["not", "no", "never", "cannot", "non", "without", "doesn", "don", "isn", "aren", "wasn", "weren", "didn", "hasn", "haven", "couldn", "won"]);
export const HAN_NEGATORS = new Set([..."不没未无非"].map((c) => c.charCodeAt(0)));

function pairOf(text: string): number {
  return (text.charCodeAt(0) << 16) | text.charCodeAt(1);
}

const cache = new WeakMap<Entry, EntryMeaning>();

/** `siblings`: entries of other catalogs with the same code and meaning, whose symbols count as this entry's. */
export function meaningOf(entry: Entry, siblings: readonly Entry[] = []): EntryMeaning {
  let meaning = cache.get(entry);
  if (meaning) return meaning;
  const words = new Set<number>();
  const symbols = new Set<number>();
  const ownSymbols = new Set<number>();
  const hanPairs = new Set<number>();
  const prefixes = new Set<number>();
  const negated = { words: new Set<number>(), hanPairs: new Set<number>(), prefixes: new Set<number>() };
  const plain = { words, prefixes };
  const addWords = (text: string) => {
    // Punctuation ends what a negation reaches, as in the window: "not found, retry" negates only `found`.
    for (const clause of text.toLowerCase().split(CLAUSE_BREAK)) {
      let negate = false;
      for (const word of clause.split(/[^a-z0-9]+/)) {
        if (NEGATORS.has(word)) {
          negate = true;
          continue;
        }
        if (word.length < 3 || COMMON.has(word)) continue;
        // A stop word (`cos`, `upyun`) is no meaning word in the window either: a negation reaches past it.
        const passedOver = NOT_MEANING.has(word);
        const into = negate && !passedOver ? negated : plain;
        if (!passedOver) negate = false;
        into.words.add(hashOf(word));
        if (word.length >= PREFIX && !COMMON_PREFIXES.has(word.slice(0, PREFIX))) into.prefixes.add(hashOf(word.slice(0, PREFIX)));
      }
    }
  };
  const addHan = (text: string) => {
    for (let i = 0; i + 1 < text.length; i++) {
      if (!isHanCode(text.charCodeAt(i)) || !isHanCode(text.charCodeAt(i + 1))) continue;
      const pair = (text.charCodeAt(i) << 16) | text.charCodeAt(i + 1);
      (i > 0 && HAN_NEGATORS.has(text.charCodeAt(i - 1)) ? negated.hanPairs : hanPairs).add(pair);
    }
  };
  for (const symbol of entry.symbols) if (/^[A-Za-z0-9_]+$/.test(symbol)) ownSymbols.add(hashOf(symbol));
  for (const symbol of [...entry.symbols, ...siblings.flatMap((s) => s.symbols)]) {
    if (/^[A-Za-z0-9_]+$/.test(symbol)) symbols.add(hashOf(symbol));
    addWords(symbol.replace(/_/g, " "));
  }
  addWords(withoutSourceNotes(entry.en, new Set((entry.definitions ?? []).map((d) => d.doc))));
  for (const keyword of entry.keywords ?? []) {
    addWords(keyword);
    addHan(keyword);
  }
  for (const alias of entry.aliases ?? []) addWords(alias);
  addHan(entry.zh ?? "");
  addWords(entry.zh ?? "");
  for (const d of entry.definitions ?? []) addHan(d.text);
  for (const pair of COMMON_HAN_PAIRS) {
    hanPairs.delete(pair);
    negated.hanPairs.delete(pair);
  }
  meaning = { words, hanPairs, symbols, ownSymbols, prefixes, negated };
  cache.set(entry, meaning);
  return meaning;
}

export function isCommonWord(hash: number): boolean {
  return COMMON_HASHES.has(hash);
}
const COMMON_HASHES = new Set([...COMMON].map(hashOf));
