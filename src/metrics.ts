/** Label values of one series, e.g. `{ adapter: "slack", result: "found" }`. */
export type Labels = Record<string, string>;

export interface Count {
  inc(labels: Labels, value?: number): void;
}

export interface Level {
  set(value: number): void;
}

export interface Timing {
  startTimer(labels: Labels): () => void;
  observe(labels: Labels, seconds: number): void;
}

/**
 * What the bot counts, by adapter. A deployed bot counts into Prometheus (`PrometheusMetrics`, served on
 * /metrics); a local shell chat serves no /metrics and counts nothing, so it never loads the client library.
 */
export interface Metrics {
  readonly lookups: Count;
  readonly detections: Count;
  readonly occurrences: Count;
  readonly autoReplies: Count;
  readonly suppressed: Count;
  readonly errors: Count;
  readonly stateFallbacks: Count;
  readonly redisUp: Level;
  readonly repliesLost: Count;
  readonly replayRefused: Count;
  readonly latency: Timing;
  /** Times `work` into the latency histogram; errors are counted and re-thrown. */
  time<T>(adapter: string, event: string, work: () => Promise<T>): Promise<T>;
}

const uncounted: Count & Level = { inc() {}, set() {} };

/** Metrics for a process that serves none. */
export const UNSERVED_METRICS: Metrics = {
  lookups: uncounted,
  detections: uncounted,
  occurrences: uncounted,
  autoReplies: uncounted,
  suppressed: uncounted,
  errors: uncounted,
  stateFallbacks: uncounted,
  redisUp: uncounted,
  repliesLost: uncounted,
  replayRefused: uncounted,
  latency: { startTimer: () => () => {}, observe() {} },
  time: async (_adapter, _event, work) => work(),
};
