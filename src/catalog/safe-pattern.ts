// A catalog's `detect.pattern` runs over pasted text: it must not be able to take super-linear time.

export const MAX_PATTERN_LENGTH = 200;

/**
 * Why a pattern is refused, or undefined when it is safe: bounded length, compiles, no backreferences or
 * lookarounds, and no quantified group that itself holds a quantifier (`(a+)+`, `(\w*x)*`), the shape behind
 * catastrophic backtracking.
 */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return "must not use backreferences";
  if (/\(\?<?[=!]/.test(pattern)) return "must not use lookarounds";
  // One frame per open group: whether a quantifier was seen inside it.
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      // A character class: skip to its end; nothing inside is a quantifier.
      for (i++; i < pattern.length && pattern[i] !== "]"; i++) if (pattern[i] === "\\") i++;
      continue;
    }
    if (c === "(") {
      stack.push(quantifiedInside);
      quantifiedInside = false;
      continue;
    }
    const quantifier = c === "*" || c === "+" || c === "?" || (c === "{" && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(i)));
    if (c === ")") {
      const inner: boolean = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = pattern[i + 1];
      // `?` makes a group optional, it does not repeat it.
      const followedByQuantifier = next === "*" || next === "+" || (next === "{" && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(i + 1)));
      if (inner && followedByQuantifier) return "must not nest quantifiers (a repeated group that repeats inside, like (a+)+)";
      quantifiedInside ||= inner || followedByQuantifier;
      continue;
    }
    // `?` right after `(` is group syntax, after a quantifier it makes it lazy: neither repeats anything new.
    if (quantifier && !(c === "?" && (pattern[i - 1] === "(" || "*+?}".includes(pattern[i - 1] ?? "")))) quantifiedInside = true;
  }
  return undefined;
}
