// Literal words as one regular expression: escaped, longest first (so `pay.internal` wins over `pay`), ASCII words
// only as whole words; Chinese ones have no word boundaries.

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The alternation of `words` (`a|b|c`), for `new RegExp(…, "giu")`. `joiners`: characters besides letters, digits and
 * `_` that make a longer word (with "-", `pay` is not a word of `PAY-1003`).
 */
export function wordsAlternation(words: Iterable<string>, joiners = ""): string {
  const inWord = `\\p{L}\\p{N}_${escapeRegExp(joiners).replace(/-/g, "\\-")}`;
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => (/^[\x20-\x7e]+$/.test(w) ? `(?<![${inWord}])${escapeRegExp(w)}(?![${inWord}])` : escapeRegExp(w)))
    .join("|");
}
