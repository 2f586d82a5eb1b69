// Cards quote the line a code was found on ("Seen in") and buttons carry the text to scan again. A pasted line can
// carry credentials next to the code, and a card outlives the message it quotes, so credential-shaped values are
// masked over the whole message before anything is cut, scanned or quoted, and in every log line.
// Every run below is bounded, so masking stays linear even on a megabyte of hostile text.

export const MASK = "[redacted]";

/** A URL-encoded character that ends a value: space, `"`, `&`, `'`, `,`, `;`, `<`, `>`, `}`. */
const ENCODED_DELIMITER = "%(?:2[02567cC]|3[bBcCeE]|7[dD])";
/** One character of a credential value: anything but whitespace, quotes and the delimiters of headers, forms and JSON. */
const VALUE_CHAR = `(?:[^\\s"'\\\\&,;}<>%]|(?!${ENCODED_DELIMITER})%[0-9A-Fa-f]{2})`;
/**
 * A long value a terminal or a log viewer wrapped onto the next line(s): the continuation starts right at the line
 * break, holds a letter, is not a `key=`/`key:` of its own nor an all-caps symbol (ERR_…), and ends its line.
 */
const WRAPPED = `(?:\\r?\\n[ \\t]{0,4}(?![\\w.-]{1,40}["']?[ \\t]{0,8}[:=])(?![A-Z0-9_]{1,80}(?:\\s|$))(?=[^\\s]{0,200}[A-Za-z])${VALUE_CHAR}{4,4096}(?=[\\s"',;}]|$)){0,8}`;
/** A value, however long (a capped match would leave the rest of a long secret showing); a long one may continue on wrapped lines. */
const VALUE = `(?:${VALUE_CHAR}{20,}${WRAPPED}|${VALUE_CHAR}+)`;
const BLANK = "(?:[ \\t]|%20|\\+)";
/** `: `, `=`, `":"`, `\":\"`, `%3D`, `%22%3A%22`… between a key and its value. */
const SEPARATOR = `((?:\\\\?["']|%22)?${BLANK}{0,8}(?:[:=]|%3[aAdD])${BLANK}{0,8}(?:\\\\?["']|%22)?)`;

/**
 * Key words in any case. Spelled out per letter rather than with the `i` flag, which would also make WRAPPED's
 * "not an all-caps symbol" test match every all-letter line.
 */
const anyCase = (pattern: string) => pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
/**
 * `sign` as a word of a key (`sign`, `q-sign-time`, `appSign`, `X_SIGN`), not inside `signal`, `assignee` or `design`.
 * Each alternative starts with a letter and looks behind only after it, which keeps the regex engine's fast scan.
 */
const SIGN = "(?:[sS](?<![A-Za-z][sS])ign(?![a-z])|S(?<=[a-z]S)ign(?![a-z])|S(?<![A-Za-z]S)IGN(?![A-Z]))";
const SECRET_WORD = `(?:${anyCase("(?:secret|token|passw(?:or)?d|pwd|signature|authorization|api[_-]?key|access[_-]?key|private[_-]?key|credential|cookie|session[_-]?id)")}|${SIGN})`;

/** `Authorization: Bearer x`, `Proxy-Authorization: UPYUN op:sig`: the scheme word is kept, what follows it masked. */
const AUTHORIZATION = new RegExp(`\\b(${anyCase("(?:proxy-)?authorization")})${SEPARATOR}(?:([A-Za-z][\\w-]{1,20})${BLANK}{1,8})?${VALUE}`, "g");
/**
 * `secret_key=…`, `"SecretKey":"…"`, `x-cos-security-token: …`, `sign=…&`, `q-signature=…`, `password: …`. The match
 * starts at the secret word, which the regex engine finds quickly; the rest of the key before it is read back from
 * the text (keyBefore), so a hostile run such as `pwd-pwd-…` is not tried again from every character.
 */
const SECRET_PAIR = new RegExp(`(${SECRET_WORD}[\\w-]{0,40})${SEPARATOR}(?:(?:Bearer|Basic)${BLANK}{1,8})?(${VALUE})`, "g");
const KEY_CHAR = /[\w.-]/;
const KEY_BEFORE_MAX = 60;

