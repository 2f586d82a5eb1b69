// Card and page models -> HTML for the web catalog. Pure functions: data in, a string out.
// Every interpolated value goes through `html`, which escapes it unless it is already markup made here,
// so no text from a catalog, a query or a pasted log can become markup. No inline script or style (the CSP forbids it).
import type { Card, Reply } from "../core/card.js";
import type { CatalogPage, EntryPage, EntrySummary, Finding } from "../core/pages.js";
import { catalogPath, entryPath } from "../core/permalink.js";

/** Markup made by this module; anything else interpolated into `html` is text and gets escaped. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Markup | string | number | undefined | null | false | Interpolation[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
// Bidi overrides and isolates would let a pasted filename read backwards; they carry no meaning here.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function escapeHtml(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function flatten(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return "";
  if (Array.isArray(value)) return value.map(flatten).join("");
  if (value instanceof Markup) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? flatten(values[i]!) : ""), ""));
}

/** Only http(s) links: a `javascript:` runbook in a team catalog must not become a link. */
function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

export interface Layout {
  title: string;
  /** What the search box holds. */
  query?: string;
  catalogs: Array<{ id: string; name: string }>;
}

export function page(layout: Layout, body: Markup): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${layout.title} · errcode</title>
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">errcode</a>
  <form class="search" action="/" method="get" role="search">
    <input id="q" name="q" type="search" value="${layout.query ?? ""}" placeholder="-29036, ERR_DOWN_NOTFINISHED_FILE, signature expired, 签名过期" autocomplete="off" maxlength="2000" aria-label="Search error codes">
    <button type="submit">Search</button>
  </form>
  <nav>${layout.catalogs.map((c) => html`<a href="${catalogPath(c.id)}">${c.name}</a>`)}<a href="/scan">Scan a log</a></nav>
</header>
<main>
${body}
</main>
<footer>errcode: vendor error codes explained. Meanings and guidance are ours; vendor texts are quoted as published.</footer>
</body>
</html>
`.value;
}

function entryLink(entry: EntrySummary): Markup {
  return html`<a href="${entryPath(entry)}">${entry.title}</a>`;
}

function fieldValue(value: string): Markup {
  const href = safeHref(value);
  return href ? html`<a href="${href}" rel="noopener noreferrer">${value}</a>` : html`${value}`;
}

export function renderCard(card: Card): Markup {
  const title = card.entry ? html`<a href="${entryPath(card.entry)}">${card.title}</a>` : html`${card.title}`;
  return html`<article class="card ${card.severity}">
  <h2>${title}</h2>
  <p class="subtitle">${card.subtitle}</p>
  <p class="summary">${card.summary}</p>
  ${card.fields.length ? html`<dl>${card.fields.map((f) => html`<dt>${f.label}</dt><dd>${fieldValue(f.value)}</dd>`)}</dl>` : ""}
  ${card.sections.map((s) => html`<section><h3>${s.title}</h3><p class="text">${s.text}</p></section>`)}
