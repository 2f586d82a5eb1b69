import { describe, expect, it } from "vitest";
import { AUTO_REPLY_CONFIDENCE, detect, EXPLICIT_CONFIDENCE } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";
import { keyOf, loadPart, report, scorePart } from "./support/detect-corpus.js";

// Precision and recall of auto-replies over the labelled corpus in test/fixtures/detection-corpus*.yaml
// (see the header of detection-corpus.yaml for the format and the labelling rules).

const PARTS = ["detection-corpus.yaml", "detection-corpus-holdout.yaml", "detection-corpus-fresh.yaml", "detection-corpus-blind.yaml"] as const;
const MIN_PRECISION = 0.97;
/**
 * These parts were written by hand for the rules of detector v1; the weights are now fitted on them and on the real
 * train part together, and the real parts (test/detect-real.test.ts) hold the 0.93. Here recall is held
 * at 0.85 per part: what the fitted model keeps of the hand-written cases.
 */
const MIN_RECALL = 0.85;

const { index } = Errcode.load();

const parts = PARTS.map((file) => ({ file, messages: loadPart(file) }));
const corpus = parts.flatMap((part) => part.messages);

describe("detection corpus", () => {
  it("holds at least 150 messages, about half with codes, each labelled with codes the catalogs define", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const withCodes = corpus.filter((m) => m.expect.length > 0).length;
    expect(withCodes / corpus.length).toBeGreaterThan(0.4);
    expect(withCodes / corpus.length).toBeLessThan(0.6);
    expect(new Set(corpus.map((m) => m.id)).size).toBe(corpus.length);
    for (const message of corpus) {
      expect(typeof message.text, message.id).toBe("string");
      for (const key of [...message.expect, ...(message.explicit ?? [])]) {
        const [catalog, code] = [key.slice(0, key.lastIndexOf(":")), Number(key.slice(key.lastIndexOf(":") + 1))];
        expect(index.byExactCode(code, catalog), `${message.id}: ${key}`).toHaveLength(1);
      }
    }
  });

  // Each part on its own: no pooled total that one big easy part can carry.
  for (const part of parts) {
    it(`auto-replies reach precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL} on ${part.file}`, () => {
      const score = scorePart(index, part.messages);
      console.log(report(part.file, score));
      expect(score.precision, score.mistakes.join("\n")).toBeGreaterThanOrEqual(MIN_PRECISION);
      expect(score.recall, score.mistakes.join("\n")).toBeGreaterThanOrEqual(MIN_RECALL);
    });
  }

  it("attaches the request id next to the error to each expected detection", () => {
    const labelled = corpus.filter((m) => m.request_id);
    expect(labelled.length).toBeGreaterThanOrEqual(30);
    for (const message of labelled) {
      const auto = detect(index, message.text, { minConfidence: AUTO_REPLY_CONFIDENCE }).filter((d) => message.expect.includes(keyOf(d)));
      for (const d of auto) expect(d.requestId, message.id).toBe(message.request_id);
    }
  });

  it("never attaches a request id to a detection in a message that has none", () => {
    for (const message of corpus.filter((m) => !m.request_id && m.expect.length > 0)) {
      const withId = detect(index, message.text, { minConfidence: AUTO_REPLY_CONFIDENCE }).filter((d) => d.requestId);
      expect(withId.map((d) => d.requestId), message.id).toEqual([]);
    }
  });

  it("finds on explicit request what an auto-reply rightly leaves out", () => {
    const labelled = corpus.filter((m) => m.explicit?.length);
    expect(labelled.length).toBeGreaterThanOrEqual(3);
    for (const message of labelled) {
      const explicit = detect(index, message.text, { minConfidence: EXPLICIT_CONFIDENCE }).map(keyOf);
      for (const key of message.explicit!) expect(explicit, message.id).toContain(key);
      const auto = detect(index, message.text, { minConfidence: AUTO_REPLY_CONFIDENCE }).map(keyOf);
      for (const key of message.explicit!) expect(auto, message.id).not.toContain(key);
    }
  });

  it("reports each (catalog, code) once per message, most confident first", () => {
    for (const message of corpus) {
      const all = detect(index, message.text, { minConfidence: 0 });
      expect(new Set(all.map(keyOf)).size, message.id).toBe(all.length);
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.confidence, message.id).toBeGreaterThanOrEqual(all[i]!.confidence);
      for (const d of all) {
        expect(d.reason, message.id).toBeTruthy();
        expect(d.evidence, message.id).toBeTruthy();
      }
    }
  });
});
