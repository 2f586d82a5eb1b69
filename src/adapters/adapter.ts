import type { Config } from "../config.js";
import type { Errcode } from "../core/errcode.js";
import type { AutoExplainPolicy } from "../core/policy.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";

/** What every adapter is given: the core, the shared channel policy, configuration and a logger. */
export interface AdapterContext {
  errcode: Errcode;
  policy: AutoExplainPolicy;
  config: Config;
  logger: Logger;
  metrics: Metrics;
}

/** A chat platform: events in, core call, rendered reply out. No lookup logic lives in an adapter. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking new events, finishes in-flight replies, closes connections. */
  stop(): Promise<void>;
  /** Connected and able to answer. */
  ready(): boolean;
}
