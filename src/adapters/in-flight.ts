import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";

/**
 * Work an adapter has accepted (an event acknowledged, a reply on its way). At shutdown it is given the grace
 * period to finish; whatever is still running then is counted as lost, in /metrics and the log, never silently.
 */
export class InFlight {
  private readonly tasks = new Set<Promise<unknown>>();

  constructor(
    private readonly adapter: string,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.tasks.size;
  }

  track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined);
    this.tasks.add(settled);
    void settled.finally(() => this.tasks.delete(settled));
  }

  /** Waits for everything in flight, at most `graceMs`; resolves with how many did not finish (and counts them). */
  async drain(graceMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    // Work may start more work (a reply after a lookup): wait until nothing is left or time is up.
    let timedOut = false;
    void deadline.then(() => (timedOut = true));
    while (this.tasks.size > 0 && !timedOut) await Promise.race([Promise.allSettled([...this.tasks]), deadline]);
    clearTimeout(timer);
    const lost = this.tasks.size;
    if (lost > 0) {
      this.metrics.repliesLost.inc({ adapter: this.adapter }, lost);
      this.logger.error({ adapter: this.adapter, lost, graceMs }, "shutdown grace period ran out: replies still in flight were lost");
    }
    return lost;
  }
}
