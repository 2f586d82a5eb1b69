import { ASCII_IDENTIFIER, otherOwner, type CatalogIndex, type SearchResult } from "../catalog/catalog-index.js";
import { codeDigits, type Code } from "../catalog/code.js";
import type { Entry } from "../catalog/schema.js";
import { normalizeText, parseQuery, type ParsedQuery } from "./query.js";

export type MatchKind = "code" | "symbol" | "alias" | "symbol-part" | "symbol-typo" | "message" | "text";

export interface Match {
  entry: Entry;
  via: MatchKind;
  score: number;
}

export interface LookupResult {
  query: string;
  parsed: ParsedQuery;
  matches: Match[];
  /** Close codes, symbols, or the word search's best entries when it had no answer: "did you mean", filled only when nothing matched. */
  suggestions: Entry[];
  /** The word search this lookup ran, if it ran one: what its answer model saw (tools/fit-search.ts fits on it). */
  search?: SearchResult;
}

function byCatalogOrder(index: CatalogIndex) {
  const order = new Map(index.catalogs.map((c, i) => [c.id, i]));
  const documented = (m: Match) => m.entry.definitions?.length ?? 0;
  // Ties: the entry more documents define first (COS before the image service for a shared PROXY code).
  return (a: Match, b: Match) => b.score - a.score || documented(b) - documented(a) || order.get(a.entry.catalog)! - order.get(b.entry.catalog)!;
}

/** People drop the minus sign: 29036 means -29036 unless some catalog really has +29036. */
function entriesForCode(index: CatalogIndex, code: Code, minusMayBeDropped: boolean, catalog?: string): Entry[] {
  const entries = index.byExactCode(code, catalog);
  return entries.length === 0 && minusMayBeDropped && typeof code === "number" && code > 0 ? index.byExactCode(-code, catalog) : entries;
}

function codeMatches(index: CatalogIndex, code: Code, signed: boolean, catalog?: string): Match[] {
  return entriesForCode(index, code, !signed, catalog).map((entry) => ({ entry, via: "code" as const, score: 100 }));
}

const CONSTANT = /^[A-Z0-9]+(?:_[A-Z0-9]+)+$/;
/** HTTP's own reason phrases as constants (Spring's `504 GATEWAY_TIMEOUT`): the status said twice, nobody else's name. */
const HTTP_REASONS = new Set(
  ("BAD_REQUEST PAYMENT_REQUIRED NOT_FOUND METHOD_NOT_ALLOWED NOT_ACCEPTABLE PROXY_AUTHENTICATION_REQUIRED REQUEST_TIMEOUT " +
    "LENGTH_REQUIRED PRECONDITION_FAILED PAYLOAD_TOO_LARGE REQUEST_ENTITY_TOO_LARGE URI_TOO_LONG UNSUPPORTED_MEDIA_TYPE " +
    "RANGE_NOT_SATISFIABLE REQUESTED_RANGE_NOT_SATISFIABLE EXPECTATION_FAILED UNPROCESSABLE_ENTITY TOO_MANY_REQUESTS " +
    "INTERNAL_SERVER_ERROR NOT_IMPLEMENTED BAD_GATEWAY SERVICE_UNAVAILABLE GATEWAY_TIMEOUT HTTP_VERSION_NOT_SUPPORTED " +
    "INSUFFICIENT_STORAGE").split(" "),
);
/**
 * An identifier written like another system's error: a constant (`FUNCTION_INVOCATION_TIMEOUT`) other than HTTP's
 * reason phrases, or a name saying it is one (`OperationalError`). Not a file, a call or a field (`userAvatar`, `getObject`).
 */
function isErrorName(identifier: string): boolean {
  return !HTTP_REASONS.has(identifier) && (CONSTANT.test(identifier) || /error|exception|fault|failure|failed|timeout|denied|invalid/i.test(identifier));
}

