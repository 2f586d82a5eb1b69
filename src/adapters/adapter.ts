import type { Config } from "../config.js";
import type { Errcode } from "../core/errcode.js";
import type { AutoExplainSettings } from "../core/policy.js";
import { ChatPipeline, type Platform } from "../core/pipeline.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { StateStore } from "../state/store.js";

/** What every adapter is given: the core, the state store (memory or Redis), configuration, logs and metrics. */
export interface AdapterContext {
  errcode: Errcode;
  state: StateStore;
  config: Config;
  logger: Logger;
  metrics: Metrics;
}

/** A chat platform: payloads in as core events, the core's intents carried out. No decision lives in an adapter. */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking new events, finishes in-flight replies within the grace period, closes connections. */
  stop(): Promise<void>;
  /** Connected and able to answer. */
  ready(): boolean;
}

/** The core pipeline as one platform uses it. */
export function pipelineFor(context: AdapterContext, platform: Platform, autoExplain: AutoExplainSettings = context.config.autoExplain): ChatPipeline {
  const { errcode, state, config, metrics, logger } = context;
  return new ChatPipeline({ errcode, state, autoExplain, oncallChannels: config.oncallChannels, metrics, logger }, platform);
}
