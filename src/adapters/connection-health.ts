// Whether a long-lived connection (Slack Socket Mode, the Discord gateway) is up right now, for /healthz.
// The SDKs announce a lost connection late: Socket Mode emits "reconnecting" only after its reconnect delay
// (5 s and more), and a discord.js client stays "ready" while its shard reconnects. These are the first signs.

/** Events that say a connection came up or went down. */
export interface ConnectionEvents {
  up: readonly string[];
  down: readonly string[];
}

/** @slack/socket-mode's client: "close" is emitted as soon as the WebSocket closes. */
export const SOCKET_MODE_EVENTS: ConnectionEvents = { up: ["connected"], down: ["close", "disconnected", "reconnecting"] };
/** discord.js's shard events (Events.ShardReady, ShardResume, ShardDisconnect, ShardReconnecting, ShardError). */
export const GATEWAY_EVENTS: ConnectionEvents = { up: ["shardReady", "shardResume"], down: ["shardDisconnect", "shardReconnecting", "shardError"] };

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export class ConnectionHealth {
  private up = false;

  get connected(): boolean {
    return this.up;
  }

  /** Follows `emitter`'s connection events from now on. */
  watch(emitter: Emitter, events: ConnectionEvents): this {
    for (const event of events.up) emitter.on(event, () => (this.up = true));
    for (const event of events.down) emitter.on(event, () => (this.up = false));
    return this;
  }
}
