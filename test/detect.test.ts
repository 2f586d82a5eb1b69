import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatToPlainText, decodeEntities } from "../src/core/chat-text.js";
import { AUTO_REPLY_CONFIDENCE, detect, EXPLICIT_CONFIDENCE, type DetectStats } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";

const errcode = Errcode.load();
const { index } = errcode;
const keys = (text: string, minConfidence = AUTO_REPLY_CONFIDENCE) => detect(index, text, { minConfidence }).map((d) => `${d.catalog}:${d.code}`);

describe("chatToPlainText", () => {
  it("decodes Slack's escapes after unwrapping its markup, so escaped brackets stay text", () => {
    expect(chatToPlainText("&lt;Code&gt;-97&lt;/Code&gt; 2&gt;&amp;1")).toBe("<Code>-97</Code> 2>&1");
  });

  it("decodes the three escapes in one pass: the same text as replacing &lt;, &gt; and then &amp; everywhere", () => {
    const replacedInTurn = (t: string) => t.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
    const pieces = ["&", "&lt;", "&gt;", "&amp;", "&amp;lt;", "lt;", "gt;", "amp;", "amp", ";", "<", ">", "-97", " ", "签名", "&&"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((p) => p.join("")), (t) => {
        expect(decodeEntities(t)).toBe(replacedInTurn(t));
      }),
      { numRuns: 3000 },
    );
    expect(decodeEntities("no escapes here")).toBe("no escapes here");
  });

  it("keeps a link's URL and label, blanks mentions and broadcasts, keeps a channel's name", () => {
    const plain = chatToPlainText("<@U024BE7LH> see <https://cos.ap-guangzhou.myqcloud.com/a|the object> in <#C0123|ops> <!here>");
    expect(plain).toContain("https://cos.ap-guangzhou.myqcloud.com/a");
    expect(plain).toContain("the object");
    expect(plain).toContain("#ops");
    expect(plain).not.toContain("U024BE7LH");
    expect(plain).not.toContain("here");
  });

  it("drops code fences and Discord's emoji and timestamp tokens", () => {
    expect(chatToPlainText('```json\n{"code":-97}```')).not.toContain("`");
    const plain = chatToPlainText("<:party:112233445566> at <t:1715588504:R>");
    expect(plain).not.toMatch(/\d/);
  });

  it("folds full-width forms, Unicode minus signs and zero-width characters", () => {
    expect(chatToPlainText("错误码：－２９０３６")).toBe("错误码:-29036");
    expect(chatToPlainText("\u22126101 \u201346628 \uFE634018")).toBe("-6101 -46628 -4018");
    expect(chatToPlainText("-29\u200B036")).toBe("-29036");
  });
});

