// How engineers say it vs how the catalogs say it: query-side equivalences applied before ranking.
// English groups are interchangeable words (any one covers the word typed); Chinese colloquial phrases are
// rewritten into the catalogs' wording (找不到 -> 不存在). Entry-specific vocabulary lives in the catalogs' keywords.
import { numbersAsDigits } from "./number-words.js";
import { stem } from "./tokenize.js";

const ENGLISH_GROUPS = [
  "delete remove erase",
  "directory folder dir",
  "limit max maximum quota cap",
  "exceed exceeded over beyond",
  "time clock",
  "reject refuse deny",
  "forbidden prohibited disallowed",
  "large big huge long",
  "small tiny",
  "wrong invalid incorrect bad malformed",
  "mismatch differ different",
  "file object",
  "signature sign signing",
  "password passwd pwd",
  "permission privilege right",
  "timeout timed",
  "account user operator",
  "part chunk slice piece",
  "multipart sliced chunked",
  "missing absent lack lacking without",
  "banned blocked disabled suspended frozen",
  "empty blank",
  "expire expiry stale outdated",
  "busy overloaded overload",
  "picture image photo img",
  "key secret credential",
  "throttle throttled ratelimit",
  "resume resumable breakpoint",
  "duplicate already",
  "incomplete unfinished partial",
  "finish finished complete completed",
  "bogus garbage",
  "overdue unpaid arrears invoice",
  "whitelist allowlist",
  "video mp4 mov avi mkv",
  "blacklist denylist blocklist",
];

const CHINESE_REWRITES: Array<[RegExp, string]> = [
  [/找不到|没找到|查不到/g, "不存在"],
  [/删不掉|删不了|删除不了/g, "删除失败"],
  [/(?:已经)?被删(?:掉|除)?了?|已经删掉了|已经删除了/g, "已删除"],
  [/删掉/g, "删除"],
  [/写不进去|写不进|写不了/g, "不允许写入"],
  [/拉不下来|拉不到|取不到|获取不到/g, "获取失败"],
  [/传不上去|传不上|上传不了|传不了/g, "上传失败"],
  [/下载不了|下不下来|下不了/g, "下载失败"],
  [/没有权限|没权限|无权/g, "无权限"],
  [/不通过|没通过/g, "失败"],
  [/不对|错了|有误/g, "错误"],
  [/太大|过大/g, "超过大小"],
  [/太长|超长了|超长/g, "过长"],
  [/满了/g, "已满"],
  [/传了两遍|传了两次|传过了|已经传过|重复传/g, "重复上传"],
  [/用了两次|用了两遍|又用了一次/g, "重复使用"],
  [/位数/g, "长度"],
  [/内容类型/g, "content-type"],
  [/太多|过多/g, "超过数量"],
  [/太小|过小/g, "过小"],
  [/被拒|拒了/g, "拒绝"],
  [/帐号/g, "账号"],
  [/子账号/g, "子用户"],
  [/不准|不同步/g, "偏差"],
  [/不能|不可以|不让/g, "不允许"],
  [/没带|没有带|没加/g, "缺少"],
  [/对不上|不相符|不吻合|不一样|不相同/g, "不一致"],
  [/还没有|还没|尚未/g, "未"],
  [/不是空的|里面还有东西|里面还有文件/g, "非空"],
  [/是空的|空内容/g, "为空"],
  [/超了|超出了|超标/g, "超过"],
  [/少了/g, "缺少"],
  [/被禁掉|被停用|被禁了/g, "禁用"],
];

const equivalents = new Map<string, string[]>();
for (const group of ENGLISH_GROUPS) {
  const stems = [...new Set(group.split(" ").map(stem))];
  for (const s of stems) equivalents.set(s, [...new Set([...(equivalents.get(s) ?? []), ...stems.filter((o) => o !== s)])]);
}

/** Other stems that mean the same as this one in an error report. */
export function synonymsOf(key: string): readonly string[] {
  return equivalents.get(key) ?? [];
}

/** Colloquial Chinese rewritten into the catalogs' wording, and numbers written as words as digits (两百, two hundred). */
export function rewriteWords(input: string): string {
  const text = numbersAsDigits(input);
  if (!/\p{Script=Han}/u.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of CHINESE_REWRITES) out = out.replace(pattern, replacement);
  return out;
}
