import { describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { maskSecrets } from "../../src/core/redact.js";

describe("credentials next to a code never reach a card", () => {
  it.each([
    ["secret_key=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE code=-29036", "secret_key=[redacted] code=-29036"],
    ['{"SecretKey":"Gu5t9xGARNpq86cd98joQYCN3EXAMPLE","code":-97}', '{"SecretKey":"[redacted]","code":-97}'],
    ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig errno=-96", "Authorization: [redacted] errno=-96"],
    ["sign=q-sign-algorithm=sha1&q-ak=AKIDxx ret -97", "sign=[redacted]&q-ak=AKIDxx ret -97"],
    ["password: hunter2hunter2 -> -46619", "password: [redacted] -> -46619"],
    ["using AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE got -97", "using [redacted] got -97"],
  ])("%s", (input, expected) => {
    expect(maskSecrets(input)).toBe(expected);
  });

  it("leaves ordinary text and request ids alone", () => {
    const line = '{"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NWQ1ZjA2XzI0"}';
    expect(maskSecrets(line)).toBe(line);
  });

  it("stays linear on a megabyte of dotted words", () => {
    const hostile = "a.".repeat(500_000) + "=x";
    expect(maskSecrets(hostile)).toBe(hostile);
  });

  it("masks the quoted line on an auto-explain card, and the text its buttons carry", () => {
    const reply = Errcode.load().autoExplain("upload as secret_key=Gu5t9xGARNpq86cd98joQYCN3EXAMPLE failed: errno=-29036")!.reply;
    const text = JSON.stringify(reply);
    expect(text).toContain("-29036");
    expect(text).not.toContain("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
  });
});