function aliasMatches(index: CatalogIndex, name: string, catalog?: string): Match[] {
  // S3 / COS XML API names (NoSuchBucket, InvalidAccessKeyId) for the same error. Those are written in camel case: as a
  // constant (PRECONDITION_FAILED, RabbitMQ's) the name is another system's, unless an alias is written so itself.
  const entries = index.byExactAlias(name, catalog);
  const written = CONSTANT.test(name) ? entries.filter((entry) => entry.aliases?.includes(name)) : entries;
  return written.map((entry) => ({ entry, via: "alias" as const, score: 90 }));
}

function symbolMatches(index: CatalogIndex, symbol: string, catalog?: string): Match[] {
  const exact = index.byExactSymbol(symbol, catalog);
  if (exact.length > 0) return exact.map((entry) => ({ entry, via: "symbol" as const, score: 90 }));
  const part = symbol.length < 4 ? [] : index.bySymbolPart(symbol, catalog);
  if (part.length > 0) return part.map((entry, rank) => ({ entry, via: "symbol-part" as const, score: 80 - rank * 0.01 }));
  const alias = aliasMatches(index, symbol, catalog);
  if (alias.length > 0) return alias;
  return index.bySymbolTypo(symbol, catalog).map((entry) => ({ entry, via: "symbol-typo" as const, score: 70 }));
}

/** Codes written inside words (`上传时总是返回-97`, `x-error-code: 40100005`): a signed code, or one a catalog really has. */
function codesInText(index: CatalogIndex, text: string, catalog: string | undefined, ours: boolean): Match[] {
  const found: Match[] = [];
  // A number before `%` or `‰` is a share (`cpu 100%`), one between colons a time (`08:00:00`), one with a leading
  // zero part of a date or a padded field: never a code.
  for (const match of text.matchAll(/(?<![A-Za-z0-9.]|\d:)([-+]?)(?!0\d)(\d{1,12})(?![\p{L}\p{N}.%‰]|:\d)/gu)) {
    const [, sign, digits] = match;
    const codeWordBefore = CODE_WORD_BEFORE.test(text.slice(Math.max(0, match.index - 12), match.index));
    // One digit is a code only signed, right after a word saying a code follows, in a question naming one of our
    // catalogs (`cos sdk upload returns code -4`): elsewhere `read() returned -1` is any C call's failure.
    if (digits!.length === 1 && (sign !== "-" || !codeWordBefore || !ours)) continue;
    const code = sign === "-" ? -Number(digits) : Number(digits);
    // `401 Unauthorized {"code":40100008}`: the HTTP status is the vaguer of two codes, so it comes second.
    const score = sign !== "-" && code >= 100 && code <= 599 ? HTTP_STATUS_SCORE : 100;
    // Inside a sentence only after a word saying a code follows (`续传返回 4024`, `got code 29036`): a bare number there
    // is as likely a count.
    const minusMayBeDropped = !sign && digits!.length >= 4 && codeWordBefore;
    found.push(...entriesForCode(index, code, minusMayBeDropped, catalog).map((entry) => ({ entry, via: "code" as const, score })));
  }
  return found;
}

