// Search v2 (issue 11): vocabulary and aliases, typo tolerance, Chinese and mixed queries, the honest "nothing",
// and the same search behind autocomplete and the CLI. The corpus-wide figures are in search-corpus.test.ts.
import { describe, expect, it } from "vitest";
import { ANSWER_FEATURES, ANSWER_THRESHOLD } from "../src/catalog/answer-model.js";
import { CatalogIndex } from "../src/catalog/catalog-index.js";
import { RANKING } from "../src/catalog/ranking.js";
import type { Entry } from "../src/catalog/schema.js";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../src/catalog/loader.js";
import { bigramsWithVocabulary, tokenize } from "../src/catalog/tokenize.js";
import { editDistance, isShortWordSlip, type TypoMatcher } from "../src/catalog/typos.js";
import { Errcode } from "../src/core/errcode.js";
import { lookup } from "../src/core/lookup.js";
import { suggest } from "../src/core/suggest.js";
import { run } from "./support/spawn.js";

const errcode = Errcode.load();
const { index } = errcode;
const keys = (query: string, n = 3) => lookup(index, query).matches.slice(0, n).map((m) => `${m.entry.catalog}:${m.entry.code}`);

describe("other APIs' error names (aliases)", () => {
  it("/errcode InvalidAccessKeyId answers with the COS entries that mean it, COS first", () => {
    const reply = errcode.command("InvalidAccessKeyId");
    expect(reply.kind).toBe("lookup");
    const result = lookup(index, "InvalidAccessKeyId");
    expect(result.matches.every((m) => m.via === "alias" && m.entry.aliases?.includes("InvalidAccessKeyId"))).toBe(true);
    expect(result.matches[0]!.entry.catalog).toBe("tencent-cos-v4");
    expect(reply.cards[0]!.title).toContain(String(result.matches[0]!.entry.code));
  });

  it("any case and with underscores, and among other words", () => {
    const exact = keys("NoSuchBucket", 10);
    expect(exact.length).toBeGreaterThan(0);
    expect(keys("nosuchbucket", 10)).toEqual(exact);
    expect(keys("404 NoSuchBucket", exact.length)).toEqual(exact);
  });

  it("a part of one camel-case symbol answers with that entry; a part two symbols share does not", () => {
    const cos = (query: string) => lookup(index, query).matches.map((m) => `${m.entry.catalog}:${m.entry.code} ${m.via}`);
    expect(cos("RspInvalidHeadFlag")).toEqual(["tencent-cos-v4:-4006 symbol-part"]);
    expect(cos("InvalidHeadFlag")).toEqual(["tencent-cos-v4:-4006 symbol-part"]);
    // ErrCosRspInvalidHeadFlag (-4006) and ErrCosRspInvalidOffset (-4005) both hold it.
    const shared = lookup(index, "CosRspInvalid");
    expect(index.bySymbolPart("CosRspInvalid").map((e) => Number(e.code)).sort((a, b) => a - b)).toEqual([-4006, -4005]);
    expect(shared.matches.filter((m) => m.via === "symbol-part")).toEqual([]);
    expect([...shared.matches.map((m) => m.entry), ...shared.suggestions].length).toBeGreaterThan(0);
  });

  it("an error name nobody's catalog uses answers nothing, not entries sharing one of its words", () => {
    for (const query of ["ImagePullBackOff", "CrashLoopBackOff"]) expect(lookup(index, query).matches, query).toEqual([]);
  });
});

