import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { maskSecrets } from "../../src/core/redact.js";
import { createLogger } from "../../src/log.js";
import { requestsByRef } from "../../src/core/button-request.js";
import { renderDiscordMessage } from "../../src/render/discord.js";
import { renderSlackMessage } from "../../src/render/slack.js";

const errcode = Errcode.load();

// A JWT longer than the ±60-character evidence window, and pieces of it to look for in what the bot sends.
const JWT_PAYLOAD = Buffer.from(JSON.stringify({ sub: "ops-bot", scope: "cos:write cos:read", tenant: "x".repeat(160), iat: 1715588504 })).toString("base64url");
const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${JWT_PAYLOAD}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;
const SLACK_TOKEN = "xoxb-2048-1234567890123-Ab3dEf6hIj9kLm2nOp5qRs8t";
const DISCORD_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.Xy1Zz2Aa3Bb4Cc5Dd6Ee7Ff8Gg9Hh0Ii1Jj2";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLEkeyVALUE0123456789abcdefghij";

/** Every run of 12 characters of a secret: none of them may appear anywhere in what is sent. */
function fragments(secret: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= secret.length; i += 4) out.push(secret.slice(i, i + size));
  return out;
}

function expectNoFragment(sent: string, secret: string) {
  for (const piece of fragments(secret)) expect(sent, `leaks ${piece}`).not.toContain(piece);
}

/** What the bot would actually send on both platforms, button payloads included. */
function everythingSent(text: string): string {
  const reply = errcode.command(text);
  const discord = renderDiscordMessage(reply);
  return JSON.stringify([reply, renderSlackMessage(reply), discord, requestsByRef(reply, 0)]);
}

