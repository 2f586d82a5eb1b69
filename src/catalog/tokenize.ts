// Terms for ranked search over symbols, aliases, keywords, English and Chinese.
// Latin text is split into words (identifiers on `_` and case changes) and Porter-stemmed; each term keeps the
// word as written so typo tolerance can compare what people type with the words the catalog uses.
// Chinese has no spaces: a segmenter turns each run of Han characters into terms (overlapping bigrams by default,
// plus any vocabulary word found in the run).
import { stemmer } from "stemmer";

export interface Term {
  /** What the index stores: a stem, a number, or a Chinese word / bigram (prefixed so it never meets a Latin term). */
  key: string;
  /** The lower-cased Latin word the term came from; absent for Chinese terms. */
  word?: string;
  numeric: boolean;
  /** Part of an identifier, constant or number as typed (OOMKilled, ENOSPC, 1045): telling when no entry has it. */
  technical: boolean;
}

/** Splits one run of Han characters into search terms. */
export type Segmenter = (run: string) => string[];

// Words that carry no meaning in a question about an error ("why do I get … when uploading").
const STOP_WORDS = new Set(
  (
    "a an the of to is are was were be been am in on for and or it its by at as with this that these those from into " +
    "err error errors code codes i my me we our you your he she they them his her what why how when where which who " +
    "do does did doing done get gets got getting have has had having can could would should will shall may might must " +
    "please help there here so if then than but just about also any some all keep keeps kept still again always " +
    "happen happens happened happening occur occurs occurred say says said show shows showing return returns returned " +
    "mean means meaning message msg issue issues problem problems off like likely nothing something anything thing " +
    "things seem seems seeing see look looks"
  ).split(" "),
);

// Particles and question words in Chinese questions ("怎么办", "为什么", "了"): removed before segmenting.
const ZH_FILLER = /怎么办|怎么回事|怎么|为什么|什么意思|什么|是不是|请问|一直|总是|老是|突然|报错|提示|出现|显示|返回|一下|这个|那个|我们|我的|了|的|吗|呢|啊|吧|呀|我/g;

const HAN = /\p{Script=Han}/u;
const TOKEN_RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const DIGIT = /\d/;

/** A run of Han characters as overlapping bigrams (a single character stays a unigram). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Bigrams plus every vocabulary word (2–8 characters) the run contains. */
export function bigramsWithVocabulary(vocabulary: ReadonlySet<string>): Segmenter {
  return (run) => {
    const out = bigrams(run);
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      let word = chars[i]!;
      for (let j = i + 1; j < chars.length && j - i < 8; j++) {
        word += chars[j]!;
        if (j - i >= 2 && vocabulary.has(word)) out.push(word);
      }
    }
    return out;
  };
}

/** The Chinese words of some vocabulary phrases: whole Han runs of two or more characters. */
export function hanWords(phrases: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const phrase of phrases) {
    for (const run of phrase.normalize("NFKC").match(/\p{Script=Han}{2,}/gu) ?? []) words.add(run);
  }
  return words;
}

export function splitIdentifier(text: string): string {
  // ERR_DOWN_NotFinished -> "ERR DOWN Not Finished"; NoSuchBucket -> "No Such Bucket"; XMLError -> "XML Error"
  return text
    .replace(/_/g, " ")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
}

/** An identifier compared loosely: lower case, letters and digits only (`NoSuchBucket`, `no_such_bucket`). */
export function identifierKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

// Catalog text repeats a few thousand words many times: each is stemmed once.
const stems = new Map<string, string>();

export function stem(word: string): string {
  if (DIGIT.test(word)) return word;
  let found = stems.get(word);
  if (found === undefined) {
    found = stemmer(word);
    if (stems.size < 50_000) stems.set(word, found);
  }
  return found;
}

