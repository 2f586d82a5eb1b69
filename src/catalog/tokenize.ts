// Tokens for ranked text search over symbols, English and Chinese.
// Latin text is split into words (symbols on `_` and case changes) and lightly stemmed;
// Chinese has no spaces, so each run of Han characters becomes its overlapping bigrams
// (a one-character run stays a unigram), which matches any substring of two or more characters.

const STOP_WORDS = new Set(["a", "an", "the", "of", "to", "is", "in", "on", "for", "and", "or", "be", "was", "it", "its", "by", "at", "as", "with", "this", "that", "err", "error", "code"]);
const HAN = /\p{Script=Han}/u;
const TOKEN_RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

export function stem(word: string): string {
  for (const suffix of ["ing", "ed", "es", "s", "e"]) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function splitSymbolWords(text: string): string {
  // ERR_DOWN_NotFinished -> "ERR DOWN Not Finished"
  return text.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2");
}

export function tokenize(input: string): string[] {
  const tokens: string[] = [];
  const text = splitSymbolWords(input.normalize("NFKC"));
  for (const run of text.matchAll(TOKEN_RUN)) {
    const chunk = run[0];
    if (HAN.test(chunk)) {
      const chars = [...chunk];
      if (chars.length === 1) tokens.push(chunk);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
      continue;
    }
    const word = chunk.toLowerCase();
    if (STOP_WORDS.has(word)) continue;
    tokens.push(stem(word));
  }
  return tokens;
}