/** The part of a key before its secret word: the key characters just before `at`. */
function keyBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < KEY_BEFORE_MAX && KEY_CHAR.test(text[start - 1]!)) start--;
  return text.slice(start, at);
}
/** Every pair of a Cookie header (`uin=…; skey=…; p_skey=…`), not only the first. */
const COOKIE_PAIR = `[\\w.%-]{1,256}=[^\\s;"'<>,]{0,4096}`;
const COOKIE_HEADER = new RegExp(`\\b(${anyCase("(?:set-)?cookie")})${SEPARATOR}${COOKIE_PAIR}(?:;[ \\t]?${COOKIE_PAIR})*`, "g");
/** The password of a URL (`redis://:pw@host`, `https://bob:pw@host/`). */
const URL_PASSWORD = /(:\/\/[^\s:@/]{0,256}:)[^\s@/]{1,1024}(?=@)/g;
/** A bare `Bearer …`/`Basic …` anywhere (a curl line cut before its header name). */
const SCHEME = new RegExp(`\\b(Bearer|Basic)${BLANK}{1,8}(?=[A-Za-z0-9._~+/=-]{8})${VALUE}`, "g");
/** The body of a PEM private key: its base64 lines after the BEGIN line (one bad line ends it, so it stays linear). */
const PEM_PRIVATE_KEY = /(-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY-----)(?:\r?\n[A-Za-z0-9+/=]{1,128}){1,2000}/g;
/** Tencent Cloud SecretId. */
const TENCENT_SECRET_ID = /\bAKID[A-Za-z0-9]{12,128}/g;
/** Slack bot, user, app-level, refresh and configuration tokens. */
const SLACK_TOKEN = /\b(?:xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]{8,4096}/g;
/** A Discord bot token: base64 of the bot's id, a timestamp, an HMAC. */
const DISCORD_TOKEN = /\b[MNO][A-Za-z0-9_-]{23,30}\.[A-Za-z0-9_-]{6,8}\.[A-Za-z0-9_-]{27,50}/g;
/**
 * The token in a Discord webhook or interaction URL (`/webhooks/<id>/<token>`, `/interactions/<id>/<token>/callback`)
 * and the path of a Slack incoming webhook or response_url: each lets whoever holds it post as the bot.
 */
const DISCORD_URL_TOKEN = /(\/(?:webhooks|interactions)\/\d{15,22}\/)[A-Za-z0-9_.~-]{16,1024}/g;
const SLACK_HOOK_PATH = /(\bhooks\.slack\.com\/(?:services|commands|workflows|triggers|actions)\/)[A-Za-z0-9_\/-]{8,1024}/g;
/** A JSON Web Token (its header is base64 of `{"`), even wrapped over lines. */
const JWT = new RegExp(`\\beyJ[A-Za-z0-9_-]{10,4096}(?:\\.[A-Za-z0-9_-]{0,4096}){0,2}${WRAPPED}`, "g");

/**
 * Values that are not credentials though their key has a secret word in it: a negative number is an error code
 * (`"sign_error": -97`); after a colon, a short lower-case word is prose (`SLACK_SIGNING_SECRET: is required`,
 * `token: expired`), but after `=` it is an assignment (`api_key=supersecret`). A password is masked whatever it
 * looks like.
 */
const ERROR_CODE_VALUE = /^-\d{1,12}$/;
const PROSE_VALUE = /^[a-z]{1,15}$/;
const ASSIGNS = /=|%3[dD]/;
const PASSWORD_KEY = /passw|pwd/i;

export function maskSecrets(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, `$1\n${MASK}`)
    .replace(URL_PASSWORD, `$1${MASK}`)
    .replace(COOKIE_HEADER, (_whole, key: string, separator: string) => `${key}${separator}${MASK}`)
    .replace(AUTHORIZATION, (_whole, key: string, separator: string, scheme: string | undefined) => `${key}${separator}${scheme ? `${scheme} ` : ""}${MASK}`)
    .replace(SECRET_PAIR, (whole, tail: string, separator: string, value: string, at: number, all: string) => {
      const key = keyBefore(all, at) + tail;
      // An Authorization header was masked above, keeping its scheme word.
      const keep = value === MASK || /authorization$/i.test(key) || (!PASSWORD_KEY.test(key) && (ERROR_CODE_VALUE.test(value) || (PROSE_VALUE.test(value) && !ASSIGNS.test(separator))));
      return keep ? whole : `${tail}${separator}${MASK}`;
    })
    .replace(JWT, MASK)
    .replace(SLACK_TOKEN, MASK)
    .replace(DISCORD_TOKEN, MASK)
    .replace(DISCORD_URL_TOKEN, `$1${MASK}`)
    .replace(SLACK_HOOK_PATH, `$1${MASK}`)
    .replace(TENCENT_SECRET_ID, MASK)
    .replace(SCHEME, `$1 ${MASK}`);
}
