// The words that make the number after them an error code: read by the key classifier (context.ts) and marked by the
// one-pass scan (lexicon.ts), which reads each as a single word.

export const CODE_KEYS = new Set(["code", "errcode", "errorcode", "errno", "errorno", "errnum", "errornum", "retcode", "returncode", "resultcode", "ret", "retval", "rc", "xerrno", "errcd", "errorcd"]);

/** Chinese code keys; `码` and `代码` alone end a key in the classifier but are too common to mark on their own. */
export const HAN_CODE_KEYS = ["错误码", "返回码", "错误代码", "错误号"];