describe("typos", () => {
  it("tolerates one typo in a word of 5-7 letters and two from 8 on, transpositions included", () => {
    expect(keys("signatuer expird", 1)).toEqual(keys("signature expired", 1));
    expect(keys("buckte not empty", 1)).toEqual(keys("bucket not empty", 1));
  });

  it("reads a short word no English has as a letter left out or two swapped, never a substitution", () => {
    expect(keys("bandwith limt exceded", 2).sort()).toEqual(keys("bandwidth limit exceeded", 2).sort());
    expect(keys("file nmae too lnog", 1)).toEqual(keys("file name too long", 1));
    expect(isShortWordSlip("limt", "limit")).toBe(true);
    expect(isShortWordSlip("nmae", "name")).toBe(true);
    expect(isShortWordSlip("fiel", "file")).toBe(true);
    expect(isShortWordSlip("fill", "file")).toBe(false);
    expect(isShortWordSlip("name", "name")).toBe(false);
  });

  it("leaves short English words alone even when a catalog word is one slip away", () => {
    // `plan` is plain without its i, `from` is form swapped: neither is a typo.
    const typos = (index as unknown as { text: { typos: TypoMatcher } }).text.typos;
    expect(typos.nearShort("plan")).toEqual([]);
    expect(typos.nearShort("from")).toEqual([]);
    expect(typos.nearShort("limt")).toContain("limit");
  });

  it("never corrects numbers, nor a short word by substitution", () => {
    expect(lookup(index, "upload 29037 timeout").matches.map((m) => m.entry.code)).not.toContain(-29036);
    expect(editDistance("exit", "exif")).toBe(1);
    expect(lookup(index, "exif").matches).toEqual(lookup(index, "exif").matches);
    expect(lookup(index, "exit code 137").matches).toEqual([]);
  });

  it("counts a swap of two neighbours as one edit", () => {
    expect(editDistance("signatuer", "signature")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});

describe("Chinese and mixed queries", () => {
  it("a catalog's Chinese name scopes the search as its English one does, and is not counted as the question's words", () => {
    const named = index.search("又拍云 token 过期");
    const unnamed = index.search("token 过期");
    expect(named.best.map((s) => s.entry.catalog)).toEqual(index.search("upyun token 过期").best.map((s) => s.entry.catalog));
    expect(named.best[0]?.entry.catalog).toBe("upyun");
    const scoped = keys("又拍云 token 过期");
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((key) => key.startsWith("upyun:"))).toBe(true);
    expect(unnamed.best.some((s) => s.entry.catalog !== "upyun")).toBe(true);
    // Its characters are neither unknown words nor terms to cover.
    const at = (name: string) => ANSWER_FEATURES.indexOf(name as (typeof ANSWER_FEATURES)[number]);
    expect(named.answer.features[at("unknown-han")]).toBe(unnamed.answer.features[at("unknown-han")]);
    expect(named.answer.features[at("known-terms")]).toBe(unnamed.answer.features[at("known-terms")]);
    expect(named.answer.probability).toBeGreaterThanOrEqual(ANSWER_THRESHOLD);
  });

  it("a client platform named beside a code says where the client ran, not whose code it is; a product does", () => {
    expect(lookup(index, "the iOS app gets -1893 for a HEIC photo").matches.map((m) => `${m.entry.code} ${m.via}`)).toEqual(["-1893 code"]);
    // -1893 is the image service's too: beside a product (MySQL) it is that product's; beside a platform, a short one is.
    expect(lookup(index, "mysql error -1893").matches).toEqual([]);
    expect(lookup(index, "macOS error -120 when copying files").matches.filter((m) => m.via === "code")).toEqual([]);
  });

  it("a catalog's tool and SDK names (its detect words: coscmd, cosfs) name it too", () => {
    const score = (query: string, code: number) => index.search(query).best.find((s) => s.entry.catalog === "tencent-cos-v4" && s.entry.code === code)?.score ?? 0;
    expect(score("coscmd 文件名编码不是utf8", -46157)).toBeGreaterThan(score("文件名编码不是utf8", -46157) * 1.2);
  });

  it("colloquial Chinese finds the entry the catalog words differently", () => {
    expect(keys("签名过期了", 2).sort()).toEqual(["tencent-cos-v4:-46619", "tencent-cos-v4:-96"]);
    expect(keys("没有访问权限").length).toBeGreaterThan(0);
  });

  it("mixed Chinese and English", () => {
    const top = lookup(index, "uploadid不对").matches.slice(0, 3).map((m) => m.entry);
    expect(top.some((e) => e.en.toLowerCase().includes("upload id"))).toBe(true);
  });

  it("segments Chinese into bigrams plus the vocabulary's own words", () => {
    const segment = bigramsWithVocabulary(new Set(["没有权限"]));
    expect(tokenize("没有权限", segment).map((t) => t.key)).toEqual(["zh:没有", "zh:有权", "zh:权限", "zh:没有权限"]);
  });

  it("reads a count or a size with its unit as part of the story, not as another system's identifier", () => {
    const technical = (text: string) => tokenize(text).filter((t) => t.numeric).map((t) => `${t.word}:${t.technical}`);
    expect(technical("lists 250 entries at a time, 50 per page, header of 4kb, after 7 days")).toEqual(["250:false", "50:false", "4kb:false", "7:false"]);
    expect(technical("加到第11个就加不上了")).toEqual(["11:false"]);
    expect(technical("an 11th key, Date 2024-05-01 12:00:00")).toEqual(["11th:false", "2024:false", "05:false", "01:false", "12:false", "00:false", "00:false"]);
    expect(technical("PG 23505 unique_violation, exit code 137, port 6379")).toEqual(["23505:true", "137:true", "6379:true"]);
  });

  it("drops question words and particles from a query, not from the catalog", () => {
    expect(tokenize("为什么签名过期了", undefined, { query: true }).map((t) => t.key)).toEqual(["zh:签名", "zh:名过", "zh:过期"]);
  });
});

describe("honest nothing", () => {
  it.each(["OOMKilled", "PG 23505 unique_violation", "MySQL error 1045 access denied for user root", "阿里云 OSS RequestTimeTooSkewed"])(
    "%j answers nothing",
    (query) => {
      expect(lookup(index, query).matches).toEqual([]);
      expect(errcode.command(query).kind).not.toBe("lookup");
    },
  );

  it("offers entries just below the floor as suggestions, never as results", () => {
    const result = lookup(index, "bucket trouble with the flux capacitor");
    expect(result.matches).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  const builtin = loadCatalogs([BUILTIN_CATALOG_DIR]);
  /** A one-entry "payments" team catalog, shaped like a built-in one. */
  const paymentsCatalog = (entry: Partial<Entry>) => ({
    ...builtin[0]!,
    id: "payments",
    name: "Payments",
    aliases: [],
    entries: [{ ...builtin[0]!.entries[0]!, catalog: "payments", catalogName: "Payments", zh: undefined, aliases: [], definitions: undefined, ...entry }],
  });

  it("an index over a team catalog with vocabulary uses it too", () => {
    const team = paymentsCatalog({ code: 1001, symbols: ["PAY_DECLINED"], en: "The card was declined.", keywords: ["card bounced", "刷卡失败"], aliases: ["CardDeclined"] });
    // Team catalogs are always loaded beside the built-in ones, as here (a word's rarity is measured over all of them).
    const teamIndex = new CatalogIndex([...builtin, team]);
    expect(lookup(teamIndex, "card bounced").matches[0]?.entry.code).toBe(1001);
    expect(lookup(teamIndex, "刷卡失败了").matches[0]?.entry.code).toBe(1001);
    expect(lookup(teamIndex, "card_declined").matches[0]?.entry.code).toBe(1001);
  });

  it("a team catalog's tool names with '-' or '.' and its Chinese name name it; a longer Chinese name is not split by a shorter", () => {
    const team = {
      ...paymentsCatalog({ code: 1001, symbols: ["PAY_DECLINED"], en: "The card was declined.", keywords: ["card declined"] }),
      aliases: ["支付", "支付服务"],
      detect: { words: ["payments-api", "pay.internal"] },
    };
    const both = new CatalogIndex([...builtin, team]);
    for (const query of ["payments-api card declined", "pay.internal card declined", "支付服务 card declined"]) {
      expect([...both.catalogsNamedIn(query)], query).toEqual(["payments"]);
      expect(both.search(query).best[0]?.entry.catalog, query).toBe("payments");
    }
    // A keyword holding the catalog's Chinese name keeps its whole-phrase bonus.
    expect(lookup(index, "万象优图appid不存在").matches[0]?.entry.catalog).toBe("tencent-ci-image");
  });

  it("a question about one's own servers or apps (ports, SMS codes, captchas, deadlocks) answers nothing", () => {
    for (const query of ["端口被占用了", "短信验证码收不到", "登录验证码老是错误", "数据库死锁了", "jwt expired"]) expect(keys(query), query).toEqual([]);
  });

  it("another system's error name among plain words makes it that system's question; our own names do not", () => {
    expect(keys("ExpiredTokenException: token expired")).toEqual([]);
    expect(keys("UpYun signature expired").length).toBeGreaterThan(0);
    expect(keys("UpYun signature expired").every((key) => key.startsWith("upyun:"))).toBe(true);
    const qcloud = keys("qcloud_cos signature expired");
    expect(qcloud.every((key) => key.startsWith("tencent-cos-v4:"))).toBe(true);
    expect(qcloud.some((key) => ["tencent-cos-v4:-46619", "tencent-cos-v4:-96"].includes(key))).toBe(true);
  });

  it("such a topic beside a code does not make the code someone else's", () => {
    for (const query of ["上传 -97 磁盘满了", "upload returns -97 and cpu is at 100%"]) expect(keys(query, 5), query).toContain("tencent-cos-v4:-97");
  });

  it("a code beside another product's name is that product's, unless the question names one of our catalogs", () => {
    expect(keys("mysql error -97")).toEqual([]);
    // A kernel's drivers log negative errnos: `-71` is EPROTO there, not COS's frequency control.
    expect(keys("usb 1-1: device descriptor read/64, error -71")).toEqual([]);
    expect(keys("mmc1: error -110 whilst initialising MMC card")).toEqual([]);
    // Node prints the errno beside its name: -104 is ECONNRESET there, not the image service's -104.
    expect(keys("Error: read ECONNRESET { errno: -104, code: 'ECONNRESET', syscall: 'read' }")).toEqual([]);
    expect(keys("cos upload -97 after an ECONNRESET retry")).toContain("tencent-cos-v4:-97");
    expect(keys("cos ruby sdk ServerError Code: -97")).toEqual(["tencent-cos-v4:-97"]);
    expect(keys("upyun android sdk returned 40100005")).toEqual(["upyun:40100005"]);
  });

  it("colloquial Chinese reaches the catalogs' wording (对不上, 里面还有文件, 被禁掉)", () => {
    // COS and UpYun both say "directory not empty": either vendor's entry is the answer, the other right behind it.
    expect(keys("目录里面还有文件删不掉").slice(0, 2).sort()).toEqual(["tencent-cos-v4:-173", "upyun:40300005"]);
    expect(keys("上传后sha1对不上")).toContain("tencent-cos-v4:-5984");
    expect(keys("操作员被禁掉了")[0]).toBe("upyun:40100007");
  });

  it("a limited search gives the first results of an unlimited one, however many entries a common word touches", () => {
    for (const query of ["超时 quota", "object access 签名 token", "upload", "signature expired", "bucket not found"]) {
      const all = index.search(query, { limit: 1000 }).hits;
      for (const limit of [1, 3, 10]) expect(index.search(query, { limit }).hits, `${query} / ${limit}`).toEqual(all.slice(0, limit));
    }
  });

  it("an HTTP status told in a story is only a suggestion; beside a few words it is the answer", () => {
    const story = lookup(index, "my blog's pictures all come back 403 since yesterday");
    expect(story.matches.map((m) => m.entry.code)).not.toContain(403);
    expect(story.suggestions.map((e) => `${e.catalog}:${e.code}`)).toContain("tencent-cos-v4:403");
    // Where the story's words say more (hotlink protection), they are the answer, not the status. (Since the ranking
    // constants of ranking.json, the custom-403-page entry, which repeats "403", ranks before it.)
    const told = lookup(index, "images on my blog get 403 because of the anti-leech setting");
    expect(told.matches.slice(0, 3).map((m) => `${m.entry.catalog}:${m.entry.code}`)).toContain("tencent-ci-image:-108");
    // The status's own entry still shares the story's words ("403"), far down: not one of the three cards shown.
    expect(told.matches.slice(0, 3).map((m) => m.entry.code)).not.toContain(403);
    expect(keys("403 Forbidden")[0]).toBe("tencent-cos-v4:403");
    expect(keys("401 Unauthorized code 40100008").slice(0, 2)).toEqual(["upyun:40100008", "tencent-cos-v4:401"]);
  });

  it("an HTTP status beside another system's constant is that system's; in a story naming our catalog with no better answer it is ours", () => {
    const vercel = lookup(index, "504 GATEWAY_TIMEOUT Code: EDGE_FUNCTION_INVOCATION_TIMEOUT");
    expect(vercel.matches).toEqual([]);
    expect(vercel.suggestions.map((e) => `${e.catalog}:${e.code}`)).toContain("tencent-cos-v4:504");
    expect(keys("504 Gateway Timeout")).toContain("tencent-cos-v4:504");
    expect(keys("the cos api gave us 599 twice today")).toEqual(["tencent-cos-v4:599"]);
    // Without the catalog's name the same story only suggests the status.
    expect(keys("every upload to our bucket came back with 599 this morning")).toEqual([]);
  });

  it("an S3 error name written as a constant is another system's (RabbitMQ's PRECONDITION_FAILED)", () => {
    expect(keys("amqp channel closed: PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'jobs'")).toEqual([]);
    expect(keys("S3 PreconditionFailed on copy")).toContain("tencent-cos-v4:-100");
    // A team's alias written as a constant is found written so.
    const team = paymentsCatalog({ code: 1001, symbols: ["PAY_DECLINED"], en: "The card was declined.", aliases: ["INSUFFICIENT_FUNDS"] });
    const teamIndex = new CatalogIndex([...builtin, team]);
    expect(lookup(teamIndex, "charge failed: INSUFFICIENT_FUNDS").matches[0]?.entry.code).toBe(1001);
  });

  it("a unique part of a camel-case symbol typed in lower case answers as the symbol, from 12 characters", () => {
    expect(keys("rspinvalidheadflag")).toEqual(["tencent-cos-v4:-4006"]);
    expect(lookup(index, "headflag").matches.map((m) => m.via)).not.toContain("symbol-part");
  });

  it("a one-digit code is read only signed, right after a word saying a code follows, in a question naming our catalog", () => {
    expect(keys("cos sdk upload returns code -4")[0]).toBe("tencent-cos-v4:-4");
    const codesIn = (query: string) => lookup(index, query).matches.filter((m) => m.via === "code");
    expect(codesIn("upload retried 3 times, still failing with -4 bytes left")).toEqual([]);
    // Any C call's failure, and code words only as whole words.
    for (const query of ["read() returned -1", "fopen returned -1 on upload", "qrcode -4", "cos secret -4 is wrong"]) expect(codesIn(query), query).toEqual([]);
  });

  it("plain words make a question likelier answered only when it names no other product or error name", () => {
    expect(keys("why do we get ImagePullBackOff when we do a deploy, what should we do")).toEqual([]);
    expect(keys("why do we keep getting signature expired on every upload", 5)).toContain("tencent-cos-v4:-96");
  });

  it("an S3 name inside an XML error body, and a code after a quoted code key, are read in a longer message", () => {
    const bucketGone = keys("myApp.syncFolder to cos failed: <Error><Code>NoSuchBucket</Code><Message>bucket gone</Message></Error>");
    expect(bucketGone.length).toBeGreaterThan(0);
    for (const key of bucketGone) expect(index.entries.find((e) => `${e.catalog}:${e.code}` === key)?.aliases, key).toContain("NoSuchBucket");
    expect(keys("cos python sdk response {'code': -4, 'message': 'failed'}")).toEqual(["tencent-cos-v4:-4"]);
    // Any other key before a one-digit number is a count.
    expect(keys("cos python sdk response {'count': -4, 'message': 'failed'}")).toEqual([]);
  });

  it("a line another program printed (`prog: message`) is that program's, unless the program is ours or a log level", () => {
    for (const query of ["sftp: upload denied, permission denied on remote directory", "pngquant: file too large to process"]) expect(keys(query), query).toEqual([]);
    expect(keys("upyun: upload rejected because the signature is wrong")[0]).toMatch(/^upyun:/);
    expect(keys("error: signature expired on upload").length).toBeGreaterThan(0);
    // A heading is no program, and a line from one of our catalogs' tools (or naming our catalog) is ours.
    expect(keys("note: signature expired on upload").length).toBeGreaterThan(0);
    expect(keys("coscmd: the request signature has expired")[0]).toMatch(/^tencent-cos-v4:/);
  });

  it("an app with storage behind it and messages of its own (Cloudreve, Lsky Pro) is another product", () => {
    for (const query of ["cloudreve 提示文件大小超出存储策略限制", "lsky 上传失败：图片格式不被允许"]) expect(keys(query), query).toEqual([]);
  });

  it("a video's file type reads as video", () => {
    expect(keys("cannot copy the .mkv to the archive path")).toContain("tencent-cos-v4:-186");
  });

  it("the ranking constants can be given: the same ones rank the same, a different typo factor changes what a typo finds", () => {
    const same = new CatalogIndex(index.catalogs, { ranking: structuredClone(RANKING) });
    for (const query of ["signatuer expird", "copy video file not supported", "又拍云 token 过期"]) expect(lookup(same, query).matches, query).toEqual(lookup(index, query).matches);
    expect(keys("signatuer expird")).toContain("tencent-cos-v4:-96");
    expect(lookup(new CatalogIndex(index.catalogs, { ranking: { ...RANKING, typo: 0 } }), "signatuer expird").matches).toEqual([]);
  });

  it("a status beside a file, a call or HTTP's own reason phrase is still the status", () => {
    for (const query of ["403 Forbidden putObject", "HTTP 403 on myPhoto.jpg", "504 GATEWAY_TIMEOUT"]) expect(keys(query)[0], query).toMatch(/^tencent-cos-v4:(403|504)$/);
  });

  it("a catalog's name against Chinese text or inside an identifier names it", () => {
    expect([...index.catalogsNamedIn("UpYun上传失败")]).toEqual(["upyun"]);
    expect([...index.catalogsNamedIn("upyun_sdk upload fails")]).toEqual(["upyun"]);
    expect(keys("UpYun上传失败").length).toBeGreaterThan(0);
    expect(keys("UpYun上传失败").every((key) => key.startsWith("upyun:"))).toBe(true);
    // An identifier with our catalog's name in it is not another system's.
    expect(index.foreignIdentifiers("CosClient upload fails")).toBe(0);
    expect(index.foreignIdentifiers("ImagePullBackOff on deploy")).toBe(1);
  });

  it("a code whose minus was dropped inside a sentence is still found after a word that says a code follows", () => {
    expect(keys("续传返回 4024，重试了三次还是这个")[0]).toBe("tencent-cos-v4:-4024");
    expect(keys("upload got code 29036 again")[0]).toBe("tencent-cos-v4:-29036");
    // Without such a word a bare number in a sentence is not read as a code with its minus dropped: a count.
    expect(lookup(index, "we have 4024 files in the folder").matches.filter((m) => m.via === "code")).toEqual([]);
  });

  it("the digits of a time, a date or an address in a question are not codes", () => {
    expect(keys("JwtException: JWT expired at 2024-05-01T08:00:00Z")).toEqual([]);
    expect(keys("upload failed at 08:00:00 with -97")).toContain("tencent-cos-v4:-97");
    expect(keys("x-error-code:40100005")).toEqual(["upyun:40100005"]);
  });

  it("typing digits offers a team's string codes that start with them", () => {
    const team = paymentsCatalog({ code: "5001-A", symbols: ["PAY_LIMIT"], en: "The daily limit was reached." });
    expect(suggest(new CatalogIndex([...builtin, team]), "500").map((e) => String(e.code))).toContain("5001-A");
  });

  it("a team catalog that uses such a word (支付, payments) keeps its answers", () => {
    const team = paymentsCatalog({ code: 1002, symbols: ["PAY_GATEWAY_DOWN"], en: "The payment gateway did not answer.", zh: "支付网关无响应", keywords: ["支付超时"] });
    expect(keys("支付网关无响应")).toEqual([]);
    expect(lookup(new CatalogIndex([...builtin, team]), "支付网关无响应").matches[0]?.entry.code).toBe(1002);
  });
});

describe("one search behind autocomplete and the CLI", () => {
  it("autocomplete offers what lookup finds, first", () => {
    const found = lookup(index, "signatuer expird").matches.map((m) => m.entry);
    expect(suggest(index, "signatuer expird").slice(0, found.length)).toEqual(found.slice(0, 25));
  });

  it("lookup --json: nothing is exit 1 with suggestions marked as such", { timeout: 60_000 }, async () => {
    // Generous: a spawned CLI on a busy shared machine can take many seconds to start.
    const result = await run("dist/cli.js", ["lookup", "--json", "bucket trouble with the flux capacitor"], { timeoutMs: 50_000 });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { results: unknown[]; suggestions: Array<{ code: string }> };
    expect(out.results).toEqual([]);
    expect(out.suggestions.length).toBeGreaterThan(0);
  });

  it("the no-match card says the suggestions are suggestions", () => {
    const reply = errcode.command("bucket trouble with the flux capacitor");
    expect(reply.kind).toBe("no-match");
    expect(reply.cards[0]!.title).toMatch(/^Nothing for/);
    expect(reply.cards[0]!.sections[0]!.title).toMatch(/Did you mean \(suggestions\)/);
  });
});