describe("detect", () => {
  it("says why it took each number for a code", () => {
    const reason = (text: string) => detect(index, text)[0]?.reason;
    expect(reason('{"code": -29036}')).toBe("JSON key");
    expect(reason("X-ErrNo: -5062")).toBe("header");
    expect(reason("<Code>-29036</Code>")).toBe("XML tag");
    expect(reason("errno -46628")).toBe("context keyword");
    expect(reason("seeing ERR_DOWN_NOTFINISHED_FILE")).toBe("symbol");
    expect(reason("-29036")).toBe("shape");
    expect(reason("code=-82 msg=不存在此appid")).toBe("message agrees: 不存在此appid");
  });

  it("reports a code once, with its most confident sighting", () => {
    const found = detect(index, 'we got -29036 again\n{"code":-29036,"message":"x"}\nand -29036 later');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: -29036, reason: "JSON key" });
    expect(found[0]!.confidence).toBeGreaterThan(0.95);
    expect(found[0]!.evidence).toContain('"code":-29036');
  });

  it("orders by confidence, then by position", () => {
    const found = detect(index, "-50122 first, then ERR_DOWN_NOTFINISHED_FILE, then code=-46628");
    expect(found).toHaveLength(3);
    for (let i = 1; i < found.length; i++) expect(found[i - 1]!.confidence).toBeGreaterThanOrEqual(found[i]!.confidence);
    // The same evidence gives the same confidence: then the text's order decides.
    expect(detect(index, '{"code":-29036}\n{"code":-46628}').map((d) => d.code)).toEqual([-29036, -46628]);
    expect(detect(index, '{"code":-46628}\n{"code":-29036}').map((d) => d.code)).toEqual([-46628, -29036]);
  });

  it("pairs each error with the request id next to it", () => {
    const text = [
      '{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x"}',
      "... 40 lines later ...",
      '{"msg":"file or directory not found","code":40400001,"id":"11e4a729d24943409933a5e8314cd32e"}',
    ].join("\n");
    const byCode = new Map(detect(index, text).map((d) => [d.code, d.requestId]));
    expect(byCode.get(-29036)).toBe("NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x");
    expect(byCode.get(40400001)).toBe("11e4a729d24943409933a5e8314cd32e");
  });

  it("does not lend a response's request id to a code mentioned elsewhere in the message", () => {
    const text = '{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x"}\nalso, is code -5999 related?';
    const byCode = new Map(detect(index, text).map((d) => [d.code, d.requestId]));
    expect(byCode.get(-29036)).toBe("NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x");
    expect(byCode.has(-5999)).toBe(true);
    expect(byCode.get(-5999)).toBeUndefined();
  });

  it("gives an error the same request id whatever the caller's threshold", () => {
    const dump = '< HTTP/1.1 403 Forbidden\n< x-cos-request-id: NWFhYjI0MDBfOWIxZjRkMGFfMWU2Ml8x\n< Content-Length: 89\n{"code":-46618,"message":"COS_SIGN_CHECK_FAIL_ERR"}';
    for (const minConfidence of [0, EXPLICIT_CONFIDENCE, AUTO_REPLY_CONFIDENCE]) {
      const error = detect(index, dump, { minConfidence }).find((d) => d.code === -46618);
      expect(error?.requestId, `minConfidence ${minConfidence}`).toBe("NWFhYjI0MDBfOWIxZjRkMGFfMWU2Ml8x");
    }
  });

  it("does not take a short `id` value or a trace id for a request id", () => {
    const [d] = detect(index, '{"code":-46628,"id":"a.jpg","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}');
    expect(d!.requestId).toBeUndefined();
  });

  it("when a code is in several catalogs and the message names one, auto-replies with that one only", () => {
    expect(keys('{"code":-97,"message":"sign failed"}')).toEqual(expect.arrayContaining(["tencent-cos-v4:-97", "tencent-ci-image:-97"]));
    expect(keys('万象优图 {"code":-97,"message":"sign failed"}')).toEqual(["tencent-ci-image:-97"]);
    expect(keys('x-cos-request-id: NWFh1234567 {"code":-97}')).toEqual(["tencent-cos-v4:-97"]);
    // The other catalog's reading is still offered when someone asks explicitly.
    expect(keys('万象优图 {"code":-97,"message":"sign failed"}', EXPLICIT_CONFIDENCE)).toContain("tencent-cos-v4:-97");
  });

  it("auto-replies to code comparing a short or an 8-digit code only when the code talks to the vendor", () => {
    // Another program's own numbers (an exchange, a login API): nothing in the text says COS.
    const unnamed = "if (result.code === -4018) {\n  showError('coin not available');\n}";
    expect(keys(unnamed)).toEqual([]);
    expect(keys(unnamed, EXPLICIT_CONFIDENCE)).toEqual(["tencent-cos-v4:-4018"]);
    // The same comparison in a COS client: an identifier names the vendor.
    expect(keys("int ret = cosClient.upload(req);\nif (ret == -4018) {\n  return true;\n}")).toEqual(["tencent-cos-v4:-4018"]);
    expect(keys("if (s_cosapi->code == -4018) {")).toEqual(["tencent-cos-v4:-4018"]);
    // Identifier parts, not letters: `cost` and `cosine` are no vendor.
    expect(keys("double cost = cosine(a);\nif (ret == -4018) {")).toEqual([]);
    // Many APIs number their errors as UpYun does (`40300002`): an 8-digit code needs the vendor too, or its header.
    expect(keys("if (res.data.code === 40300002) {\n  toast('already applied');\n}")).toEqual([]);
    expect(keys("if (code == 40011059) {", EXPLICIT_CONFIDENCE)).toEqual(["upyun:40011059"]);
    expect(keys("UpYun up = new UpYun(bucket, op, pw);\nif (code == 40011059) {")).toEqual(["upyun:40011059"]);
    expect(keys('int code = Integer.parseInt(response.header("X-Error-Code", "-1"));\nif (code == 40011059) {')).toEqual(["upyun:40011059"]);
    // COS's long negative codes are nobody else's.
    expect(keys("if (ret == -46628) {")).toEqual(["tencent-cos-v4:-46628"]);
  });

  it("leaves another cloud's numbers, a status line's reason phrase and an app's member named like a symbol to explicit requests", () => {
    // Another cloud's storage named, ours not: its -404 is its own.
    const oss = 'Error Domain=com.aliyun.oss.serverError Code=-404 "(null)" UserInfo={__name=Error}';
    expect(keys(oss)).toEqual([]);
    expect(keys(oss, EXPLICIT_CONFIDENCE)).toContain("tencent-cos-v4:-404");
    expect(keys("阿里云 OSS 上传报 -166，迁到 cos 之后 cos 也报 -166")).toEqual(["tencent-cos-v4:-166"]);
    // `429 Too Many Requests` is HTTP's reason phrase; UpYun's own body says which 429 it is.
    expect(keys("upyun PUT resulted in a `429 Too Many Requests` response")).toEqual([]);
    expect(keys("upyun PUT resulted in a `429 Too Many Requests` response", EXPLICIT_CONFIDENCE)).toEqual(["upyun:42900001"]);
    expect(keys('upyun PUT failed: {"msg":"too many requests","code":42900001}')).toEqual(["upyun:42900001"]);
    // `R.string.error_process_file_too_large`: an Android app's string resource, not the vendor's symbol.
    expect(keys("throw new IllegalArgumentException(context.getString(R.string.error_process_file_too_large))")).toEqual([]);
    expect(keys("context.getString(R.string.error_process_file_too_large)", EXPLICIT_CONFIDENCE)).toEqual(["tencent-cos-v4:-285"]);
    // The vendor's own Go SDK naming its error is no app's member.
    expect(keys("cos upload failed: cos.ErrDecodeReq")).toEqual(["tencent-cos-v4:-4000"]);
    expect(keys("上传时报 error_proxy_appid_userid_notmatch")).toEqual(["tencent-cos-v4:-70"]);
  });

  it("reads a list of codes tested for membership as handling them, and an index search's -1 as no code", () => {
    const sync = "qcloud.cos.upload(bucket, file, function (result) {\n  if ([0, -4018, -177].indexOf(result.code) === -1) fail(result);\n});";
    expect(keys(sync).sort()).toEqual(["tencent-cos-v4:-177", "tencent-cos-v4:-4018"]);
    expect(keys(sync, 0)).not.toContain("tencent-cos-v4:-1");
    expect(keys("$r = $cosClient->upload($f);\nif (in_array($r['code'], [-4018, -177])) return true;").sort()).toEqual(["tencent-cos-v4:-177", "tencent-cos-v4:-4018"]);
    expect(keys("qcloud.cos.upload(b, f, (r) => {\n  const ok = [\n    0,\n    -4018,\n  ].includes(r.code);\n});")).toEqual(["tencent-cos-v4:-4018"]);
    for (const sentinel of ["!== -1", "=== -1", "!= -1"]) {
      expect(keys(`qcloud.cos.upload(b, f, (r) => { if (codes.indexOf(Number(parse(r.code))) ${sentinel}) retry(); });`, 0), sentinel).not.toContain("tencent-cos-v4:-1");
    }
  });

  it("the cosine is not COS: Math.cos in the code does not make it talk to the vendor", () => {
    expect(keys("const x = Math.cos(angle) * r;\nif (result.code === -4018) showError();")).toEqual([]);
  });

  it("a switch over many of the vendor's codes handles them when the code talks to the vendor", () => {
    const cases = [-62, -79, -97, -166].map((c) => `    case ${c}:\n      msg = 'bad setting';\n      break;`).join("\n");
    const cos = `$ret = qcloudcos\\Cosapi::upload($bucket, $src, $dst);\nswitch ($ret['code']) {\n${cases}\n}\nshow_json(-1, msg);`;
    expect(keys(cos).sort()).toEqual(["tencent-cos-v4:-166", "tencent-cos-v4:-62", "tencent-cos-v4:-79", "tencent-cos-v4:-97"]);
    // The same switch in an app whose own codes these are names no vendor: a listing, explained on request only.
    expect(keys(`switch (res.code) {\n${cases}\n}\nshow_json(-1, msg);`)).toEqual([]);
  });

  it("a symbol only COS prints says which catalog's shared code a switch handles, even as a bare constant", () => {
    const symbols = { "-96": "ERROR_PROXY_AUTH_EXPIRED", "-97": "ERROR_PROXY_AUTH_FAILED", "-98": "ERROR_PROXY_AUTH_INVOKE" };
    const cases = Object.entries(symbols).map(([code, symbol]) => `  case ${code}:\n    callback.error(${symbol});\n    break;`).join("\n");
    const text = `// qcloud video upload\nswitch (errorCode) {\n${cases}\n}`;
    expect(keys(text).sort()).toEqual(["tencent-cos-v4:-96", "tencent-cos-v4:-97", "tencent-cos-v4:-98"]);
  });

  it("a message field that says something else makes the code someone else's: explained on request only", () => {
    const other = '想问一下原因: {"code":-101,"message":"账号未登录","ttl":1} 是什么原因，昨天还可以打开';
    expect(keys(other)).toEqual([]);
    expect(keys(other, EXPLICIT_CONFIDENCE)).toEqual(expect.arrayContaining(["tencent-cos-v4:-101"]));
    // The vendor's own body, or the vendor named, keeps it an incident.
    expect(keys('{"code":-97,"message":"ERROR_PROXY_AUTH_FAILED"}')).toContain("tencent-cos-v4:-97");
    expect(keys('cos upload 想问一下原因: {"code":-101,"message":"账号未登录"} 是什么原因')).toEqual(expect.arrayContaining(["tencent-cos-v4:-101"]));
  });

  it("a message saying the entry's meaning the other way round contradicts it, in English and Chinese", () => {
    // COS -177 is "file already exists", -197 "file does not exist".
    const reasons = (text: string) => detect(index, text, { minConfidence: EXPLICIT_CONFIDENCE }).map((d) => `${d.catalog}:${d.code} ${d.reason}`);
    expect(keys('{"code": -177, "message": "file does not exist"}')).toEqual([]);
    expect(reasons('{"code": -177, "message": "file does not exist"}')).toEqual(["tencent-cos-v4:-177 message says otherwise"]);
    expect(keys('{"code": -177, "message": "文件不存在"}')).toEqual([]);
    expect(keys('{"code": -177, "message": "file already exists"}')).toEqual(["tencent-cos-v4:-177"]);
    expect(keys('{"code": -177, "message": "文件已存在"}')).toEqual(["tencent-cos-v4:-177"]);
    // The same negation agrees with an entry that negates too.
    expect(keys('{"code": -197, "message": "file does not exist"}')).toContain("tencent-cos-v4:-197");
    expect(keys('{"code": -197, "message": "文件不存在"}')).toContain("tencent-cos-v4:-197");
    // `doesn't` and an `err` field read the same way.
    expect(keys('reject({"err": "user doesn\'t exist", "code": -177})')).toEqual([]);
  });

  it("words about the vendor documents in an entry's English (\"the user guide (002)\") agree with nothing", () => {
    // COS -177's English cites "the user guide (002)": `user` had agreed with any message about a user.
    expect(keys('{"code": -177, "message": "invalid user"}')).toEqual([]);
    expect(keys('{"code": -177, "message": "file already exists"}')).toEqual(["tencent-cos-v4:-177"]);
  });

  it("a negation reaches one clause only, and one negated word does not outvote the words that agree", () => {
    expect(keys('{"code":-177,"message":"file already exists, cannot overwrite"}')).toEqual(["tencent-cos-v4:-177"]);
    expect(keys('{"code":-177,"message":"file already exists, not uploaded"}')).toEqual(["tencent-cos-v4:-177"]);
    expect(keys('why not? {"code": -177, "message": "file already exists"}')).toEqual(["tencent-cos-v4:-177"]);
    expect(keys('{"code": -177, "cached": "no", "message": "file already exists"}')).toEqual(["tencent-cos-v4:-177"]);
    // A message that shares no word is not "said otherwise": the reason stays the key's.
    expect(detect(index, '{"code":-177,"message":"whatever happened"}', { minConfidence: EXPLICIT_CONFIDENCE })[0]?.reason).not.toBe("message says otherwise");
  });

  it("an identifier's first letters do not vouch for an entry in code that names no vendor; its words do", () => {
    // `token_false` begins like the image service's "session token" keyword for -95; it is the app's own function.
    expect(keys("else if (res.data.code == -95) { token_false(res); }")).toEqual([]);
    expect(keys("else if (res.data.code == -95) { // slice upload lost its session\n retry(res); }")).toContain("tencent-cos-v4:-95");
  });

  it("does not auto-reply to a dictionary of the vendor's messages", () => {
    const dictionary = "UPYUN_MESSAGES = {\n  'Need Date Header' => '发起的请求缺少 Date 头信息',\n}";
    expect(keys(dictionary)).toEqual([]);
    expect(keys("upyun said: need date header")).toEqual(["upyun:40100001"]);
  });

  it("explains success codes only when asked", () => {
    expect(keys('{"code": 0, "message": "SUCCESS"}')).toEqual([]);
    expect(keys("image service X-ErrNo: -122")).toEqual([]);
    expect(keys("image service X-ErrNo: -122", EXPLICIT_CONFIDENCE)).toEqual(["tencent-ci-image:-122"]);
  });

  it("ignores kernel and libuv errnos that collide with short catalog codes", () => {
    expect(keys("{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect' }", 0)).toEqual([]);
    expect(keys("{ code: 'EADDRINUSE', errno: -98 }", 0)).toEqual([]);
  });

  it("has no size limit: a code after 3 MB of text is still found", () => {
    const padding = "x".repeat(3_000_000);
    expect(keys(`${padding} code=-29036`)).toEqual(["tencent-cos-v4:-29036"]);
  });

  it("counts its work when asked", () => {
    const stats: DetectStats = { scannedChars: 0, candidates: 0, contextChars: 0 };
    detect(index, "code=-29036 and -97 and 2.0.197", { stats });
    expect(stats.candidates).toBe(2);
    expect(stats.scannedChars).toBeGreaterThan(0);
    expect(stats.contextChars).toBeGreaterThan(0);
  });
});

