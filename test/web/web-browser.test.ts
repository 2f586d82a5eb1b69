// The web catalog in a real browser (Debian's Chromium via playwright-core): what a person does with it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebAdapter } from "../../src/adapters/web/adapter.js";
import { Errcode } from "../../src/core/errcode.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { launchBrowser } from "../support/browser.js";

let web: WebAdapter;
let base: string;
let browser: Browser;

beforeAll(async () => {
  web = new WebAdapter({ errcode: Errcode.load(), logger: createLogger({ level: "silent" }), metrics: new PrometheusMetrics() }, { port: 0, host: "127.0.0.1" });
  await web.start();
  base = `http://127.0.0.1:${web.address().port}`;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** A fresh page that records anything a script could do to show an injection worked. */
async function openPage(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { page, dialogs, errors };
}

// Generous: Chromium on a busy 2-core machine can take seconds per navigation.
describe("web catalog in a browser", { timeout: 90_000 }, () => {
  it("searches from the box, opens a permalink and follows a related-code link", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/`);
    await page.fill("#q", "-29036");
    await page.press("#q", "Enter");
    await page.waitForURL(/q=-29036/);
    const first = page.locator("#results article h2 a").first();
    expect(await first.textContent()).toContain("ERR_DOWN_NOTFINISHED_FILE");
    await first.click();
    await page.waitForURL(`${base}/c/tencent-cos-v4/-29036`);
    expect(await page.locator("h1").textContent()).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");

    // An entry with related codes: follow one and land on its page.
    const withRelated = Errcode.load().index.entries.find((e) => e.catalog === "upyun" && (e.related ?? []).some((r) => !r.includes(":")))!;
    await page.goto(`${base}/c/upyun/${withRelated.code}`);
    const related = page.locator("ul.related a").first();
    const target = await related.getAttribute("href");
    expect(target).toMatch(/^\/c\/[\w-]+\/-?\d+$/);
    await related.click();
    await page.waitForURL(`${base}${target}`);
    expect(await page.locator("h1").textContent()).toContain(target!.split("/").at(-1));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates results while typing (the progressive script runs under the CSP)", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/`);
    await page.locator("#q").pressSequentially("file or directory not found", { delay: 5 });
    // No form submit happens: the results part is swapped in as the words arrive.
    // The last keystroke's answer lands after earlier ones: wait for the address that says the whole query.
    await page.waitForURL(/q=file%20or%20directory%20not%20found$/, { timeout: 15_000 });
    await page.locator("#results article h2", { hasText: "40400001" }).first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("scans a pasted log and highlights the evidence", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/scan`);
    await page.fill("textarea", '2024-05-13T02:14:07Z ERROR upload failed {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE"}\nX-ErrNo: -6101');
    await page.click("form.scan button");
    await page.waitForSelector("#scan-results");
    const marks = await page.locator("#scan-results mark").allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(marks.join(" ")).toMatch(/29036|ERR_DOWN_NOTFINISHED_FILE/i);
    expect(marks.join(" ")).toContain("6101");
    expect(await page.locator("#scan-results a[href='/c/tencent-cos-v4/-29036']").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs nothing that a visitor smuggles into a query, a path or a scanned text", async () => {
    const { page, dialogs } = await openPage();
    const attack = `"><script>alert(1)</script><img src=x onerror="alert(2)"><svg onload=alert(3)>`;
    await page.goto(`${base}/?q=${encodeURIComponent(attack)}`);
    await page.goto(`${base}/c/${encodeURIComponent('<img src=x onerror="alert(4)">')}/1`);
    await page.goto(`${base}/c/x/${encodeURIComponent("<img src=x onerror=alert(5)>")}`);
    await page.goto(`${base}/scan`);
    await page.fill("textarea", `${attack} {"code":-29036} </textarea><script>alert(6)</script>`);
    await page.click("form.scan button");
    await page.waitForSelector("#scan-results");
    expect(await page.locator("img[src='x'], svg[onload], main script").count()).toBe(0);
    expect(await page.locator("textarea").inputValue()).toContain("</textarea><script>alert(6)</script>");
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
