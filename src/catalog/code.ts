// A catalog code is an integer (`-29036`, `40400001`) or a string token (`PAY-1001`, `AccessDenied`, `E1234`).
// Tokens are matched case-insensitively and kept as written; an integer and its decimal text are the same code.

export type Code = number | string;

/** Letters, digits, `-`, `_`, `.`; starts with a letter or digit; bounded so a hostile catalog cannot bloat it. */
export const CODE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const INTEGER_TEXT = /^[-+]?\d{1,15}$/;

/** The key two spellings of one code share: `pay-1001` and `PAY-1001`, `1001` and 1001. */
export function codeKey(code: Code): string {
  if (typeof code === "number") return String(code);
  return INTEGER_TEXT.test(code) ? String(Number(code)) : code.toUpperCase();
}

export function isIntegerCode(code: Code): code is number {
  return typeof code === "number";
}

/** The digits of an integer code without its sign (what people type when they drop the minus); a token as is. */
export function codeDigits(code: Code): string {
  return typeof code === "number" ? String(Math.abs(code)) : code.toUpperCase();
}

/** Integer codes first by magnitude, then tokens alphabetically: a stable order for ties and tables. */
export function compareCodes(a: Code, b: Code): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a.toUpperCase() < b.toUpperCase() ? -1 : a.toUpperCase() > b.toUpperCase() ? 1 : 0;
}
