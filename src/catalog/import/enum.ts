// Members of an enum (C, C++, Java, TypeScript) or a Go const block -> entries. The comment on or above a
// member is its description; a Java constructor's first number or token is its code and its first string its text.
import { clean, placeText, readCode } from "./table.js";
import type { ImportResult, ImportedEntry } from "./types.js";

/** The bodies of `enum X { ... }` and Go's `const ( ... )`, with the line each starts on. */
function blocksOf(source: string): Array<{ body: string; line: number }> {
  const blocks: Array<{ body: string; line: number }> = [];
  const opener = /\benum\b[^{;]{0,200}\{|\bconst\s*\(/g;
  for (const match of source.matchAll(opener)) {
    const start = match.index + match[0].length;
    const close = match[0].endsWith("{") ? "}" : ")";
    // Java enums may carry methods after the constants' `;`: the constants end there.
    let depth = 0;
    let end = start;
    for (; end < source.length; end++) {
      const c = source[end]!;
      if (c === "{" || c === "(") depth++;
      else if ((c === "}" || c === ")") && depth > 0) depth--;
      else if ((c === close || (c === ";" && close === "}")) && depth === 0) break;
    }
    blocks.push({ body: source.slice(start, end), line: source.slice(0, start).split("\n").length });
  }
  return blocks;
}

const MEMBER =
  /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+[A-Za-z_][\w.]*)?\s*(?:=\s*([^,;/]+?)|\(([^)]*)\))?\s*[,;]?\s*(?:\/\/\s*(.*)|\/\*+\s*(.*?)\s*\*\/|#\s*(.*))?$/;
const STRING_LITERAL = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`/;

function javaArguments(args: string): { code?: string; text?: string } {
  const parts = args.split(",").map((p) => p.trim());
  const code = parts.find((p) => readCode(p.replace(/^["'`]|["'`]$/g, "")) !== undefined && !/\s/.test(p));
  const text = parts.find((p) => STRING_LITERAL.test(p) && p !== code);
  return { code: code?.replace(/^["'`]|["'`]$/g, ""), text: text?.match(STRING_LITERAL)?.slice(1).find((g) => g !== undefined) };
}

export function importEnum(source: string): ImportResult {
  const blocks = blocksOf(source);
  if (blocks.length === 0) throw new Error("enum: no `enum X { ... }` or Go `const ( ... )` block found");
  const entries: ImportedEntry[] = [];
  const warnings: string[] = [];
  for (const block of blocks) {
    let next = 0;
    let ordinal = 0;
    let pending: string[] = [];
    block.body.split("\n").forEach((rawLine, i) => {
      const line = rawLine.trim();
      const at = block.line + i;
      if (!line || line === ";") return;
      const comment = line.match(/^(?:\/\/+|\/\*+|\*+\/?|#)\s*(.*?)\s*(?:\*\/)?$/);
      if (comment) {
        if (comment[1] && !comment[1].startsWith("@")) pending.push(comment[1]);
        return;
      }
      const member = line.match(MEMBER);
      if (!member) {
        warnings.push(`line ${at}: "${line.slice(0, 60)}" is not an enum member; skipped`);
        pending = [];
        return;
      }
      const [, name, assigned, args, ...trailing] = member;
      let codeText: string | undefined;
      let text = trailing.find((t) => t) ?? (pending.length ? pending.join(" ") : undefined);
      pending = [];
      if (args !== undefined) {
        const java = javaArguments(args);
        codeText = java.code;
        text = java.text ?? text;
      } else if (assigned !== undefined) {
        const value = assigned.trim();
        const iota = value.match(/^iota(?:\s*\+\s*(-?\d+))?$/);
        if (iota) {
          codeText = String(ordinal + Number(iota[1] ?? 0));
        } else {
          codeText = value.match(STRING_LITERAL)?.slice(1).find((g) => g !== undefined) ?? value;
        }
      } else {
        // No value: one more than the member before (C, TypeScript), or Go repeating its iota expression.
        codeText = String(next);
      }
      ordinal++;
      const code = codeText === undefined ? undefined : readCode(codeText);
      if (code === undefined) {
        warnings.push(`line ${at}: ${name} = ${codeText ?? "?"} is not a code; skipped`);
        return;
      }
      if (typeof code === "number") next = code + 1;
      const entry: ImportedEntry = { code, name: name! };
      // `/**< text */` (Doxygen) and Go's `// ErrX: text` / `// ErrX is text` conventions.
      const described = text?.replace(/^<\s*/, "").replace(new RegExp(`^${name}(?::\\s*|\\s+)`), "");
      placeText(entry, clean(described && `${described[0]!.toUpperCase()}${described.slice(1)}`));
      entries.push(entry);
    });
  }
  return { entries, warnings };
}
