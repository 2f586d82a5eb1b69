// Meaning agreement: do the words that travel with a number (a message field, a symbol, a comment, the Chinese
// sentence beside it) say what the catalog entry means, say something else, or say nothing?
import type { Entry } from "../../catalog/schema.js";
import { HASH_SEED, hashOf, hashStep, isHanCode, WordFlag, type Lexicon } from "./lexicon.js";
import { CLAUSE_BREAKS, COMMON_HAN_PAIRS, HAN_NEGATORS, isCommonWord, meaningOf, NEGATORS, PREFIX } from "./meaning.js";
import type { Scan } from "./tokenize.js";

/** Characters that end a negation's reach, as in an entry's text (CLAUSE_BREAKS); `'` is not one: `doesn't`. */
const ENDS_CLAUSE = new Uint8Array(128);
for (const c of CLAUSE_BREAKS) ENDS_CLAUSE[c.charCodeAt(0)] = 1;

/** How far either side of a number its words may be, at most; neighbouring codes and blank lines cut it shorter. */
const REACH = 160;
const MAX_TOKENS = 256;

// The window's tokens, read once per number and compared with each entry: reused buffers, no allocation.
const tokenHash = new Int32Array(MAX_TOKENS);
/** TokenBit flags per token. */
const tokenBits = new Uint8Array(MAX_TOKENS);
const tokenInfo = new Int32Array(MAX_TOKENS);
/** Hash of the word's first PREFIX letters, 0 when shorter. */
const tokenPrefix = new Int32Array(MAX_TOKENS);
let tokenCount = 0;

/** What the window last read holds besides its tokens. Read before the next readWindow(). */
export const WINDOW = {
  start: 0,
  end: 0,
  /** Meaning-bearing tokens inside a message field's value. */
  messageTokens: 0,
  /** `|` characters: a table row. */
  pipes: 0,
  /** A question mark, or 吗/么: someone asks about the number. */
  question: false,
};

const NEGATOR_HASHES = new Set([...NEGATORS].map(hashOf));
/** What tokenBits records of each token. */
const enum TokenBit {
  /** Inside a message field's value. */
  InValue = 1,
  Han = 2,
  /** Upper case with `_`: shaped like a symbol. */
  SymbolShape = 4,
  Common = 8,
  /** The meaning word after `not`, `doesn't`…, or a pair after 不/没…. */
  Negated = 16,
  /** An identifier with `_`. */
  Snake = 32,
}

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** A JSON body's next line continues the same object: `"code": -46628,` then `"message": ...`. */
function continues(text: string, newline: number): boolean {
  let p = newline - 1;
  while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 13 || text.charCodeAt(p) === 9)) p--;
  const c = text.charCodeAt(p);
  return c === 44 || c === 123 || c === 91;
}

/** Sets WINDOW's span to the words that travel with number `k` of the scan. */
export function windowOf(scan: Scan, k: number): void {
  const text = scan.text;
  const start = scan.numStart[k]!;
  const end = scan.numEnd[k]!;
  let from = Math.max(0, start - REACH, k > 0 ? scan.numEnd[k - 1]! : 0);
  let to = Math.min(text.length, end + REACH, k + 1 < scan.numStart.length ? scan.numStart[k + 1]! : text.length);
  for (let p = start - 1; p >= from; p--) {
    if (text.charCodeAt(p) === 10 && !continues(text, p)) {
      from = p + 1;
      break;
    }
  }
  for (let p = end; p < to; p++) {
    if (text.charCodeAt(p) === 10 && !continues(text, p)) {
      to = p;
      break;
    }
  }
  WINDOW.start = from;
  WINDOW.end = to;
}

