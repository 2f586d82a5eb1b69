import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Metrics } from "./metrics.js";

/** Prometheus metrics, labelled by adapter, served on /metrics. One registry per process (or per test). */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  readonly lookups = new Counter({ name: "errcode_lookups_total", help: "Explicit lookups (/errcode, buttons, shortcuts, mentions)", labelNames: ["adapter", "result"], registers: [this.registry] });
  readonly detections = new Counter({ name: "errcode_detections_total", help: "Codes detected in messages", labelNames: ["adapter"], registers: [this.registry] });
  readonly occurrences = new Counter({ name: "errcode_occurrences_total", help: "Codes seen in messages (each code once per message), by catalog", labelNames: ["catalog"], registers: [this.registry] });
  readonly autoReplies = new Counter({ name: "errcode_auto_replies_total", help: "Auto-explain replies posted", labelNames: ["adapter"], registers: [this.registry] });
  readonly suppressed = new Counter({ name: "errcode_suppressed_replies_total", help: "Auto-explain replies not posted, by reason", labelNames: ["adapter", "reason"], registers: [this.registry] });
  readonly errors = new Counter({ name: "errcode_errors_total", help: "Errors while handling events or calling platform APIs", labelNames: ["adapter", "kind"], registers: [this.registry] });
  readonly stateFallbacks = new Counter({ name: "errcode_state_fallbacks_total", help: "State operations answered from local memory because Redis did not answer in time", labelNames: ["op"], registers: [this.registry] });
  readonly redisUp = new Gauge({ name: "errcode_redis_up", help: "1 while the shared Redis state answers, 0 while this replica uses local state", registers: [this.registry] });
  readonly repliesLost = new Counter({ name: "errcode_replies_lost_total", help: "Replies still undelivered when the shutdown grace period ran out", labelNames: ["adapter"], registers: [this.registry] });
  readonly replayRefused = new Counter({ name: "errcode_replayed_requests_total", help: "Signed requests refused because their signature was already used, or their timestamp is in the future", labelNames: ["adapter", "reason"], registers: [this.registry] });
  readonly latency = new Histogram({
    name: "errcode_handler_seconds",
    help: "Time from event received to reply sent",
    labelNames: ["adapter", "event"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  async time<T>(adapter: string, event: string, work: () => Promise<T>): Promise<T> {
    const end = this.latency.startTimer({ adapter, event });
    try {
      return await work();
    } catch (error) {
      this.errors.inc({ adapter, kind: event });
      throw error;
    } finally {
      end();
    }
  }
}