describe("credentials next to a code never reach a card", () => {
  it.each([
    ["secret_key=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE code=-29036", "secret_key=[redacted] code=-29036"],
    ['{"SecretKey":"Gu5t9xGARNpq86cd98joQYCN3EXAMPLE","code":-97}', '{"SecretKey":"[redacted]","code":-97}'],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig errno=-96", "Authorization: Bearer [redacted] errno=-96"],
    ["sign=q-sign-algorithm=sha1&q-ak=AKIDxx ret -97", "sign=[redacted]&q-ak=AKIDxx ret -97"],
    ["password: hunter2hunter2 -> -46619", "password: [redacted] -> -46619"],
    ["using AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE got -97", "using [redacted] got -97"],
    ['{\\"SecretKey\\":\\"Gu5t9xGARNpq86cd98joQYCN3\\",\\"code\\":-97}', '{\\"SecretKey\\":\\"[redacted]\\",\\"code\\":-97}'],
    ["GET /x?q-signature=7f6c2ab9e1d0c3b4a5968778695a4b3c2d1e0f9a&x=1", "GET /x?q-signature=[redacted]&x=1"],
    ["url?Signature=abcDEF123%2B%2Fxyz%3D%3D&Expires=1", "url?Signature=[redacted]&Expires=1"],
    ["Authorization: UPYUN operator:ZjdlNjM0YjE3ZWQxNWJiNQ== X-ErrNo: 40100006", "Authorization: UPYUN [redacted] X-ErrNo: 40100006"],
    ["Authorization%3A%20Bearer%20abcdefghijklmnop1234%22%2C%22code%22%3A-97", "Authorization%3A%20Bearer [redacted]%22%2C%22code%22%3A-97"],
    ["secret_key%3DGu5t9xGARNpq86cd98joQYCN3%26code%3D-29036", "secret_key%3D[redacted]%26code%3D-29036"],
    [`bot ${SLACK_TOKEN} failed -97`, "bot [redacted] failed -97"],
    [`client.login("${DISCORD_TOKEN}") -> -6101`, 'client.login("[redacted]") -> -6101'],
    ["x-cos-security-token: Qk9PVFNUUkFQVE9LRU4xMjM0NTY3ODk w=-1", "x-cos-security-token: [redacted] w=-1"],
    [
      "POST https://discord.com/api/v10/interactions/1578163356940894272/aW50ZXJhY3Rpb246MTU3ODE2MzM1Njk0MDg5NDI3Mg/callback 400",
      "POST https://discord.com/api/v10/interactions/1578163356940894272/[redacted]/callback 400",
    ],
    ["hook https://discord.com/api/webhooks/1234567890123456789/Xy1Zz2Aa3Bb4Cc5Dd6Ee7Ff8-Gg9Hh0 -> -97", "hook https://discord.com/api/webhooks/1234567890123456789/[redacted] -> -97"],
    ["response_url=https://hooks.slack.com/commands/T0001/123456/Ab3dEf6hIj9kLm2n -97", "response_url=https://hooks.slack.com/commands/[redacted] -97"],
    ["SLACK_WEBHOOK https://hooks.slack.com/services/T0001/B0001/Ab3dEf6hIj9kLm2nOp5q", "SLACK_WEBHOOK https://hooks.slack.com/services/[redacted]"],
  ])("%s", (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it.each([
    ["REDIS_URL=redis://:s3cretpw@redis:6379 -29036", "REDIS_URL=redis://:[redacted]@redis:6379 -29036"],
    ["GET https://bob:hunter2pass@x.cos.myqcloud.com/a -> -97", "GET https://bob:[redacted]@x.cos.myqcloud.com/a -> -97"],
    ["Cookie: uin=o0123456; skey=@AbCdEfGh12; p_skey=Zx9fAbc -97", "Cookie: [redacted] -97"],
    ["api_key=supersecret code=-97", "api_key=[redacted] code=-97"],
    ["appSign=abcdefabcdef X_SIGN=abcdefgh -97", "appSign=[redacted] X_SIGN=[redacted] -97"],
    ["x=token=abcdefgh -97", "x=token=[redacted] -97"],
  ])("masks %s", (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it("masks the body of a PEM private key", () => {
    const body = ["MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKk"];
    const masked = maskSecrets(`key:\n-----BEGIN RSA PRIVATE KEY-----\n${body.join("\n")}\n-----END RSA PRIVATE KEY-----\nupload ret -97`);
    expect(masked).toBe("key:\n-----BEGIN RSA PRIVATE KEY-----\n[redacted]\n-----END RSA PRIVATE KEY-----\nupload ret -97");
  });

  it("leaves keys that only contain the letters of 'sign' alone", () => {
    const line = '{"signal":"SIGTERM","assignee":"bob","design":"Blue-Green","signup_url":"https://x/y"}';
    expect(maskSecrets(line)).toBe(line);
  });

  it("masks the whole of a secret longer than any cap", () => {
    const token = "A".repeat(5000);
    const masked = maskSecrets(`x-cos-security-token: ${token} -29036`);
    expect(masked).toBe("x-cos-security-token: [redacted] -29036");
    expect(maskSecrets(`Authorization: Bearer ${"b".repeat(10_000)} -97`)).toBe("Authorization: Bearer [redacted] -97");
  });

  it("keeps a negative code or a word of prose that sits next to a key with a secret word in it", () => {
    for (const text of ['{"sign_error": -97}', "SLACK_SIGNING_SECRET: is required", "token: expired"]) expect(maskSecrets(text)).toBe(text);
    expect(maskSecrets("password: hunter")).toBe("password: [redacted]");
  });

  it("leaves ordinary text and request ids alone", () => {
    const line = '{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWQ1ZjA2XzI0"}';
    expect(maskSecrets(line)).toBe(line);
  });

  it("masks a token a terminal wrapped onto the next lines, but not the code on the line after", () => {
    const wrapped = `Authorization: Bearer ${JWT.slice(0, 70)}\n${JWT.slice(70, 150)}\n${JWT.slice(150)}\nERR_DOWN_NOTFINISHED_FILE -29036`;
    const masked = maskSecrets(wrapped);
    expectNoFragment(masked, JWT);
    expect(masked).toContain("ERR_DOWN_NOTFINISHED_FILE -29036");
  });

  it("stays linear on a megabyte of dotted words", () => {
    const hostile = "a.".repeat(500_000) + "=x";
    expect(maskSecrets(hostile)).toBe(hostile);
  });

  it("stays linear on a megabyte of key=value pairs and wrapped lines", () => {
    const hostile = `${"token=".repeat(100_000)}\n${"a".repeat(30)}\n`.repeat(2);
    const started = process.hrtime.bigint();
    maskSecrets(hostile);
    maskSecrets(`${"x".repeat(25)}\n`.repeat(40_000));
    // A secret word at every few characters of one long token (was tried again at each one).
    maskSecrets("pwd-".repeat(250_000));
    maskSecrets("-----BEGIN PRIVATE KEY-----\n".repeat(40_000));
    // A generous bound: the point is the difference between linear (tens of ms) and quadratic (minutes).
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it("masks the quoted line on an auto-explain card, and the text its buttons carry", () => {
    const reply = errcode.autoExplain("upload as secret_key=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE failed: errno=-29036")!.reply;
    const text = JSON.stringify(reply);
    expect(text).toContain("-29036");
    expect(text).not.toContain("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
  });

  it.each([
    ["a bearer token longer than the quoted window", `curl -H "Authorization: Bearer ${JWT}" => {"code":-97}`, JWT],
    ["a bare JWT far from the code", `token ${JWT} rejected: {"code":-97}`, JWT],
    ["a token wrapped over lines", `Authorization: Bearer ${JWT.slice(0, 90)}\n${JWT.slice(90)}\n{"code":-97}`, JWT],
    ["a URL-encoded header", `curl 'https://x/?h=Authorization%3A%20Bearer%20${JWT}' => {"code":-97}`, JWT],
    ["JSON with a long secret", `{"SecretKey":"${SECRET_KEY}","SecretId":"AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE","code":-97}`, SECRET_KEY],
    ["a Basic header", `Authorization: Basic ${Buffer.from(`admin:${SECRET_KEY}`).toString("base64")} cos upload failed errno=-97`, Buffer.from(`admin:${SECRET_KEY}`).toString("base64")],
    ["a Slack token", `SLACK_BOT_TOKEN=${SLACK_TOKEN} and then cos upload ret -97`, SLACK_TOKEN],
    ["a Discord token", `login with ${DISCORD_TOKEN} gave {"code":-97}`, DISCORD_TOKEN],
    ["a COS signature in a query string", `GET /f?sign=q-sign-algorithm%3Dsha1%26q-signature%3D${SECRET_KEY} => {"code":-97}`, SECRET_KEY],
  ])("%s: nothing of it reaches the cards or the buttons", (_name, text, secret) => {
    const sent = everythingSent(text);
    expect(sent).toContain("-97");
    expectNoFragment(sent, secret);
  });

  it("masks credentials in every log line, whatever the configured secrets", () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: "debug", destination: stream });
    logger.debug({ text: `curl -H "Authorization: Bearer ${JWT}"` }, "message received");
    logger.warn(`login failed for ${DISCORD_TOKEN} and ${SLACK_TOKEN}`);
    const all = lines.join("");
    for (const secret of [JWT, DISCORD_TOKEN, SLACK_TOKEN]) expectNoFragment(all, secret);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
