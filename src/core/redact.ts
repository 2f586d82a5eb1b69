// Cards quote the line a code was found on ("Seen in"). A pasted line can carry credentials next to the code,
// and a card outlives the message it quotes, so credential-shaped values are masked before they are quoted.
// Every run below is bounded, so masking stays linear even on a megabyte of hostile text.

const SECRET_PAIR =
  /\b([\w.-]{0,40}?(?:secret|token|passw(?:or)?d|pwd|signature|authorization|api[_-]?key|access[_-]?key|credential|cookie|session[_-]?id|sign)[\w-]{0,40})(["']?[ \t]{0,8}[:=][ \t]{0,8}["']?)(?:(?:Bearer|Basic)[ \t]{1,8})?[^\s"'&,;}<>]{1,4096}/gi;
const TENCENT_SECRET_ID = /\bAKID[A-Za-z0-9]{12,64}\b/g;
const BEARER = /\b(Bearer|Basic)[ \t]{1,8}[A-Za-z0-9._~+/=-]{8,4096}/g;

export const MASK = "[redacted]";

export function maskSecrets(text: string): string {
  return text
    .replace(SECRET_PAIR, (_whole, key: string, separator: string) => `${key}${separator}${MASK}`)
    .replace(TENCENT_SECRET_ID, MASK)
    .replace(BEARER, `$1 ${MASK}`);
}
