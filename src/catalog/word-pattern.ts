// Literal words as one regular expression: escaped, longest first (so `pay.internal` wins over `pay`), ASCII words
// only as whole words; Chinese ones have no word boundaries.

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The alternation of `words` (`a|b|c`), for `new RegExp(…, "giu")`. */
export function wordsAlternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => (/^[\x20-\x7e]+$/.test(w) ? `(?<![\\p{L}\\p{N}_])${escapeRegExp(w)}(?![\\p{L}\\p{N}_])` : escapeRegExp(w)))
    .join("|");
}
