// Numbers written as words, as digits: the catalogs say "at most 200 buckets" and people say "two hundred" or 两百.

const HAN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/**
 * A Chinese numeral with a unit in it (十, 百, 千, 万) that starts with a digit or 十: 一个 and 一下 stay words, and so
 * do 百度, 千万 and 万象优图.
 */
const HAN_NUMERAL = /[〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*/gu;

const ENGLISH_DIGITS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
};
/** "two hundred", "fifteen hundred", "a thousand": only with hundred or thousand, so "one file" stays words. */
const ENGLISH_NUMERAL = new RegExp(`\\b(${Object.keys(ENGLISH_DIGITS).join("|")})[\\s-]+(hundred|thousand)\\b`, "giu");

/** 两百 -> 200, 一千五百 -> 1500, 十一 -> 11, 三万 -> 30000; undefined for what is no well-formed numeral. */
export function hanNumeral(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const char of text) {
    if (char === "零" || char === "〇") {
      if (digit !== undefined) return undefined;
    } else if (char in HAN_DIGITS) {
      if (digit !== undefined) return undefined;
      digit = HAN_DIGITS[char]!;
    } else if (char in HAN_UNITS) {
      section += (digit ?? 1) * HAN_UNITS[char]!;
      digit = undefined;
    } else if (char === "万") {
      total += (section + (digit ?? 0) || 1) * 10_000;
      section = 0;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

export function numbersAsDigits(text: string): string {
  let out = text.replace(ENGLISH_NUMERAL, (_, count: string, unit: string) => String(ENGLISH_DIGITS[count.toLowerCase()]! * (unit.toLowerCase() === "hundred" ? 100 : 1000)));
  if (/[十百千万]/u.test(out)) out = out.replace(HAN_NUMERAL, (numeral) => (/[十百千万]/u.test(numeral) ? String(hanNumeral(numeral) ?? numeral) : numeral));
  return out;
}