// "can't" -> "can not": the negation is a word of its own, the stray "t" is none.
function expandContractions(text: string): string {
  return text.replace(/\bcan['’]t\b|\bcannot\b/gi, "can not").replace(/\bwon['’]t\b/gi, "will not").replace(/n['’]t\b/gi, " not");
}
/** A word written like an identifier, a constant or a version: technical, and telling when nobody uses it. */
const TECHNICAL = /\d|_|[a-z][A-Z]|^[A-Z]{2,}/;
/**
 * A count or a size with its unit (`250 entries`, `4kb`, `7 days`, `25 tasks`, `第11个`): a quantity from the story, not an
 * identifier from another system, so it says nothing about being out of scope. Group 1 is the number, group 2 a unit
 * written against it.
 */
const QUANTITY = /(?<![A-Za-z0-9_.\-])(\d+)(?:(k|m|g|kb|mb|gb|tb|ms|s|px|x)(?![\p{L}\p{N}])|\s*(?:bytes?|chars?|characters?|entries|entry|items?|keys?|files?|objects?|domains?|times?|per|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|pixels?|parts?|slices?|chunks?|pieces?|buckets?|folders?|directories|dirs?|rules?|records?|rows?|requests?|qps|tags?|versions?|users?|accounts?|tasks?|jobs?|threads?|workers?|retries|attempts?|calls?|images?|photos?|pictures?|videos?|uploads?|downloads?|ids)(?![\p{L}\p{N}])|\s*[个条次天秒张位块片万千百])/giu;

/** An ordinal (`11th`), a date (`2024-05-01`) or a time (`12:00:00`): the story's numbers too. */
const ORDINAL_DATE_OR_TIME = /(?<![A-Za-z0-9_.\-])(?:\d+(?:st|nd|rd|th)(?![\p{L}\p{N}])|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|\d{1,2}:\d{2}(?::\d{2})?(?!\d))/giu;

/** The words of `text` that are quantities, ordinals, dates or times, as tokenize() writes them (lower case). */
function quantitiesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(QUANTITY)) found.add(match[2] ? `${match[1]}${match[2]}`.toLowerCase() : match[1]!);
  for (const [match] of text.matchAll(ORDINAL_DATE_OR_TIME)) for (const word of match.toLowerCase().split(/[-/.:]/)) found.add(word);
  return found;
}
const RAW_WORD = /[\p{L}\p{N}_]+/gu;

/** Stop words a pasted log line carries as well (`error code: -97`, `returned`): not the asker's own words. */
const LOG_WORDS = new Set(["err", "error", "errors", "code", "codes", "msg", "message", "return", "returns", "returned"]);

/**
 * A line's level, field label or everyday heading before its colon (`error:`, `status_code:`, `update:`): not a
 * program's name. A label is recognised by any of its parts (`status_code`, `err_msg`).
 */
const LINE_LABELS = new Set([
  ...LOG_WORDS,
  "errno", "errmsg", "ret", "retcode", "got", "fatal", "panic", "warning", "warn", "hint", "info", "debug",
  "notice", "critical", "trace", "log", "status", "reason", "detail", "details", "description", "desc", "result",
  "response", "request", "cause", "caused", "note", "update", "edit", "question", "answer", "hi", "hello", "ps", "fyi",
  "url", "uri", "link", "bucket", "key", "file", "path", "host", "region", "output", "input", "expected", "actual",
  "summary", "title", "subject", "body", "header", "headers", "version", "env", "step",
]);
/** A lower-case word of two or more characters, then a colon and a space, at the start of the text. */
const PROGRAM_PREFIX = /^\s*([a-z][a-z0-9_.\/-]{1,23}):\s/;

/**
 * The program a pasted line starts with (`kinit: Preauthentication failed`, `rm: cannot remove`), as command-line
 * tools print their errors; a level, label or heading (`error:`, `note:`) is not one.
 */
export function reportingProgram(text: string): string | undefined {
  const word = text.match(PROGRAM_PREFIX)?.[1];
  return word && !word.split(/[_.\/-]/).some((part) => LINE_LABELS.has(part)) ? word : undefined;
}

/**
 * How many words of `text` are the question's own plain language ("why do we get", "我们一直", STOP_WORDS but the log's
 * own words): a question told in words, rather than a line pasted from another system's log.
 */
export function plainLanguageWords(text: string): number {
  let count = 0;
  for (const [word] of expandContractions(text).matchAll(RAW_WORD)) {
    const lower = word.toLowerCase();
    if (STOP_WORDS.has(lower) && !LOG_WORDS.has(lower)) count++;
  }
  for (const _ of text.matchAll(ZH_FILLER)) count++;
  return count;
}

export function tokenize(input: string, segment: Segmenter = bigrams, options: { query?: boolean } = {}): Term[] {
  const terms: Term[] = [];
  let text = expandContractions(input.normalize("NFKC"));
  let quantities: Set<string> | undefined;
  if (options.query) text = text.replace(ZH_FILLER, " ");
  for (const raw of text.matchAll(RAW_WORD)) {
    const technical = TECHNICAL.test(raw[0]);
    const split = /[_A-Z]/.test(raw[0]) ? splitIdentifier(raw[0]) : raw[0];
    for (const run of split.matchAll(TOKEN_RUN)) {
      const chunk = run[0];
      if (HAN.test(chunk)) {
        for (const key of segment(chunk)) terms.push({ key: `zh:${key}`, numeric: false, technical: false });
        continue;
      }
      const word = chunk.toLowerCase();
      if (STOP_WORDS.has(word) || (word.length === 1 && !DIGIT.test(word))) continue;
      const numeric = DIGIT.test(word);
      terms.push({ key: stem(word), word, numeric, technical: technical && !(numeric && (quantities ??= quantitiesIn(text)).has(word)) });
    }
  }
  return terms;
}
