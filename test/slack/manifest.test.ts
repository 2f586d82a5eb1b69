import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MESSAGE_SHORTCUT_ID, SLACK_EVENTS_PATH, SLASH_COMMAND } from "../../src/adapters/slack/adapter.js";
import { slackManifest, slackRequestUrl } from "../../src/adapters/slack/manifest.js";

// manifest JSON is untyped here on purpose
type Json = any;

describe("slack-app-manifest.yaml", () => {
  const manifest: Json = parse(slackManifest());

  it("declares what the app listens for, under the names it listens for", () => {
    expect(manifest.features.slash_commands.map((c: Json) => c.command)).toEqual([SLASH_COMMAND]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: MESSAGE_SHORTCUT_ID, name: "Explain error codes" })]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.channels", "message.groups", "message.im", "message.mpim"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("asks for the scopes those need and nothing more", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(["app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history", "mpim:history"]);
  });

  it("ships as Socket Mode (no request URLs) and documents the HTTP switch", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    const raw = slackManifest();
    expect(raw).toContain("SLACK_APP_TOKEN=xapp-");
    expect(raw).toContain("SLACK_SIGNING_SECRET=");
    expect(raw).toContain("npm run slack:manifest -- https://");
  });

  it("npm run slack:manifest -- <host> gives the HTTP-mode variant with every request URL set", () => {
    const http: Json = parse(slackManifest({ requestUrl: "https://errcode.example.com" }));
    const url = `https://errcode.example.com${SLACK_EVENTS_PATH}`;
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.features.slash_commands.map((c: Json) => c.url)).toEqual([url]);
    expect({ ...http, settings: undefined, features: undefined }).toEqual({ ...manifest, settings: undefined, features: undefined });
  });

  it("request URLs end in /slack/events whatever form the host is given in", () => {
    expect(slackRequestUrl("https://h.example")).toBe("https://h.example/slack/events");
    expect(slackRequestUrl("https://h.example/bots/")).toBe("https://h.example/bots/slack/events");
    expect(slackRequestUrl("https://h.example/slack/events")).toBe("https://h.example/slack/events");
    expect(() => slackRequestUrl("ftp://h.example")).toThrow();
  });
});
