import type { CatalogIndex } from "../catalog/catalog-index.js";
import { codeKey, type Code } from "../catalog/code.js";
import type { Category, Entry, RetryPolicy } from "../catalog/schema.js";
import type { Card, CardAction, CardField, CardSection, Lang, Reply, ReplyRequest, Severity } from "./card.js";
import type { Detection } from "./detect/index.js";
import { PLACES_PER_CODE, PLACES_PER_MESSAGE } from "./detect/budget.js";
import type { LookupResult } from "./lookup.js";
import { parseOwner } from "./owner.js";
import { maskSecrets } from "./redact.js";
import { resolveRelated } from "./related.js";
import { fitLine } from "./text-fit.js";

const CATEGORY_LABELS: Record<Category, string> = {
  success: "Success / informational",
  auth: "Authentication / signature",
  permission: "Permission",
  "not-found": "Not found",
  conflict: "Conflict",
  "invalid-request": "Invalid request",
  limit: "Limit / quota",
  "rate-limit": "Rate limit",
  upload: "Upload",
  download: "Download",
  network: "Network",
  timeout: "Timeout",
  overload: "Overload",
  internal: "Vendor internal error",
  "content-policy": "Content policy",
};

const RETRY_LABELS: Record<RetryPolicy, string> = {
  no: "No: retrying will not help",
  "with-backoff": "Yes, with backoff",
  "after-fix": "Only after fixing the request",
};

const SEVERITY_BY_CATEGORY: Partial<Record<Category, Severity>> = {
  success: "info",
  internal: "error",
  overload: "error",
  timeout: "error",
  network: "error",
};

export const LOOKUP_CARD_LIMIT = 3;
export const ALL_CARD_LIMIT = 10;
export const DETECTION_CARD_LIMIT = 5;

export function severityOf(entry: Entry): Severity {
  return (entry.category && SEVERITY_BY_CATEGORY[entry.category]) ?? "warning";
}

export function formatCode(code: Code): string {
  return String(code);
}

export function entryTitle(entry: Entry): string {
  return [formatCode(entry.code), ...entry.symbols.slice(0, 2)].join(" ");
}

