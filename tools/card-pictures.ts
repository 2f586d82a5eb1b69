// `npm run pictures`: the README's card pictures, drawn from the real renderers' output (not by hand).
// Each payload becomes a small HTML page styled like the platform's client, and headless Chromium
// screenshots it into docs/. Needs Debian's chromium (`apt-get install chromium fonts-noto-cjk`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Errcode } from "../src/core/errcode.js";
import { renderDiscordMessage } from "../src/render/discord.js";
import { renderSlackMessage } from "../src/render/slack.js";

const DOCS = resolve(import.meta.dirname, "../docs");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack mrkdwn to HTML, enough for what our renderer emits: *bold*, _italic_, `code`, line breaks, entities. */
function slackMrkdwn(text: string): string {
  return text
    .replace(/&(?!lt;|gt;|amp;)/g, "&amp;")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,])/g, "$1<i>$2</i>")
    .replace(/:warning:/g, "⚠️")
    .replace(/:x:/g, "❌")
    .replace(/:information_source:/g, "ℹ️")
    .replace(/\n/g, "<br>");
}

/** Discord markdown to HTML: **bold**, *italic*, `code`, escaped characters, line breaks. */
function discordMarkdown(text: string): string {
  return html(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>")
    .replace(/\\([_*~`|>\\])/g, "$1")
    .replace(/\n/g, "<br>");
}

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ type: string; text: string | { text: string }; style?: string }> };

function slackPage(message: { text: string; blocks: Block[] }, intro: string): string {
  const blocks = message.blocks
    .map((b) => {
      switch (b.type) {
        case "header":
          return `<div class="header">${html(b.text!.text)}</div>`;
        case "section":
          return b.fields
            ? `<div class="fields">${b.fields.map((f) => `<div>${slackMrkdwn(f.text)}</div>`).join("")}</div>`
            : `<div class="section">${slackMrkdwn(b.text!.text)}</div>`;
        case "context":
          return `<div class="context">${b.elements!.map((e) => `<span>${slackMrkdwn(e.text as string)}</span>`).join("")}</div>`;
        case "actions":
          return `<div class="actions">${b.elements!.map((e) => `<button class="${e.style ?? ""}">${html((e.text as { text: string }).text)}</button>`).join("")}</div>`;
        case "divider":
          return "<hr>";
        default:
          return "";
      }
    })
    .join("\n");
  return `<!doctype html><meta charset="utf-8"><style>
  body{margin:0;background:#fff;overflow-wrap:anywhere;font:15px/1.46 "Noto Sans","Noto Sans CJK SC",sans-serif;color:#1d1c1d;width:760px}
  .msg{display:flex;gap:10px;padding:16px 20px}.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center}
  .name{font-weight:900}.app{font-size:11px;background:#e8e8e8;border-radius:3px;padding:1px 4px;margin-left:4px;color:#616061}.time{color:#616061;font-size:12px;margin-left:6px}
  .intro{color:#616061;font-size:13px;margin:2px 0 6px}
  .header{font-weight:900;font-size:18px;margin:6px 0}.section{margin:8px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:8px 0}
  .context{color:#616061;font-size:12px;margin:8px 0}.context span{display:block}
  .actions{margin:10px 0}button{font:inherit;font-size:14px;font-weight:700;padding:4px 12px;margin-right:8px;border:1px solid #bbb;border-radius:4px;background:#fff}
  button.primary{background:#007a5a;color:#fff;border-color:#007a5a} code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;color:#e01e5a;padding:0 2px}
  </style><div class="msg"><div class="avatar">e</div><div><span class="name">errcode</span><span class="app">APP</span><span class="time">10:42 AM</span>
  <div class="intro">${html(intro)}</div>${blocks}</div></div>`;
}

type Embed = { title?: string; description?: string; color?: number; author?: { name: string }; fields?: Array<{ name: string; value: string; inline?: boolean }>; footer?: { text: string } };
type Row = { components: Array<{ label?: string; style?: number }> };

function discordPage(message: { content?: string; embeds: Embed[]; components: Row[] }, intro: string): string {
  const embeds = message.embeds
    .map((e) => {
      const fields = (e.fields ?? []).map((f) => `<div class="field ${f.inline ? "inline" : ""}"><div class="fname">${discordMarkdown(f.name)}</div><div>${discordMarkdown(f.value)}</div></div>`).join("");
      return `<div class="embed" style="border-color:#${(e.color ?? 0).toString(16).padStart(6, "0")}">
        ${e.author ? `<div class="author">${html(e.author.name)}</div>` : ""}
        ${e.title ? `<div class="etitle">${discordMarkdown(e.title)}</div>` : ""}
        ${e.description ? `<div class="desc">${discordMarkdown(e.description)}</div>` : ""}
        <div class="fields">${fields}</div>
        ${e.footer ? `<div class="footer">${html(e.footer.text).replace(/\n/g, "<br>")}</div>` : ""}</div>`;
    })
    .join("");
  const buttons = message.components.flatMap((r) => r.components).map((b) => `<button class="s${b.style ?? 2}">${html(b.label ?? "")}</button>`).join("");
  return `<!doctype html><meta charset="utf-8"><style>
  body{margin:0;background:#313338;overflow-wrap:anywhere;font:15px/1.375 "Noto Sans","Noto Sans CJK SC",sans-serif;color:#dbdee1;width:760px}
  .msg{display:flex;gap:14px;padding:16px 18px}.avatar{width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}
  .name{color:#f2f3f5;font-weight:600}.bot{font-size:10px;background:#5865f2;color:#fff;border-radius:3px;padding:1px 4px;margin-left:4px}.time{color:#949ba4;font-size:12px;margin-left:6px}
  .intro{color:#949ba4;font-size:13px;margin:2px 0 4px}.content{margin:2px 0 6px}
  .embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:10px 16px 14px 12px;max-width:560px;margin-top:6px}
  .author{font-size:13px;font-weight:600;color:#f2f3f5;margin-top:4px}.etitle{font-weight:700;color:#f2f3f5;margin-top:6px}.desc{margin-top:6px;font-size:14px}
  .fields{display:flex;flex-wrap:wrap;gap:0 16px;margin-top:6px}.field{flex:1 1 100%;margin-top:8px;font-size:14px}.field.inline{flex:1 1 30%}.fname{font-weight:700;color:#f2f3f5;margin-bottom:2px}
  .footer{font-size:12px;color:#b5bac1;margin-top:10px}code{background:#1e1f22;border-radius:3px;padding:0 3px}
  button{font:inherit;font-size:14px;font-weight:500;padding:3px 14px;margin:8px 8px 0 0;border:0;border-radius:3px;color:#fff;background:#4e5058}button.s1{background:#5865f2}button.s3{background:#248046}
  </style><div class="msg"><div class="avatar">e</div><div><span class="name">errcode</span><span class="bot">APP</span><span class="time">Today at 10:42</span>
  <div class="intro">${html(intro)}</div>${message.content ? `<div class="content">${discordMarkdown(message.content)}</div>` : ""}${embeds}<div>${buttons}</div></div></div>`;
}

function screenshot(page: string, png: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), "errcode-pictures-"));
  const file = join(dir, "card.html");
  writeFileSync(file, page);
  execFileSync(CHROMIUM, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", `--user-data-dir=${join(dir, "profile")}`,
    `--window-size=760,${height}`, `--screenshot=${png}`, `file://${file}`,
  ], { stdio: "ignore" });
  console.log(`wrote ${png}`);
}

const errcode = Errcode.load();
mkdirSync(DOCS, { recursive: true });
const pasted = 'download failed: {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWQ1ZjA2XzE2MGZiMDlfOWI4"}';
const slackReply = errcode.autoExplain(pasted)!.reply;
screenshot(slackPage(renderSlackMessage(slackReply) as unknown as { text: string; blocks: Block[] }, `Auto-explain, in the thread of: ${pasted}`), join(DOCS, "slack-card.png"), 860);
screenshot(discordPage(renderDiscordMessage(errcode.command("-96")), "/errcode query: -96"), join(DOCS, "discord-card.png"), 820);

// The web catalog: screenshots of the real pages, served by the real adapter and drawn by Chromium.
const { WebAdapter } = await import("../src/adapters/web/adapter.js");
const { createLogger } = await import("../src/log.js");
const { PrometheusMetrics } = await import("../src/prometheus-metrics.js");
const { chromium } = await import("playwright-core");
const web = new WebAdapter({ errcode, logger: createLogger({ level: "silent" }), metrics: new PrometheusMetrics() }, { port: 0, host: "127.0.0.1" });
await web.start();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const tab = await browser.newPage({ viewport: { width: 1000, height: 900 } });
for (const [path, file] of [["/c/tencent-cos-v4/-29036", "web-entry.png"], ["/?q=signature%20expired", "web-search.png"]] as const) {
  await tab.goto(`http://127.0.0.1:${web.address().port}${path}`);
  await tab.screenshot({ path: join(DOCS, file) });
  console.log(`wrote ${join(DOCS, file)}`);
}
await browser.close();
await web.stop();