/** Reads WINDOW's words, Han pairs and message-field values into the shared buffers. */
export function readWindow(lexicon: Lexicon, scan: Scan): void {
  const text = scan.text;
  const { start, end } = WINDOW;
  let pipes = 0;
  let question = false;
  const { words } = lexicon;
  tokenCount = 0;
  let messageTokens = 0;
  let inValue = false;
  let valueQuote = 0;
  let negate = false;
  let i = start;
  while (i < end && tokenCount < MAX_TOKENS) {
    const c = text.charCodeAt(i);
    // A table's cell border; `||` is code's "or".
    if (c === 124 && text.charCodeAt(i + 1) !== 124 && text.charCodeAt(i - 1) !== 124) pipes++;
    else if (c === 63 || c === 0x5417 || c === 0x4e48) question = true;
    if (inValue && (c === valueQuote || (valueQuote === 0 && (c === 44 || c === 125 || c === 10)))) {
      inValue = false;
      negate = false;
    }
    if (c < 128 && ENDS_CLAUSE[c]) negate = false;
    if (isWordCode(c) && !(c >= 48 && c <= 57)) {
      const from = i;
      let hash = HASH_SEED;
      let upper = true;
      let underscore = false;
      let prefix = 0;
      while (i < end && isWordCode(text.charCodeAt(i))) {
        const d = text.charCodeAt(i);
        if (d >= 97 && d <= 122) upper = false;
        if (d === 95) underscore = true;
        hash = hashStep(hash, d);
        i++;
        if (i - from === PREFIX) prefix = hash;
      }
      const found = words.get(hash);
      const flags = found >= 0 ? words.infos[found]!.flags : 0;
      if (!inValue && flags & WordFlag.MessageKey) {
        // `"msg": "..."`, `message=...`, `errmsg: '...'`
        let p = i;
        while (p < end && p - i < 4 && (text.charCodeAt(p) === 34 || text.charCodeAt(p) === 39 || text.charCodeAt(p) === 32)) p++;
        if (text.charCodeAt(p) === 58 || text.charCodeAt(p) === 61) {
          p++;
          while (p < end && text.charCodeAt(p) === 32) p++;
          const q = text.charCodeAt(p);
          valueQuote = q === 34 || q === 39 ? q : 0;
          inValue = true;
          negate = false;
          i = valueQuote ? p + 1 : p;
          continue;
        }
      }
      const negator = NEGATOR_HASHES.has(hash);
      const common = negator || (flags & WordFlag.Stop) !== 0 || isCommonWord(hash) || i - from < 3;
      tokenHash[tokenCount] = hash;
      tokenInfo[tokenCount] = found;
      tokenPrefix[tokenCount] = prefix;
      tokenBits[tokenCount] = (inValue ? TokenBit.InValue : 0) | (upper && underscore ? TokenBit.SymbolShape : 0) | (common ? TokenBit.Common : 0) | (negate && !common ? TokenBit.Negated : 0) | (underscore ? TokenBit.Snake : 0);
      if (negator) negate = true;
      else if (!common) negate = false;
      if (inValue && !common) messageTokens++;
      tokenCount++;
      continue;
    }
    if (isHanCode(c) && i + 1 < end && isHanCode(text.charCodeAt(i + 1))) {
      const pair = (c << 16) | text.charCodeAt(i + 1);
      const common = COMMON_HAN_PAIRS.has(pair);
      tokenHash[tokenCount] = pair;
      tokenInfo[tokenCount] = -1;
      tokenPrefix[tokenCount] = 0;
      tokenBits[tokenCount] = (inValue ? TokenBit.InValue : 0) | TokenBit.Han | (common ? TokenBit.Common : 0) | (i > start && HAN_NEGATORS.has(text.charCodeAt(i - 1)) ? TokenBit.Negated : 0);
      negate = false;
      if (inValue && !common) messageTokens++;
      tokenCount++;
    }
    i++;
  }
  WINDOW.messageTokens = messageTokens;
  WINDOW.pipes = pipes;
  WINDOW.question = question;
}

export interface Agreement {
  /** The entry's symbol (whole, any case, or a unique tail), or a sibling's, is in the window. */
  symbol: boolean;
  /** ... the entry's own: it names the entry's catalog. */
  ownSymbol: boolean;
  /** Meaning-bearing words or Chinese pairs of the entry in the window. */
  hits: number;
  /** ... of which inside the message field's value. */
  messageHits: number;
  /** An upper-case symbol in the window that is not this entry's. */
  foreignSymbol: boolean;
  /** Words of the message field's value that say the entry's word the other way round ("does not exist" to "exists"). */
  messageOpposed: number;
}

const AGREEMENT: Agreement = { symbol: false, ownSymbol: false, hits: 0, messageHits: 0, foreignSymbol: false, messageOpposed: 0 };

/** Compares the window last read with one entry's meaning, into a result reused by every call. */
export function agreement(lexicon: Lexicon, entry: Entry): Agreement {
  const meaning = meaningOf(entry, lexicon.siblings.get(entry));
  let symbol = false;
  let ownSymbol = false;
  let hits = 0;
  let messageHits = 0;
  let foreignSymbol = false;
  let messageOpposed = 0;
  for (let t = 0; t < tokenCount; t++) {
    const bits = tokenBits[t]!;
    const hash = tokenHash[t]!;
    // A negated word agrees only with a word the entry negates too, a plain one only with a plain one.
    const sense = bits & TokenBit.Negated ? meaning.negated : meaning;
    const opposite = bits & TokenBit.Negated ? meaning : meaning.negated;
    if (bits & TokenBit.Han) {
      if (bits & TokenBit.Common) continue;
      if (!sense.hanPairs.has(hash)) {
        if (bits & TokenBit.InValue && opposite.hanPairs.has(hash)) messageOpposed++;
        continue;
      }
    } else {
      if (meaning.symbols.has(hash)) {
        symbol = true;
        if (meaning.ownSymbols.has(hash)) ownSymbol = true;
        continue;
      }
      const info = tokenInfo[t]! >= 0 ? lexicon.words.infos[tokenInfo[t]!]! : undefined;
      if (info && info.partOf.includes(entry)) {
        symbol = ownSymbol = true;
        continue;
      }
      if (bits & TokenBit.SymbolShape) {
        foreignSymbol = true;
        continue;
      }
      if (bits & TokenBit.Common) continue;
      // A word's first letters agree (`sign` with signature); an identifier's (`token_false`) only by its whole name.
      const prefix = bits & TokenBit.Snake ? 0 : tokenPrefix[t]!;
      if (!sense.words.has(hash) && (prefix === 0 || !sense.prefixes.has(prefix))) {
        // Only a whole word is said the other way round: first letters alone (`uploaded`, `upload`) are too loose.
        if (bits & TokenBit.InValue && opposite.words.has(hash)) messageOpposed++;
        continue;
      }
    }
    hits++;
    if (bits & TokenBit.InValue) messageHits++;
  }
  AGREEMENT.symbol = symbol;
  AGREEMENT.ownSymbol = ownSymbol;
  AGREEMENT.hits = hits;
  AGREEMENT.messageHits = messageHits;
  AGREEMENT.foreignSymbol = foreignSymbol && !symbol;
  AGREEMENT.messageOpposed = messageOpposed;
  return AGREEMENT;
}
