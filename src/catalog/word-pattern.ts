// Literal words as one regular expression: escaped, longest first (so `pay.internal` wins over `pay`), ASCII words
// only as whole words; Chinese ones have no word boundaries.

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The alternation of `words` (`a|b|c`), for `new RegExp(…, "giu")`. An ASCII word matches only where the characters
 * around it are not of `wordCharacters` (a character-class body): by default letters, digits and `_`.
 */
export function wordsAlternation(words: Iterable<string>, wordCharacters = "\\p{L}\\p{N}_"): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => (/^[\x20-\x7e]+$/.test(w) ? `(?<![${wordCharacters}])${escapeRegExp(w)}(?![${wordCharacters}])` : escapeRegExp(w)))
    .join("|");
}
