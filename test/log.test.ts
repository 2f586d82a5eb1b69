import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe("structured logs", () => {
  const secrets = ["xoxb-1111-2222-secretbot", "8f14e45fceea167a5a36dedd4bea2543", "xapp-1-A1-secretapp", "MTA.discord.secret-token"];

  it("write JSON lines at the configured level", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: "info", destination: stream });
    logger.debug("hidden");
    logger.info({ adapter: "slack" }, "connected");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: "connected", adapter: "slack", service: "errcode" });
  });

  it("never contain a token or signing secret, wherever it hides", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: "trace", secrets, destination: stream });
    logger.info({ token: secrets[0] }, "field named token");
    logger.info({ config: { botToken: secrets[0], signingSecret: secrets[1], appToken: secrets[2] } }, "nested config");
    logger.warn({ url: `https://x/api?token=${secrets[3]}` }, "inside a value");
    logger.error(new Error(`auth failed for ${secrets[0]}`), "inside an error");
    logger.info(`message text with ${secrets[1]} in it`);
    logger.info({ headers: { authorization: `Bearer ${secrets[3]}` } }, "request");
    const all = lines.join("");
    expect(lines).toHaveLength(6);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).toContain("[redacted]");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