</article>`;
}

/** The search results alone: what search-as-you-type swaps in without reloading the page. */
/** A reply's notes (what was not read), one paragraph each. */
const noteParagraphs = (notes: string[] = []): Markup[] => notes.map((note) => html`<p class="note">${note}</p>`);

export function renderResults(reply: Reply | undefined): Markup {
  if (!reply) return html`<div id="results"></div>`;
  const more = reply.omitted > 0 ? html`<p class="more">+${reply.omitted} more: narrow the search or add a catalog word (cos, image, upyun).</p>` : "";
  return html`<div id="results" data-kind="${reply.kind}"><p class="headline">${reply.headline}</p>${reply.cards.map(renderCard)}${more}${noteParagraphs(reply.notes)}</div>`;
}

export function renderHomePage(layout: Layout, reply: Reply | undefined): string {
  const intro = reply
    ? ""
    : html`<p class="intro">Type a code (<code>-29036</code>, <code>X-ErrNo: -6101</code>, <code>40400001</code>), a symbol, or what went wrong in English or Chinese. Or browse a catalog, or paste a log into <a href="/scan">Scan</a>.</p>`;
  return page({ ...layout, title: reply ? layout.query ?? "Search" : "Search" }, html`${intro}${renderResults(reply)}`);
}

export function renderEntryPage(layout: Layout, model: EntryPage): string {
  const { card } = model;
  const definitions = model.definitions.length
    ? html`<section><h3>Definitions in the vendor documents</h3><table class="defs"><thead><tr><th>Document</th><th>Line</th><th>Module</th><th>Symbol</th><th>Original text</th></tr></thead><tbody>${model.definitions.map(
        (d) => html`<tr><td>${d.document}</td><td>${d.line}</td><td>${d.module}</td><td><code>${d.symbol ?? ""}</code></td><td lang="zh">${d.text || "(empty)"}${d.details ? html`<br><span class="details">${d.details}</span>` : ""}</td></tr>`,
      )}</tbody></table></section>`
    : "";
  const notes = model.notes.length ? html`<section><h3>Notes on the sources</h3><ul>${model.notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : "";
  const related = model.related.length
    ? html`<section><h3>Related codes</h3><ul class="related">${model.related.map((r) =>
        r.target ? html`<li>${entryLink(r.target)}${r.target.catalog === model.entry.catalog ? "" : html` <span class="muted">(${r.target.catalogName})</span>`}: ${r.target.en}</li>` : html`<li>${r.ref}</li>`,
      )}</ul></section>`
    : "";
  const sameCode = model.sameCode.length
    ? html`<section><h3>The same code in other catalogs</h3><ul class="related">${model.sameCode.map((e) => html`<li>${entryLink(e)} <span class="muted">(${e.catalogName})</span>: ${e.en}</li>`)}</ul></section>`
    : "";
  const cardSections = card.sections.filter((s) => !["Related codes", "Also defined in"].includes(s.title));
  const body = html`<p class="crumbs"><a href="${catalogPath(model.entry.catalog)}">${model.entry.catalogName}</a> › ${model.entry.code}</p>
<article class="card entry ${card.severity}">
  <h1>${card.title}</h1>
  <p class="subtitle">${card.subtitle}</p>
  <p class="summary">${card.summary}</p>
  ${card.fields.length ? html`<dl>${card.fields.map((f) => html`<dt>${f.label}</dt><dd>${fieldValue(f.value)}</dd>`)}</dl>` : ""}
  ${cardSections.map((s) => html`<section><h3>${s.title}</h3><p class="text">${s.text}</p></section>`)}
  ${sameCode}${related}${definitions}${notes}
</article>`;
  return page({ ...layout, title: `${card.title} (${model.entry.catalogName})` }, body);
}

export function renderCatalogPage(layout: Layout, model: CatalogPage): string {
  const body = html`<h1>${model.name}</h1>
<p class="subtitle">${model.vendor ?? ""} · ${model.entries.length} codes · scope words: ${[model.id, ...model.aliases].join(", ")}</p>
${model.documents.length ? html`<p class="muted">Built from: ${model.documents.map((d) => `${d.id} (${d.title})`).join("; ")}</p>` : ""}
<table class="catalog"><thead><tr><th>Code</th><th>Symbol</th><th>Meaning</th><th>Category</th></tr></thead><tbody>${model.entries.map(
    (e) => html`<tr><td><a href="${entryPath(e)}">${e.code}</a></td><td><code>${e.title.slice(String(e.code).length + 1)}</code></td><td>${e.en}</td><td>${e.category ?? ""}</td></tr>`,
  )}</tbody></table>`;
  return page({ ...layout, title: model.name }, body);
}

export function renderScanPage(layout: Layout, text: string, found: Finding[] | undefined, notes: string[] = []): string {
  const results =
    found === undefined
      ? ""
      : found.length === 0
        ? html`<p class="headline" id="scan-results">No error codes found in that text.</p>`
        : html`<div id="scan-results"><p class="headline">Found ${found.length} error code${found.length === 1 ? "" : "s"}</p>${found.map(
            (f) => html`<article class="finding ${f.auto ? "auto" : "explicit"}">
  <h2>${entryLink(f.entry)} <span class="muted">${f.entry.catalogName}</span></h2>
  <p>${f.entry.en}</p>
  <p class="evidence"><code>${f.evidence.map((s) => (s.mark ? html`<mark>${s.text}</mark>` : html`${s.text}`))}</code></p>
  <p class="muted">Confidence ${f.confidence.toFixed(2)} (${f.auto ? "auto-explain would post it" : "only an explicit request finds it"}): ${f.reason}${f.requestId ? html` · request id <code>${f.requestId}</code>` : ""}</p>
</article>`,
          )}</div>`;
  const body = html`<h1>Scan a log</h1>
<p class="intro">Paste a log, a JSON body or a stack trace: errcode shows what auto-explain would find in it, and why.</p>
<form class="scan" action="/scan" method="post">
  <textarea name="text" rows="12" maxlength="200000" aria-label="Text to scan">${text}</textarea>
  <button type="submit">Scan</button>
</form>
${results}${noteParagraphs(notes)}`;
  return page({ ...layout, title: "Scan a log" }, body);
}

export function renderNotFound(layout: Layout, message: string): string {
  return page({ ...layout, title: "Not found" }, html`<h1>Not found</h1><p>${message}</p><p><a href="/">Search the catalogs</a></p>`);
}
