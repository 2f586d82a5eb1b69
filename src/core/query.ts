// Turns what a person typed after /errcode into a query: a code, a symbol or free text, optionally scoped.
import type { Code } from "../catalog/code.js";

export type ParsedQuery =
  | { kind: "empty"; catalog?: string }
  | { kind: "code"; code: Code; signed: boolean; catalog?: string }
  | { kind: "symbol"; symbol: string; catalog?: string }
  | { kind: "text"; text: string; catalog?: string };

/** Minus signs people paste: ASCII, U+2212, full-width, en dash, small hyphen-minus. */
const MINUS_SIGNS = /[\u2212\uFF0D\u2013\uFE63]/g;

/** Prefixes seen in front of a code: `code`, `errno=`, `X-ErrNo:`, `error code:`, `ret -5999`. */
const CODE_PREFIX = /^(?:["']?(?:x-errno|errno|err[_-]?no|errcode|err[_-]?code|error[ _-]?code|error|err|code|ret[_-]?code|retcode|ret|status|返回码|错误码)["']?\s*[:=：]?\s*)+/i;
const SIGNED_INTEGER = /^([-+]?)(\d{1,12})$/;
const SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(MINUS_SIGNS, "-");
}

/**
 * `hasTokenCode` says whether a catalog has a string code (`PAY-1001`, any case): such a token is that code,
 * not a symbol or words.
 */
export function parseQuery(raw: string, catalogFor: (word: string) => string | undefined, hasTokenCode: (token: string) => boolean = () => false): ParsedQuery {
  let text = normalizeText(raw).trim();
  let catalog: string | undefined;
  const [first = "", second = ""] = text.split(/\s+/, 2);
  // `cos v4 166`: an alias written as two words (`cos-v4`) scopes the query as one.
  const pair = second && catalogFor(`${first}-${second}`);
  const scoped = pair || (first && catalogFor(first));
  if (scoped) {
    catalog = scoped;
    text = text.slice(pair ? text.indexOf(second, first.length) + second.length : first.length).trim();
  }
  if (!text) return { kind: "empty", catalog };

  // A string code as typed first: `ERR42` must not lose `ERR` to the prefix rule.
  if (hasTokenCode(text)) return { kind: "code", code: text, signed: false, catalog };
  const withoutPrefix = text.replace(CODE_PREFIX, "").replace(/^["']|["'],?$/g, "").trim();
  const number = withoutPrefix.match(SIGNED_INTEGER);
  if (number) {
    const magnitude = Number(number[2]);
    const code = number[1] === "-" ? -magnitude : magnitude;
    return { kind: "code", code: Object.is(code, -0) ? 0 : code, signed: number[1] !== "", catalog };
  }
  if (hasTokenCode(withoutPrefix)) return { kind: "code", code: withoutPrefix, signed: false, catalog };
  if (SYMBOL.test(text) && (text.includes("_") || text === text.toUpperCase())) return { kind: "symbol", symbol: text, catalog };
  return { kind: "text", text, catalog };
}
