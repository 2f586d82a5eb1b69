import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";

/** An entry's `related` references resolved: `"-29036"` (same catalog) or `"catalog:code"`; unknown ones kept as text. */
export function resolveRelated(index: CatalogIndex, entry: Entry): Array<{ ref: string; target?: Entry }> {
  return (entry.related ?? []).map((ref) => {
    const split = ref.lastIndexOf(":");
    const [catalog, code] = split >= 0 ? [ref.slice(0, split), ref.slice(split + 1)] : [entry.catalog, ref];
    return { ref, target: index.byExactCode(code, catalog)[0] };
  });
}
