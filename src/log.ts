import { pino, stdSerializers, type Logger } from "pino";
import { maskSecrets } from "./core/redact.js";

export type { Logger };

const REDACTED = "[redacted]";

/**
 * JSON logs on stdout (stderr for the shell adapter, whose stdout is the chat). Every configured secret is
 * scrubbed from every line written, whatever field or message it hides in, as a last line of defence.
 */
export function createLogger(options: { level: string; secrets?: string[]; destination?: NodeJS.WritableStream | number }): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  // Configured secrets by value, then anything credential-shaped (a pasted message logged at debug, a URL, an error).
  const scrub = (line: string) => maskSecrets(secrets.reduce((out, secret) => out.split(secret).join(REDACTED), line));
  const destination = options.destination ?? 1;
  return pino(
    {
      level: options.level,
      base: { service: "errcode" },
      redact: { paths: ["token", "*.token", "botToken", "*.botToken", "signingSecret", "*.signingSecret", "appToken", "*.appToken", "headers.authorization", "*.headers.authorization"], censor: REDACTED },
      hooks: { streamWrite: scrub },
      // An HTTP client's error carries the whole request it sent (discord.js: the rendered card): not log material.
      serializers: { err: (error: Error) => ({ ...stdSerializers.err(error), requestBody: undefined }) },
    },
    typeof destination === "number" ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
