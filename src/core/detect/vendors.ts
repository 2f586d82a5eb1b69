// Which catalogs a message names: by alias, host name, header or SDK name, or by the vendor behind them.
import type { CatalogIndex } from "../../catalog/catalog-index.js";

/** How a message can name a catalog: `specific` names only it; `weak` words only help choose between catalogs. */
interface CatalogHints {
  catalog: string;
  specific?: RegExp;
  weak?: RegExp;
}

/** Host names, headers and SDK names of the built-in catalogs, beyond their aliases. */
const BUILTIN_HINTS: Record<string, { specific: string[]; weak?: string[] }> = {
  "tencent-cos-v4": {
    specific: [String.raw`x-cos-`, String.raw`\.cos\.[a-z0-9-]+\.myqcloud\.com`, String.raw`qcloud[_-]?cos`, String.raw`\bcos(?:fs|cmd|api|sdk|client)\b`, "对象存储"],
  },
  "tencent-ci-image": {
    specific: [String.raw`[.-](?:image|pic[a-z0-9]*)\.myqcloud\.com`, String.raw`\bimage[ -](?:service|plugin|processing)\b`, "数据万象", "图片服务", String.raw`\btencent-ci\b`],
    weak: [String.raw`\bimages?\b`, String.raw`\bthumbnails?\b`, String.raw`\bpictures?\b`, "图片", String.raw`\bimage(?:Mogr2?|View2?)\b`],
  },
  upyun: { specific: [String.raw`x-upyun-`, "upyun"] },
};
/** Words that name the vendor behind several catalogs: context for each of them, but no choice between them. */
const FAMILY_HINTS: Array<{ catalogs: string[]; pattern: RegExp }> = [
  { catalogs: ["tencent-cos-v4", "tencent-ci-image"], pattern: /tencent|qcloud|myqcloud|腾讯云/i },
];
/** Catalog aliases too common in chat to name a vendor: `image` only helps choose, `ci` (CI/CD) says nothing. */
const WEAK_ALIASES = new Set(["image", "images"]);
const IGNORED_ALIASES = new Set(["ci"]);

const hintsCache = new WeakMap<CatalogIndex, CatalogHints[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An alias as a whole word (`cos` but not `cos(x)` or `cosine`); Chinese names have no word boundaries. */
function aliasPattern(alias: string): string {
  const escaped = escapeRegExp(alias);
  return /^[\x20-\x7e]+$/.test(alias) ? String.raw`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9]|\s*\()` : escaped;
}

function anyOf(patterns: string[]): RegExp | undefined {
  return patterns.length ? new RegExp(patterns.join("|"), "i") : undefined;
}

function hintsFor(index: CatalogIndex): CatalogHints[] {
  let hints = hintsCache.get(index);
  if (hints) return hints;
  hints = index.catalogs.map((catalog) => {
    const words = [catalog.id, ...catalog.aliases].filter((a) => !IGNORED_ALIASES.has(a.toLowerCase()));
    const isWeak = (alias: string) => WEAK_ALIASES.has(alias.toLowerCase());
    const builtin = BUILTIN_HINTS[catalog.id];
    return {
      catalog: catalog.id,
      specific: anyOf([...words.filter((a) => !isWeak(a)).map(aliasPattern), ...(builtin?.specific ?? [])]),
      weak: anyOf([...words.filter(isWeak).map(aliasPattern), ...(builtin?.weak ?? [])]),
    };
  });
  hintsCache.set(index, hints);
  return hints;
}

/** Whole-text tests catalogsNamedIn() makes at the most, for the stats. */
export function hintPasses(index: CatalogIndex): number {
  return hintsFor(index).length * 2 + FAMILY_HINTS.length;
}

export interface NamedCatalogs {
  /** Catalogs the message is about: named specifically or by vendor family. */
  vendors: Set<string>;
  /** Catalogs the message singles out (specific or weak hints): used to choose between catalogs sharing a code. */
  picked: Set<string>;
}

export function catalogsNamedIn(index: CatalogIndex, text: string): NamedCatalogs {
  const vendors = new Set<string>();
  const picked = new Set<string>();
  for (const hint of hintsFor(index)) {
    if (hint.specific?.test(text)) {
      vendors.add(hint.catalog);
      picked.add(hint.catalog);
    } else if (hint.weak?.test(text)) {
      picked.add(hint.catalog);
    }
  }
  for (const family of FAMILY_HINTS) if (family.pattern.test(text)) for (const c of family.catalogs) vendors.add(c);
  return { vendors, picked };
}
