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
/** A value; a long one may continue on wrapped lines. */
const VALUE = `(?:${VALUE_CHAR}{20,4096}${WRAPPED}|${VALUE_CHAR}{1,4096})`;
const BLANK = "(?:[ \\t]|%20|\\+)";
/** `: `, `=`, `":"`, `\":\"`, `%3D`, `%22%3A%22`… between a key and its value. */
const SEPARATOR = `((?:\\\\?["']|%22)?${BLANK}{0,8}(?:[:=]|%3[aAdD])${BLANK}{0,8}(?:\\\\?["']|%22)?)`;

/**
 * Key words in any case. Spelled out per letter rather than with the `i` flag, which would also make WRAPPED's
 * "not an all-caps symbol" test match every all-letter line.
 */
const anyCase = (pattern: string) => pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const SECRET_WORD = anyCase("(?:secret|token|passw(?:or)?d|pwd|signature|sign|authorization|api[_-]?key|access[_-]?key|private[_-]?key|credential|cookie|session[_-]?id)");

/** `Authorization: Bearer x`, `Proxy-Authorization: UPYUN op:sig`: the scheme word is kept, what follows it masked. */
const AUTHORIZATION = new RegExp(`\\b(${anyCase("(?:proxy-)?authorization")})${SEPARATOR}(?:([A-Za-z][\\w-]{1,20})${BLANK}{1,8})?${VALUE}`, "g");
/** `secret_key=…`, `"SecretKey":"…"`, `x-cos-security-token: …`, `sign=…&`, `q-signature=…`, `password: …`. */
const SECRET_PAIR = new RegExp(`\\b([\\w.-]{0,40}?${SECRET_WORD}[\\w-]{0,40})${SEPARATOR}(?:(?:Bearer|Basic)${BLANK}{1,8})?(${VALUE})`, "g");
/** A bare `Bearer …`/`Basic …` anywhere (a curl line cut before its header name). */
const SCHEME = new RegExp(`\\b(Bearer|Basic)${BLANK}{1,8}(?=[A-Za-z0-9._~+/=-]{8})${VALUE}`, "g");
/** Tencent Cloud SecretId. */
const TENCENT_SECRET_ID = /\bAKID[A-Za-z0-9]{12,128}/g;
/** Slack bot, user, app-level, refresh and configuration tokens. */
const SLACK_TOKEN = /\b(?:xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]{8,4096}/g;
/** A Discord bot token: base64 of the bot's id, a timestamp, an HMAC. */
const DISCORD_TOKEN = /\b[MNO][A-Za-z0-9_-]{23,30}\.[A-Za-z0-9_-]{6,8}\.[A-Za-z0-9_-]{27,50}/g;
/** A JSON Web Token (its header is base64 of `{"`), even wrapped over lines. */
const JWT = new RegExp(`\\beyJ[A-Za-z0-9_-]{10,4096}(?:\\.[A-Za-z0-9_-]{0,4096}){0,2}${WRAPPED}`, "g");

/**
 * Values that are not credentials though their key has a secret word in it: a negative number is an error code
 * (`"sign_error": -97`), a short lower-case word is prose (`SLACK_SIGNING_SECRET: is required`, `token: expired`).
 * A password is masked whatever it looks like.
 */
const NOT_A_CREDENTIAL = /^(?:-\d{1,12}|[a-z]{1,15})$/;
const PASSWORD_KEY = /passw|pwd/i;

export function maskSecrets(text: string): string {
  return text
    .replace(AUTHORIZATION, (_whole, key: string, separator: string, scheme: string | undefined) => `${key}${separator}${scheme ? `${scheme} ` : ""}${MASK}`)
    .replace(SECRET_PAIR, (whole, key: string, separator: string, value: string) =>
      // An Authorization header was masked above, keeping its scheme word.
      value === MASK || /authorization$/i.test(key) || (NOT_A_CREDENTIAL.test(value) && !PASSWORD_KEY.test(key)) ? whole : `${key}${separator}${MASK}`,
    )
    .replace(JWT, MASK)
    .replace(SLACK_TOKEN, MASK)
    .replace(DISCORD_TOKEN, MASK)
    .replace(TENCENT_SECRET_ID, MASK)
    .replace(SCHEME, `$1 ${MASK}`);
}
