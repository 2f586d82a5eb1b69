// Inputs for the detection benchmark and the linear-time tests: realistic on-call logs with a few planted
// vendor errors, and hostile inputs built to trip backtracking regular expressions or quadratic scans.
// Deterministic (seeded), so a run can be compared with the next.

/** A small seeded PRNG (mulberry32): the same seed gives the same log. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, max: number) => Math.floor(random() * max);
const hex = (random: () => number, length: number) => Array.from({ length }, () => "0123456789abcdef"[int(random, 16)]).join("");

function timestamp(random: () => number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `2024-05-${pad(1 + int(random, 28))}T${pad(int(random, 24))}:${pad(int(random, 60))}:${pad(int(random, 60))}.${pad(int(random, 1000), 3)}Z`;
}

/** Lines with numbers that are not codes: statuses, sizes, ports, versions, durations, ids, line numbers. */
const NOISE: Array<(r: () => number) => string> = [
  (r) => `10.0.${int(r, 255)}.${int(r, 255)} - - [13/May/2024:08:${int(r, 60)}:44 +0800] "GET /api/v1/files/${int(r, 9999)} HTTP/1.1" ${pick(r, [200, 200, 200, 304, 404, 500, 503])} ${int(r, 90000)} "-" "okhttp/4.9.3" 0.${int(r, 999)}`,
  (r) => `${timestamp(r)} INFO  media-api request_id=${hex(r, 24)} method=GET path=/v/${hex(r, 8)}.mp4 status=${pick(r, [200, 206, 403, 413])} bytes=${int(r, 50_000_000)} duration_ms=${int(r, 900)}`,
  (r) => `${timestamp(r)} WARN  uploader slow slice upload slice_size=${pick(r, [1048576, 524288])} offset=${int(r, 1e9)} attempt=${1 + int(r, 5)}/5 took ${int(r, 9000)} ms`,
  (r) => `{"@timestamp":"${timestamp(r)}","level":"info","service":"media-api","msg":"served","status":${pick(r, [200, 500, 403])},"trace_id":"${hex(r, 32)}","duration_ms":${int(r, 700)}}`,
  (r) => `\tat com.example.media.Uploader.put(Uploader.java:${int(r, 900)})`,
  (r) => `goroutine ${int(r, 999)} [running]:\n\t/app/cmd/upload/main.go:${int(r, 500)} +0x${hex(r, 3)}`,
  (r) => `${timestamp(r)} DEBUG redis 10.0.0.${int(r, 255)}:6379 pool=${int(r, 64)} idle=${int(r, 64)} version=2.0.${int(r, 300)}`,
  () => `Error: connect ECONNREFUSED 127.0.0.1:5432 { errno: -111, code: 'ECONNREFUSED', syscall: 'connect' }`,
  (r) => `    97s  Warning  BackOff  pod/media-${hex(r, 5)}  Back-off restarting failed container (exit code 137, restarts ${int(r, 120)})`,
  (r) => `PR #${int(r, 900)} bumped cos-python-sdk-v5 to 1.9.${int(r, 40)}; trace ${hex(r, 8)}-${hex(r, 4)}-4000-${hex(r, 4)}-${hex(r, 12)}`,
];

/** Vendor errors as they appear in logs, and the (catalog:code) each one should yield. */
const PLANTED: Array<[(r: () => number) => string, string]> = [
  [(r) => `${timestamp(r)} ERROR cos get failed {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWE5${hex(r, 20)}"}`, "tencent-cos-v4:-29036"],
  [(r) => `${timestamp(r)} ERROR cos put failed code=-46628 msg=COS_FILE_NOT_EXIST_ERR request_id=NWFh${hex(r, 20)}`, "tencent-cos-v4:-46628"],
  [(r) => `${timestamp(r)} ERROR upyun {"msg":"file or directory not found","code":40400001,"id":"${hex(r, 32)}"}`, "upyun:40400001"],
  [() => `X-ErrNo: -5062`, "tencent-ci-image:-5062"],
];

export interface GeneratedLog {
  text: string;
  /** The (catalog:code) pairs planted in it. */
  planted: Set<string>;
}

/** About `size` characters of realistic logs, one planted vendor error every ~`plantEvery` lines. */
export function realisticLog(size: number, seed = 1, plantEvery = 400): GeneratedLog {
  const random = seeded(seed);
  const lines: string[] = [];
  const planted = new Set<string>();
  let length = 0;
  while (length < size) {
    let line: string;
    if (int(random, plantEvery) === 0) {
      const [make, key] = pick(random, PLANTED);
      line = make(random);
      planted.add(key);
    } else {
      line = pick(random, NOISE)(random);
    }
    lines.push(line);
    length += line.length + 1;
  }
  return { text: lines.join("\n").slice(0, size), planted };
}

