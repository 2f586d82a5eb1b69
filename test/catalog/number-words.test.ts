import { describe, expect, it } from "vitest";
import { hanNumeral, numbersAsDigits } from "../../src/catalog/number-words.js";

describe("numbers written as words", () => {
  it("reads Chinese numerals with a unit", () => {
    expect(["两百", "一千五百", "十一", "二十五", "一百零五", "三万", "两万五千"].map(hanNumeral)).toEqual([200, 1500, 11, 25, 105, 30000, 25000]);
    expect(numbersAsDigits("同一个账号建了两百个存储桶")).toBe("同一个账号建了200个存储桶");
    expect(numbersAsDigits("列目录一次拉一千五百条")).toBe("列目录一次拉1500条");
  });

  it("leaves words that only look like numerals", () => {
    for (const text of ["一个", "一下", "万象优图", "百度", "千万别删", "一两个"]) expect(numbersAsDigits(text), text).toBe(text);
  });

  it("reads English numbers only with hundred or thousand", () => {
    expect(numbersAsDigits("it fails past two hundred buckets")).toBe("it fails past 200 buckets");
    expect(numbersAsDigits("fifteen hundred keys, a thousand files")).toBe("1500 keys, 1000 files");
    expect(numbersAsDigits("one file, ten minutes")).toBe("one file, ten minutes");
  });
});
