// What counts as an occurrence, decided once in the core pipeline: codes found in a message, whatever way it came
// (auto-explain, /errcode with pasted text, a mention), once per message; a lookup of a code is a question, not one.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ChatPipeline } from "../../src/core/pipeline.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { MemoryStore } from "../../src/state/memory.js";
import { errcodeForTests } from "../support/fake-slack-harness.js";

const config = loadConfig({ AUTO_EXPLAIN_CHANNELS: "CAUTO" }, { dotenv: false });

function pipeline() {
  const metrics = new PrometheusMetrics();
  const p = new ChatPipeline({ errcode: errcodeForTests(), state: new MemoryStore(), autoExplain: config.autoExplain, oncallChannels: [], metrics, logger: createLogger({ level: "silent" }) }, { name: "test", buttonRoom: 95 });
  return { p, metrics };
}

const count = async (p: ChatPipeline, channel: string) => (await p.insight.top({ channel }, "1h")).cards[0]!.summary;

describe("counting occurrences", () => {
  it("pasted text counts once per message however often the code is in it; a lookup does not count", async () => {
    const { p, metrics } = pipeline();
    const where = { channel: "CAUTO" };
    await p.decide({ kind: "message", where, text: '{"code": -29036}\n{"code": -29036}\nret=-29036', messageId: "1" });
    await p.decide({ kind: "message", where, text: '{"code": -29036}', messageId: "1" }); // the same message again
    await p.decide({ kind: "command", where, text: 'upload failed {"code": -29036, "message": "x"}' });
    await p.decide({ kind: "mention", where, text: 'why {"code": -29036}', messageId: "2" });
    await p.decide({ kind: "command", where, text: "-29036" });
    expect(await count(p, "CAUTO")).toMatch(/^1\. -29036 ERR_DOWN_NOTFINISHED_FILE .*: 3 times/);
    expect((await metrics.registry.getSingleMetricAsString("errcode_occurrences_total"))).toContain('errcode_occurrences_total{catalog="tencent-cos-v4"} 3');
  });

  it("a lookup's card shows the history line once the code was seen twice", async () => {
    const { p } = pipeline();
    const where = { channel: "CAUTO", channelName: "oncall" };
    const seen = async () => JSON.stringify(await p.decide({ kind: "command", where, text: "-29036" }));
    expect(await seen()).not.toContain("Seen");
    await p.decide({ kind: "message", where, text: '{"code": -29036}', messageId: "1" });
    expect(await seen()).not.toContain("times in");
    await p.decide({ kind: "message", where, text: '{"code": -29036}', messageId: "2" });
    expect(await seen()).toContain("2 times in #oncall in the last hour");
  });
});
