// Auto-explain detection throughput: a 40 KB message (Slack's limit), 1 MB of realistic logs and 1 MB of
// adversarial input, in MB/s, against a naive `/-?\d+/g` scan of the same text in the same process (the baseline:
// the least any detector must do, with no context, no catalogs and no chat markup).
import { AUTO_REPLY_CONFIDENCE, detect } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";
import { hostileInputs, realisticLog } from "../test/support/detect-inputs.js";

const MB = 1 << 20;

/** Seconds per call: one warm-up call, then calls until at least `minMs` have passed. */
function secondsPerCall(work: () => unknown, minMs = 300): number {
  work();
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    work();
    calls++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < BigInt(minMs) * 1_000_000n);
  return Number(elapsed) / 1e9 / calls;
}

function naiveScan(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/-?\d+/g)) count++;
  return count;
}

export default async function bench(): Promise<void> {
  const { index } = Errcode.load();
  const realistic = realisticLog(MB, 11);
  const message = realisticLog(40_000, 12, 60);
  const hostile = hostileInputs(MB);
  const cases: Array<[string, string]> = [
    ["40 KB message (realistic)", message.text],
    ["1 MB realistic logs", realistic.text],
    ...Object.entries(hostile).map(([name, text]): [string, string] => [`1 MB adversarial: ${name}`, text]),
  ];

  console.log("detect() with the built-in catalogs vs a naive /-?\\d+/g scan of the same text, same process");
  console.log("| input | detect MB/s | naive MB/s | naive ÷ detect | auto detections |");
  console.log("|---|---|---|---|---|");
  let worst = { name: "", rate: Infinity, naive: 0 };
  for (const [name, text] of cases) {
    const megabytes = Buffer.byteLength(text, "utf8") / MB;
    let found = 0;
    const ours = secondsPerCall(() => (found = detect(index, text, { minConfidence: AUTO_REPLY_CONFIDENCE }).length));
    const naive = secondsPerCall(() => naiveScan(text));
    const rate = megabytes / ours;
    const naiveRate = megabytes / naive;
    if (name.includes("adversarial") && rate < worst.rate) worst = { name, rate, naive: naiveRate };
    console.log(`| ${name} | ${rate.toFixed(1)} | ${naiveRate.toFixed(1)} | ${(naiveRate / rate).toFixed(1)}x | ${found} |`);
  }
  const planted = new Set(detect(index, realistic.text, { minConfidence: AUTO_REPLY_CONFIDENCE }).map((d) => `${d.catalog}:${d.code}`));
  const hits = [...realistic.planted].filter((k) => planted.has(k)).length;
  console.log(`1 MB realistic logs: ${hits}/${realistic.planted.size} planted vendor errors auto-detected, ${planted.size - hits} other auto-detections`);
  console.log(`slowest adversarial input: ${worst.name.replace("1 MB adversarial: ", "")} at ${worst.rate.toFixed(2)} MB/s (naive ${worst.naive.toFixed(0)} MB/s)`);
}