const comparable = (text: string) => text.replace(/[\s，,。.、:：;；!！"“”'()（）]/g, "").toLowerCase();

/** Two catalogs say the same thing about a code when they share a vendor sentence for it. */
function sameMeaning(a: Entry, b: Entry): boolean {
  if (codeKey(a.code) !== codeKey(b.code) || a.catalog === b.catalog) return false;
  const texts = (e: Entry) => new Set([e.zh ?? "", ...(e.definitions ?? []).map((d) => d.text)].map(comparable).filter(Boolean));
  const ours = texts(a);
  return [...texts(b)].some((t) => ours.has(t));
}

/** Groups entries that mean the same, keeping order: the first of a group is the one shown. */
export function groupSameMeaning(entries: Entry[]): Entry[][] {
  const groups: Entry[][] = [];
  for (const entry of entries) {
    const group = groups.find((g) => sameMeaning(g[0]!, entry));
    if (group) group.push(entry);
    else groups.push([entry]);
  }
  // The best-documented catalog speaks for the group.
  return groups.map((g) => g.sort((a, b) => (b.definitions?.length ?? 0) - (a.definitions?.length ?? 0)));
}

/** A team's own catalog: no vendor and no vendor documents behind it, so its texts are not "vendor text". */
function isTeamCatalog(index: CatalogIndex, id: string): boolean {
  const catalog = index.catalogs.find((c) => c.id === id);
  return !!catalog && !catalog.vendor && !catalog.documents?.length;
}

function modulesOf(entry: Entry): string[] {
  return [...new Set([entry.module, ...(entry.definitions ?? []).map((d) => d.module)].filter((m): m is string => !!m))];
}

function documentTitle(index: CatalogIndex, entry: Entry, doc: string): string {
  const title = index.catalogs.find((c) => c.id === entry.catalog)?.documents?.find((d) => d.id === doc)?.title;
  return title ? `${doc} (${title})` : doc;
}

function relatedText(index: CatalogIndex, group: Entry[]): string | undefined {
  const entry = group[0]!;
  const lines = resolveRelated(index, entry).flatMap(({ ref, target }) => {
    if (!target) return [ref];
    // Already on this card under "Same meaning in".
    if (group.includes(target)) return [];
    const where = target.catalog === entry.catalog ? "" : ` (${target.catalogName})`;
    return [`${entryTitle(target)}${where}: ${target.en}`];
  });
  return lines.length ? lines.slice(0, 8).map((l) => `• ${l}`).join("\n") : undefined;
}

export interface CardContext {
  lang: Lang;
  requestId?: string;
  evidence?: string;
  /** Entries that have cards of their own in the same reply: not repeated under "Also defined in". */
  shown?: Entry[];
}

/** Other catalogs defining the same code with another meaning, so nobody reads only one of them. */
function alsoDefinedIn(index: CatalogIndex, group: Entry[], shown: Entry[]): string | undefined {
  const others = index.byExactCode(group[0]!.code).filter((e) => !group.includes(e) && !shown.includes(e));
  if (others.length === 0) return undefined;
  return others.map((o) => `• ${o.catalogName}: ${entryTitle(o)}: ${o.en}`).join("\n");
}

export function entryCard(index: CatalogIndex, group: Entry[], context: CardContext): Card {
  const entry = group[0]!;
  const others = group.slice(1);
  // UpYun's table fills a "details" column for a few codes: part of the vendor's words too.
  const details = [...new Set((entry.definitions ?? []).map((d) => d.details?.trim()).filter(Boolean))];
  const zh = [entry.zh?.trim(), ...details].filter(Boolean).join("\n") || undefined;
  const fields: CardField[] = [];
  if (entry.category) fields.push({ label: "Category", value: CATEGORY_LABELS[entry.category] });
  if (entry.retry) fields.push({ label: "Retry", value: RETRY_LABELS[entry.retry] });
  if (entry.http !== undefined) fields.push({ label: "HTTP status", value: String(entry.http) });
  if (context.requestId) fields.push({ label: "Request id", value: context.requestId });
  const owner = entry.owner ? parseOwner(entry.owner) : undefined;
  if (owner) fields.push({ label: "Owner", value: owner.label });
  if (entry.runbook) fields.push({ label: "Runbook", value: entry.runbook });

  const sections: CardSection[] = [];
  if (context.lang === "zh") sections.push({ title: "English", text: entry.en });
  else if (zh) sections.push({ title: isTeamCatalog(index, entry.catalog) ? "原文 (original text)" : "原文 (vendor text)", text: zh });
  if (entry.guidance) sections.push({ title: "What to do", text: entry.guidance });
  if (context.evidence) sections.push({ title: "Seen in", text: context.evidence });
  if (others.length) {
    sections.push({
      title: "Same meaning in",
      text: others.map((o) => `${o.catalogName} (${modulesOf(o).join(", ") || "same code"})`).join("\n"),
    });
  }
  const elsewhere = alsoDefinedIn(index, group, context.shown ?? []);
  if (elsewhere) sections.push({ title: "Also defined in", text: elsewhere });
  const related = relatedText(index, group);
  if (related) sections.push({ title: "Related codes", text: related });

  const sourceNotes = [
    ...group.flatMap((e) =>
      (e.definitions ?? []).map(
        (d) => `${documentTitle(index, e, d.doc)} line ${d.line}, ${d.module}: ${[...new Set([d.symbol, d.text].filter(Boolean))].join(" ") || "(no text)"}`,
      ),
    ),
    ...(entry.notes ?? []),
  ];

  return {
    title: entryTitle(entry),
    subtitle: [[entry.catalogName, ...others.map((o) => o.catalogName)].join(" + "), modulesOf(entry).join(", ")].filter(Boolean).join(" · "),
    severity: severityOf(entry),
    summary: context.lang === "zh" && zh ? zh : entry.en,
    fields,
    sections,
    sourceNotes,
    url: entry.runbook,
    entry: { catalog: entry.catalog, code: entry.code },
    ...(owner ? { owner } : {}),
  };
}

function actionsFor(request: ReplyRequest, omitted: number): CardAction[] {
  const actions: CardAction[] = [{ kind: "share", label: "Share in channel", request }];
  if (omitted > 0) actions.push({ kind: "show-all", label: `Show all matches (+${omitted})`, request: { ...request, all: true } });
  const other: Lang = request.lang === "en" ? "zh" : "en";
  actions.push({ kind: "lang", label: other === "zh" ? "中文" : "English", request: { ...request, lang: other } });
  // Codes found in a message come with what vendor support asks for (request ids, when, where).
  if (request.mode === "scan") actions.push({ kind: "support", label: "Copy for support", request });
  return actions;
}

/** User text as a card quotes it: credentials masked over the whole text first, then flattened and cut. */
function quote(text: string, max = 80): string {
  return fitLine(maskSecrets(text), max);
}

function headlineFor(result: LookupResult, groups: Entry[][]): string {
  const q = quote(result.query);
  if (result.parsed.kind === "code") {
    const catalogs = new Set(groups.flat().map((e) => e.catalog)).size;
    return catalogs > 1 ? `${formatCode(groups[0]![0]!.code)} is defined in ${catalogs} catalogs` : `${formatCode(groups[0]![0]!.code)} in ${groups[0]![0]!.catalogName}`;
  }
  return groups.length > 1 ? `${groups.length} matches for “${q}”` : `Best match for “${q}”`;
}

/** Catalogs other than the asked one that do define the asked code: "upyun has no -29036; tencent-cos-v4 does". */
function definedElsewhere(index: CatalogIndex, result: LookupResult): Entry[] {
  const parsed = result.parsed;
  if (parsed.kind !== "code" || !parsed.catalog) return [];
  const exact = index.byExactCode(parsed.code);
  return exact.length > 0 || parsed.signed || typeof parsed.code !== "number" || parsed.code <= 0 ? exact : index.byExactCode(-parsed.code);
}

export function noMatchReply(index: CatalogIndex, result: LookupResult, lang: Lang): Reply {
  const elsewhere = definedElsewhere(index, result);
  if (elsewhere.length > 0) return elsewhereReply(result, elsewhere, lang);
  const suggestions = result.suggestions.map((e) => `• ${entryTitle(e)} (${e.catalogName}): ${e.en}`);
  const card: Card = {
    title: `Nothing for “${quote(result.query)}”`,
    subtitle: result.parsed.catalog ? `in ${index.catalogs.find((c) => c.id === result.parsed.catalog)?.name ?? result.parsed.catalog}` : "in any catalog",
    severity: "info",
    summary: suggestions.length
      ? "No entry matches that closely enough. Suggestions, not matches: the closest codes, names and entries."
      : "No catalog defines that, and nothing is close. Try a code (-29036), a symbol (ERR_DOWN_NOTFINISHED_FILE) or words (signature expired).",
    fields: [],
    sections: suggestions.length ? [{ title: "Did you mean (suggestions)", text: suggestions.join("\n") }] : [],
    sourceNotes: [],
  };
  return { kind: "no-match", headline: card.title, cards: [card], omitted: 0, actions: [], lang };
}

function elsewhereReply(result: LookupResult, elsewhere: Entry[], lang: Lang): Reply {
  const asked = result.parsed.catalog!;
  const code = formatCode(elsewhere[0]!.code);
  const owners = [...new Set(elsewhere.map((e) => e.catalog))].join(", ");
  const card: Card = {
    title: `${asked} has no ${code}; ${owners} ${elsewhere.length > 1 ? "do" : "does"}`,
    subtitle: "in another catalog",
    severity: "info",
    summary: `${asked} has no ${code}; ${owners} ${elsewhere.length > 1 ? "do" : "does"}: ${elsewhere.map((e) => `${entryTitle(e)}: ${lang === "zh" && e.zh?.trim() ? e.zh : e.en}`).join("; ")}`,
    fields: [],
    sections: [{ title: "See it", text: `Ask again without the catalog: ${code}` }],
    sourceNotes: [],
  };
  return { kind: "no-match", headline: card.title, cards: [card], omitted: 0, actions: [], lang };
}

export function lookupReply(index: CatalogIndex, result: LookupResult, request: Omit<ReplyRequest, "mode" | "query">): Reply {
  const lang = request.lang;
  if (result.matches.length === 0) return noMatchReply(index, result, lang);
  const groups = groupSameMeaning(result.matches.map((m) => m.entry));
  const limit = request.all ? ALL_CARD_LIMIT : LOOKUP_CARD_LIMIT;
  const shown = groups.slice(0, limit);
  const omitted = groups.length - shown.length;
  return {
    kind: "lookup",
    headline: headlineFor(result, groups),
    cards: shown.map((group) => entryCard(index, group, { lang, shown: shown.flat() })),
    omitted,
    actions: actionsFor({ mode: "lookup", query: result.query, ...request }, request.all ? 0 : omitted),
    lang,
  };
}

/** The reply's note when the judging budget left places unread (detect/budget.ts). */
export function unreadNote(unread: number): string {
  return `${unread} more ${unread === 1 ? "place" : "places"} that may hold a code not read: a message is read at ${PLACES_PER_CODE} places per code and ${PLACES_PER_MESSAGE} in all`;
}

export function detectionsReply(index: CatalogIndex, text: string, detections: Detection[] & { unread?: number }, request: { lang: Lang; all?: boolean }): Reply {
  const { lang } = request;
  const notes = detections.unread ? { notes: [unreadNote(detections.unread)] } : {};
  if (detections.length === 0) {
    const card: Card = {
      title: "No error codes found",
      subtitle: "in that message",
      severity: "info",
      summary: "Nothing in that text looks like a code from a loaded catalog. Try /errcode with the code itself.",
      fields: [],
      sections: [],
      sourceNotes: [],
    };
    return { kind: "nothing-found", headline: card.title, cards: [card], omitted: 0, actions: [], lang, ...notes };
  }
  const limit = request.all ? ALL_CARD_LIMIT : DETECTION_CARD_LIMIT;
  // One card per meaning: a PROXY code found once is one code, even if two catalogs share that layer.
  const groups = groupSameMeaning(detections.map((d) => d.entry)).map((entries) => ({ entries, detection: detections.find((d) => entries.includes(d.entry))! }));
  const shown = groups.slice(0, limit);
  const omitted = groups.length - shown.length;
  const shownEntries = shown.flatMap((g) => g.entries);
  const codes = new Set(groups.map((g) => g.entries[0]!.code)).size;
  const headline =
    groups.length === 1
      ? `Found ${entryTitle(groups[0]!.entries[0]!)} in this message`
      : codes === 1
        ? `Found 1 error code (defined in ${new Set(groups.flatMap((g) => g.entries.map((e) => e.catalog))).size} catalogs) in this message`
        : `Found ${codes} error codes${groups.length > codes ? ` (${groups.length} definitions)` : ""} in this message`;
  return {
    kind: "detections",
    headline,
    cards: shown.map(({ entries, detection }) =>
      entryCard(index, entries, { lang, requestId: detection.requestId, evidence: quote(detection.evidence, 200), shown: shownEntries }),
    ),
    omitted,
    // A button re-scans the text later; credentials in it need not travel with the button.
    actions: actionsFor({ mode: "scan", query: maskSecrets(text), lang, all: request.all }, request.all ? 0 : omitted),
    lang,
    found: detections.map((d) => ({ catalog: d.catalog, code: d.code })),
    ...notes,
  };
}

export function helpReply(lang: Lang): Reply {
  const card: Card = {
    title: "errcode: explain vendor error codes",
    subtitle: "Tencent Cloud COS v4 · Tencent Cloud image service · UpYun · your own catalogs",
    severity: "info",
    summary: "Look up a code, a symbol or words, or paste a log and get every code in it explained.",
    fields: [],
    sections: [
      {
        title: "Usage",
        text: [
          "/errcode -29036  (a code: any sign, X-ErrNo: -6101, errno=-97)",
          "/errcode ERR_DOWN_NOTFINISHED_FILE  (a symbol or a unique part of one)",
          "/errcode signature expired  (English or Chinese words: 签名过期)",
          "/errcode upyun 40100006  (scope to one catalog: cos, image, upyun)",
          "/errcode <pasted log or JSON>  (explains each code found in it)",
        ].join("\n"),
      },
    ],
    sourceNotes: [],
  };
  return { kind: "help", headline: card.title, cards: [card], omitted: 0, actions: [], lang };
}
