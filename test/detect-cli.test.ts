import { describe, expect, it } from "vitest";
import { run } from "./support/spawn.js";

// `node dist/cli.js scan --json` (built by `npm test` / `npm run build`) with a message piped in, as a user or
// another tool runs it. Contract: {"detections":[{"catalog","code","confidence","auto",...}]}, each (catalog, code)
// once, most confident first; exit 0 when something was found, 1 when nothing was.

const CLI = "dist/cli.js";

interface ScanDetection {
  catalog: string;
  code: string;
  name: string | null;
  en: string;
  confidence: number;
  auto: boolean;
  reason: string;
  evidence: string;
  request_id: string | null;
}

async function scan(input: string): Promise<{ code: number | null; detections: ScanDetection[] }> {
  const result = await run(CLI, ["scan", "--json"], { input });
  expect(result.stderr).toBe("");
  return { code: result.code, detections: (JSON.parse(result.stdout) as { detections: ScanDetection[] }).detections };
}

const SLACK_MESSAGE = [
  "<@U024BE7LH> prod downloads broken since the deploy of 2.0.197 to 10.0.0.97:8080:",
  '```{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x"}```',
  "&gt; and upyun said {&quot;msg&quot;: 1} no wait: {\"msg\":\"file or directory not found\",\"code\":40400001,\"id\":\"11e4a729d24943409933a5e8314cd32e\"}",
  "is -97 related? see <https://github.com/acme/media/issues/177|#177>",
].join("\n");

describe("errcode scan --json on a pasted Slack message", () => {
  it("follows the contract: every field, codes as strings, confidence in [0, 1], auto from the threshold", async () => {
    const { code, detections } = await scan(SLACK_MESSAGE);
    expect(code).toBe(0);
    expect(detections.length).toBeGreaterThan(0);
    for (const d of detections) {
      expect(Object.keys(d).sort()).toEqual(["auto", "catalog", "code", "confidence", "en", "evidence", "name", "reason", "request_id"]);
      expect(d.code).toMatch(/^-?\d+$/);
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(d.auto).toBe(d.confidence >= 0.8);
      expect(d.reason).toBeTruthy();
      expect(d.evidence).toBeTruthy();
    }
  });

  it("finds the vendor errors with their request ids, once each, most confident first, and nothing else", async () => {
    const { detections } = await scan(SLACK_MESSAGE);
    const keys = detections.map((d) => `${d.catalog}:${d.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(detections.map((d) => d.confidence)).toEqual([...detections.map((d) => d.confidence)].sort((a, b) => b - a));
    const auto = detections.filter((d) => d.auto);
    expect(auto.map((d) => `${d.catalog}:${d.code}`).filter((k) => !k.endsWith(":-97")).sort()).toEqual(["tencent-cos-v4:-29036", "upyun:40400001"]);
    expect(auto.find((d) => d.code === "-29036")).toMatchObject({ name: "ERR_DOWN_NOTFINISHED_FILE", request_id: "NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x" });
    expect(auto.find((d) => d.code === "40400001")).toMatchObject({ request_id: "11e4a729d24943409933a5e8314cd32e" });
    // A code someone asks about, in a message about COS, is listed in both catalogs that define it, with no
    // request id (the ids belong to the errors they sit next to). Whether it is auto-replied is the fitted model's call.
    expect(detections.filter((d) => d.code === "-97").map((d) => [d.catalog, d.request_id]).sort()).toEqual([
      ["tencent-ci-image", null],
      ["tencent-cos-v4", null],
    ]);
    // Nothing else: not the version, the IP and port, the issue number or the mention.
    expect([...keys].sort()).toEqual(["tencent-ci-image:-97", "tencent-cos-v4:-29036", "tencent-cos-v4:-97", "upyun:40400001"]);
  });

  it("prints an empty list and exits 1 for a message with numbers but no codes", async () => {
    const { code, detections } = await scan(
      '10.0.3.97 - - [13/May/2024:08:21:44 +0800] "GET /api/v1/files/177 HTTP/1.1" 500 612 "-" "okhttp/4.9.3" 0.213\n{ errno: -111, code: \'ECONNREFUSED\' }\n',
    );
    expect(detections).toEqual([]);
    expect(code).toBe(1);
  });
});