describe("Errcode.autoExplain with the detector", () => {
  it("stays silent on noise and puts the request id on the card", () => {
    expect(errcode.autoExplain("deployed v2.0.197 to 10.0.0.97:8080 at 2024-05-13 08:21:44, PR #177")).toBeUndefined();
    const result = errcode.autoExplain('{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x"}');
    expect(result?.detections.map((d) => d.code)).toEqual([-29036]);
    const fields = result!.reply.cards.flatMap((c) => c.fields);
    expect(fields).toContainEqual({ label: "Request id", value: "NWE5ZGYxOGRfOTUyNzMyMGFfNjU1Ml8x" });
  });
});

describe("a dropped minus sign", () => {
  it("is restored for a long code right after a code key", () => {
    expect(keys("cos python sdk keeps returning errorcode 46619 on the nightly export")).toEqual(["tencent-cos-v4:-46619"]);
    expect(keys('{"code": 29036, "message": "x"}')).toEqual(["tencent-cos-v4:-29036"]);
  });

  it("is not guessed without a key, nor for short codes that are HTTP statuses or counts", () => {
    expect(keys("exported 46619 rows in 12 s")).toEqual([]);
    expect(keys('{"code": 404, "message": "Not Found"}')).toEqual([]);
    expect(keys("job 29036 finished", EXPLICIT_CONFIDENCE)).toEqual([]);
  });
});