const HTTP_STATUS_SCORE = 99;
/** A client platform's own codes are short (macOS -120, an errno -111); longer ones beside it are the vendor's. */
const PLATFORM_CODE_DIGITS = 4;
/** Right before a number: a word saying an error code follows, also as a quoted key (`{'code': -2}`). */
const CODE_WORD_BEFORE = /(?:返回码?|报错?|错误码?|(?<![A-Za-z_])(?:code|errno|error|ret|returns?|returned|got)["'”’]?)\s*[:：=]?\s*$/i;
/** Words besides an HTTP status beyond which the question tells a story, and the status is only a suggestion. */
const STATUS_CONTEXT_WORDS = 3;

const MARKUP_TAG = /<\/?[A-Za-z][\w:.-]*\s*\/?>/g;

/** Symbols and other APIs' error names written among other words (`404 NoSuchBucket`). */
function namesInText(index: CatalogIndex, text: string, catalog?: string): Match[] {
  return text
    // A name inside markup too: `<Code>NoSuchKey</Code>`.
    .replace(MARKUP_TAG, " ")
    .split(/[\s,;:，；：()（）"'“”]+/)
    .filter((word) => COMPOUND.test(word))
    .flatMap((word) => [...index.byExactSymbol(word, catalog).map((entry) => ({ entry, via: "symbol" as const, score: 90 })), ...aliasMatches(index, word, catalog)]);
}

const COMPOUND = /[a-z][A-Z]|_/;
/** Shorter parts of an identifier-like symbol (`NotFound`, `Timeout`) are words of many. */
const MIN_SYMBOL_PART = 10;
/** A part typed in one case without separators (`invalidheadflag`) needs more: it may as well be one long word. */
const MIN_LOWER_SYMBOL_PART = 12;

interface TextMatches {
  matches: Match[];
  near: Entry[];
  search?: SearchResult;
}

function textMatches(index: CatalogIndex, text: string, catalog?: string): TextMatches {
  const trimmed = text.trim();
  // An UpYun message pasted whole ("file or directory not found") is that entry's symbol.
  const message = index.byExactSymbol(trimmed, catalog);
  if (message.length > 0) return { matches: message.map((entry) => ({ entry, via: "message" as const, score: 90 })), near: [] };
  const alias = aliasMatches(index, trimmed, catalog);
  if (alias.length > 0) return { matches: alias, near: [] };
  const identifier = ASCII_IDENTIFIER.test(trimmed);
  if (identifier) {
    const symbol = index.byLooseIdentifier(trimmed, catalog);
    if (symbol.length > 0) return { matches: symbol.map((entry) => ({ entry, via: "symbol" as const, score: 90 })), near: [] };
    // Part of one symbol alone (`RspInvalidHeadFlag` of ErrCosRspInvalidHeadFlag; within `catalog` when scoped): its
    // entry, and the same code's entries in other catalogs that carry it. Any 10 characters of it written in camel case
    // or with `_`, 12 typed in one case (`invalidheadflag`), not only whole words, as `symbolMatches` takes any 4 of an
    // upper-case symbol.
    const part = trimmed.length >= (COMPOUND.test(trimmed) ? MIN_SYMBOL_PART : MIN_LOWER_SYMBOL_PART) ? index.bySymbolPart(trimmed, catalog) : [];
    const oneSymbol = part.length > 0 && new Set(part.map((entry) => entry.code)).size === 1 && new Set(part.map((entry) => entry.catalog)).size === part.length;
    if (oneSymbol) return { matches: part.map((entry) => ({ entry, via: "symbol-part" as const, score: 80 })), near: [] };
  }
  // A code beside another product's name is that product's (`mysql error 1045`), unless the question also names one
  // of our catalogs (`cos ruby sdk ServerError Code: -97`: the SDK's language, COS's code).
  const scope = catalog ? undefined : index.catalogsNamedIn(trimmed);
  const ours = catalog !== undefined || scope!.size > 0;
  const owner = ours ? undefined : otherOwner(trimmed);
  const codes = owner === "product" ? [] : [...namesInText(index, trimmed, catalog), ...codesInText(index, trimmed, catalog, ours)].filter((m) => owner !== "platform" || m.via !== "code" || codeDigits(m.entry.code).length >= PLATFORM_CODE_DIGITS);
  const search = index.search(trimmed, { catalog });
  const { hits, near } = search;
  // An error name nobody's catalog uses (ImagePullBackOff, NoSuchLifecycleConfiguration) is another API's error:
  // entries sharing one of its words are at most a "did you mean".
  if (identifier && COMPOUND.test(trimmed)) return { matches: [], near: [...hits, ...near].slice(0, 3).map((s) => s.entry), search };
  // An HTTP status told in a story ("every fetch of the signed link comes back 403") is vaguer than the story, and one
  // beside an identifier nobody's catalog uses (`504: GATEWAY_TIMEOUT Code: FUNCTION_INVOCATION_TIMEOUT`) is that other
  // system's: the status's own entry is only a suggestion there, unless the question names one of our catalogs and its
  // words find nothing (`the cos api gave us 599 twice today`). Beside a few words (`403 Forbidden`, `HTTP 413`) it is the answer.
  const story = trimmed.split(/[\s,;:，；：。]+/).filter((word) => word && !/^\d+$/.test(word)).length > STATUS_CONTEXT_WORDS;
  const wordsAnswer = hits.some((h) => !scope?.size || scope.has(h.entry.catalog));
  const statuses = (story || index.foreignIdentifiers(trimmed, isErrorName) > 0) && (wordsAnswer || !ours) ? codes.filter((m) => m.score === HTTP_STATUS_SCORE) : [];
  const named = uniqueMatches(codes.filter((m) => !statuses.includes(m)));
  const words = hits.filter((h) => !named.some((c) => c.entry === h.entry)).map(({ entry, score }) => ({ entry, via: "text" as const, score }));
  const matches = [...named, ...words];
  // "picgo upyun upload gets 401", "又拍云上传一直401": a catalog named in passing scopes the answer to it; what
  // only other catalogs define is offered as "did you mean", not answered.
  if (scope?.size) {
    const inScope = matches.filter((m) => scope.has(m.entry.catalog));
    return { matches: inScope, near: [...matches.filter((m) => !scope.has(m.entry.catalog)).map((m) => m.entry), ...statuses.map((m) => m.entry), ...near.map((s) => s.entry)], search };
  }
  return { matches, near: [...statuses.map((m) => m.entry), ...near.map((s) => s.entry)], search };
}


/** `suggestions: false`: the caller finds its own near matches (autocomplete), so none are computed here. */
export function lookup(index: CatalogIndex, query: string, options: { catalog?: string; suggestions?: boolean } = {}): LookupResult {
  const parsed = parseQuery(query, (word) => index.catalogFor(word), (token) => index.hasTokenCode(token));
  const catalog = options.catalog ?? parsed.catalog;
  let matches: Match[] = [];
  let near: Entry[] = [];
  let closeNames: Entry[] | undefined;
  let search: SearchResult | undefined;
  switch (parsed.kind) {
    case "empty":
      break;
    case "code":
      matches = codeMatches(index, parsed.code, parsed.signed, catalog);
      break;
    case "symbol":
      matches = symbolMatches(index, parsed.symbol, catalog);
      // A misspelt symbol is better answered with "did you mean" than with loose word matches.
      if (matches.length === 0) {
        closeNames = index.closest(parsed.symbol);
        if (closeNames.length === 0) ({ matches, near, search } = textMatches(index, parsed.symbol, catalog));
      }
      break;
    case "text":
      // "image does not exist": the scope word is also part of the question.
      ({ matches, near, search } = textMatches(index, parsed.catalog && !options.catalog ? normalizeText(query) : parsed.text, catalog));
      break;
  }
  matches.sort(byCatalogOrder(index));
  const suggestions =
    matches.length === 0 && parsed.kind !== "empty" && options.suggestions !== false
      ? uniqueEntries([...(closeNames ?? closestTo(index, parsed)), ...near]).slice(0, 5)
      : [];
  return { query, parsed: { ...parsed, catalog }, matches, suggestions, search };
}

/** Codes and names spelt nearly like the query; words are answered by the search's near misses instead. */
function closestTo(index: CatalogIndex, parsed: ParsedQuery): Entry[] {
  if (parsed.kind === "code") return index.closest(String(parsed.code));
  if (parsed.kind === "symbol") return index.closest(parsed.symbol);
  if (parsed.kind === "text" && ASCII_IDENTIFIER.test(parsed.text.trim())) return index.closest(parsed.text);
  return [];
}

function uniqueMatches(matches: Match[]): Match[] {
  const seen = new Set<Entry>();
  return matches.filter((m) => !seen.has(m.entry) && seen.add(m.entry));
}

function uniqueEntries(entries: Entry[]): Entry[] {
  return [...new Set(entries)];
}