/** Chat lines with no error codes: people talking, some numbers, some Chinese, links and mentions. */
const CHAT: Array<(r: () => number) => string> = [
  (r) => `can someone take a look at the deploy? it has been stuck for ${1 + int(r, 50)} minutes`,
  () => "lgtm, merging after lunch",
  (r) => `<@U0${hex(r, 8).toUpperCase()}> did you rotate the keys yesterday or was that last week?`,
  () => "I think the cache is cold again, latency went up right after the rollout",
  (r) => `meeting moved to ${1 + int(r, 11)}pm, same room`,
  () => "上线之后监控看起来正常，我先去吃饭了",
  () => "这个问题昨天也出现过，重启一下服务就好了",
  (r) => `see <https://wiki.example.com/runbooks/${hex(r, 6)}|the runbook> before you page anyone`,
  () => "thanks! that fixed it 🎉",
  () => "anyone know why the staging bucket is so slow today?",
  (r) => `PR ${int(r, 900)} is ready for review, mostly renames`,
  () => "ok, I will keep an eye on the dashboard tonight",
];

/** About `size` characters of on-call chat with no error codes in it. */
export function chatWithoutCodes(size: number, seed = 3): string {
  const random = seeded(seed);
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    const line = pick(random, CHAT)(random);
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n").slice(0, size);
}

/** Inputs built to make a careless scanner backtrack or go quadratic; each about `size` characters. */
/** `unit(0) + unit(1) + …` up to `size` characters. */
function numbered(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join("").slice(0, size);
}

/** `a`, `b`, … `z`, `ba`, `bb`, …: a distinct name per number, without digits. */
export function lettersFor(i: number): string {
  let name = "";
  do {
    name = String.fromCharCode(97 + (i % 26)) + name;
    i = Math.floor(i / 26);
  } while (i > 0);
  return name;
}

export function hostileInputs(size: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return {
    "one digit run": fill("9"),
    "one '-' run": fill("-"),
    "'-' then digits, repeated": fill("-".repeat(50) + "2".repeat(50)),
    "short catalog codes, space separated": fill("-97 "),
    "keyed codes, every one a candidate": fill('"code":-97,'),
    "nested quotes and braces": `${"{\"a\":".repeat(Math.floor(size / 10))}"msg":"${"\"'".repeat(Math.floor(size / 4))}`.slice(0, size),
    "unterminated message fields": fill('"msg":"x'),
    "1 MB line without newline": realisticLog(size, 7).text.replace(/\n/g, " "),
    "failure words on neighbouring lines": fill("error\n-97\n"),
    "errno names everywhere": fill("EIO -97 "),
    "unclosed Slack brackets": fill("<@U123 <https://x.io/a|"),
    "endless URL": `https://${fill("a/-97/")}`.slice(0, size),
    "symbol-shaped runs": fill("ERROR_PROXY_AUTH_"),
    "request-id keys without values": fill("request_id: "),
    "request ids around every code": fill(" request_id=NWE5ZGYxOGRf0001 code=-97"),
    "Han text with codes": fill("错误码-97，返回码："),
    "full-width digits and minus": fill("－２９０３６ "),
    "HTML entities": fill("&lt;&gt;&amp;-97"),
    // For the credential masking that runs before detection: a secret word every few characters of one token,
    // cookie headers and PEM key headers with nothing after them.
    "secret words run together": fill("pwd-sign-"),
    "cookie headers without end": fill("Cookie: a=b; c=d; "),
    "private key headers without bodies": fill("-----BEGIN PRIVATE KEY-----\n"),
    // Every number is a list item: each asks whether its list is tested for membership. Distinct variables make
    // distinct contexts, so every number is judged (identical ones are judged once).
    "one endless list of codes": `[${numbered(size, (i) => `-97 /* ${i} */, `)}`.slice(0, size),
    "short lists of codes tested for membership": numbered(size, (i) => `[0, -97].indexOf(c${i}) `),
    // Comparisons whose vendor is only in identifiers: the identifier scan runs once per message, however many.
    "comparisons among vendor-like identifiers": numbered(size, (i) => `if (c${i} == -97) a_cos_b = cosCost${i}; `),
    // Digits read alike in a context, so these contexts differ by letters: every one is judged.
    "membership tests of identifiers that differ by letters": numbered(size, (i) => `[0, -97].indexOf(${lettersFor(i)}) `),
    // Hundreds of codes, each compared in many such contexts: the per-message budget, not the per-code one, binds.
    "hundreds of codes compared with identifiers that differ by letters": numbered(size, (i) => `if (${lettersFor(i)} == -${1 + (i % 300)}) `),
  };
}
