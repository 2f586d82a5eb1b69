// The web catalog over real HTTP on loopback: status codes, security headers, limits, escaping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebAdapter } from "../../src/adapters/web/adapter.js";
import { Errcode } from "../../src/core/errcode.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";

const errcode = Errcode.load();
const logger = createLogger({ level: "silent" });

async function serve(options: Partial<ConstructorParameters<typeof WebAdapter>[1]> = {}) {
  const web = new WebAdapter({ errcode, logger, metrics: new PrometheusMetrics() }, { port: 0, host: "127.0.0.1", ...options });
  await web.start();
  return { web, base: `http://127.0.0.1:${web.address().port}` };
}

describe("web catalog over HTTP", () => {
  let web: WebAdapter;
  let base: string;
  beforeAll(async () => ({ web, base } = await serve()));
  afterAll(() => web.stop());

  it("serves a permalink for every code with the full entry", async () => {
    const res = await fetch(`${base}/c/tencent-cos-v4/-29036`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toContain("ERR_DOWN_NOTFINISHED_FILE");
    expect(body).toContain("文件没上传完整，不可下载");
    expect(body).toMatch(/<td>000 \(COS JSON API v4 error codes, full list by module\)<\/td><td>\d+<\/td>/);
    expect(web.ready()).toBe(true);
  });

  it("links every code of every catalog from the catalog table, and each link answers", async () => {
    for (const catalog of errcode.index.catalogs) {
      const body = await (await fetch(`${base}/c/${catalog.id}`)).text();
      const links = [...body.matchAll(/href="(\/c\/[^"/]+\/[^"]+)"/g)].map((m) => m[1]!);
      expect(new Set(links).size).toBe(catalog.entries.length);
      const sample = [links[0]!, links[Math.floor(links.length / 2)]!, links.at(-1)!];
      for (const link of sample) expect((await fetch(`${base}${link}`)).status).toBe(200);
    }
  });

  it("sends the security headers on every kind of answer", async () => {
    for (const path of ["/", "/?q=-29036", "/c/upyun", "/c/upyun/40400001", "/scan", "/nope", "/assets/app.js"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.headers.get("content-security-policy"), path).toContain("default-src 'none'");
      expect(res.headers.get("content-security-policy"), path).toContain("script-src 'self'");
      expect(res.headers.get("content-security-policy"), path).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("answers 404 with a page for unknown catalogs, codes and paths", async () => {
    expect((await fetch(`${base}/c/nope`)).status).toBe(404);
    expect((await fetch(`${base}/c/upyun/-29036`)).status).toBe(404);
    expect((await fetch(`${base}/c/upyun/abc`)).status).toBe(404);
    expect((await fetch(`${base}/c/%E0%A4%A/1`)).status).toBe(404);
    const res = await fetch(`${base}/elsewhere`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Search the catalogs");
  });

  it("is read-only: other methods get 405", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) expect((await fetch(`${base}/`, { method })).status).toBe(405);
    expect((await fetch(`${base}/c/upyun`, { method: "POST", body: "x" })).status).toBe(405);
    const head = await fetch(`${base}/c/upyun/40400001`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("escapes what the visitor typed, in the search box and in the answer", async () => {
    const attack = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const body = await (await fetch(`${base}/?q=${encodeURIComponent(attack)}`)).text();
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain("<img src=x");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const entry = await (await fetch(`${base}/c/${encodeURIComponent("<img src=x onerror=alert(1)>")}/1`)).text();
    expect(entry).not.toContain("<img src=x");
    expect(entry).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("scans posted text and highlights the evidence, masking credentials it quotes", async () => {
    const text = 'upload failed secret_key=abcdEFGH12345678 {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE"}';
    const res = await fetch(`${base}/scan`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ text }) });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('href="/c/tencent-cos-v4/-29036"');
    expect(body).toMatch(/<mark>(?:-29036|ERR_DOWN_NOTFINISHED_FILE)<\/mark>/i);
    expect(body.split("<textarea")[1]).toContain("abcdEFGH12345678"); // the visitor's own text, given back to edit
    expect(body.split("</textarea>")[1]).not.toContain("abcdEFGH12345678");
  });

  it("refuses a body over the limit with 413 and keeps serving", async () => {
    const { web: small, base: smallBase } = await serve({ maxBodyBytes: 1024 });
    try {
      const res = await fetch(`${smallBase}/scan`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `text=${"9".repeat(5000)}` });
      expect(res.status).toBe(413);
      expect((await fetch(`${smallBase}/`)).status).toBe(200);
    } finally {
      await small.stop();
    }
  });

  it("rate-limits one client with 429 and a Retry-After", async () => {
    const { web: limited, base: limitedBase } = await serve({ rateLimit: { requests: 5, windowMs: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limitedBase}/`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const res = await fetch(`${limitedBase}/`);
      expect(res.headers.get("retry-after")).toBe("60");
    } finally {
      await limited.stop();
    }
  });
});

describe("card titles link to the web catalog when PUBLIC_URL is set", () => {
  it("links the Slack and Discord titles to the entry's permalink", async () => {
    const { renderSlackMessage } = await import("../../src/render/slack.js");
    const { renderDiscordMessage } = await import("../../src/render/discord.js");
    const linked = Errcode.load([], { publicUrl: "https://errcode.example.com/" });
    const reply = linked.command("-29036");
    expect(reply.cards[0]!.permalink).toBe("https://errcode.example.com/c/tencent-cos-v4/-29036");
    expect(JSON.stringify(renderSlackMessage(reply))).toContain("<https://errcode.example.com/c/tencent-cos-v4/-29036|");
    expect(renderDiscordMessage(reply).embeds![0]!.url).toBe("https://errcode.example.com/c/tencent-cos-v4/-29036");
    const unlinked = errcode.command("-29036");
    expect(unlinked.cards[0]!.permalink).toBeUndefined();
    expect(JSON.stringify(renderSlackMessage(unlinked))).not.toContain("/c/tencent-cos-v4/");
  });
});
