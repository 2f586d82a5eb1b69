import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { parseOwner } from "../../src/core/owner.js";
import { renderDiscordMessage } from "../../src/render/discord.js";
import { renderSlackMessage } from "../../src/render/slack.js";

const TEAM = fileURLToPath(new URL("../fixtures/team/payments.yaml", import.meta.url));
const errcode = Errcode.load([TEAM]);

describe("owner", () => {
  it.each([
    ["@payments-oncall", { label: "@payments-oncall" }],
    ["<!subteam^S0PAYONCALL|payments-oncall>", { label: "@payments-oncall", slackGroup: "S0PAYONCALL" }],
    ["<!subteam^S0PAYONCALL>", { label: "S0PAYONCALL", slackGroup: "S0PAYONCALL" }],
    ["@payments-oncall S0PAYONCALL", { label: "@payments-oncall", slackGroup: "S0PAYONCALL" }],
    ["Payments team <@&112233445566778899>", { label: "Payments team", discordRole: "112233445566778899" }],
    ["S3 storage team", { label: "S3 storage team" }],
  ])("%j reads as %j", (text, owner) => {
    expect(parseOwner(text)).toEqual(owner);
  });

  it("shows on the card as a name, never as mention syntax", () => {
    const card = errcode.command("PAY-1001").cards[0]!;
    expect(card.fields.find((f) => f.label === "Owner")?.value).toBe("@payments-oncall");
    expect(card.owner).toEqual({ label: "@payments-oncall", slackGroup: "S0PAYONCALL", discordRole: "112233445566778899" });
  });

  it("Slack: the owner and the runbook link in a context block, and nothing that notifies", () => {
    const message = renderSlackMessage(errcode.command("PAY-1001"));
    const contexts = message.blocks.filter((b) => b.type === "context").map((b) => JSON.stringify(b));
    const owner = contexts.find((c) => c.includes("Owner:"));
    expect(owner).toContain("Owner: *@payments-oncall* (user group S0PAYONCALL)");
    expect(owner).toContain("<https://wiki.example.com/payments|Runbook>");
    expect(JSON.stringify(message)).not.toMatch(/<!|<@/);
  });

  it("Discord: the role as a link in the Owner field, allowed_mentions empty", () => {
    const message = renderDiscordMessage(errcode.command("PAY-1001"));
    const field = message.embeds[0]!.fields!.find((f) => f.name === "Owner");
    expect(field?.value).toBe("@payments-oncall <@&112233445566778899>");
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it("labels a team catalog's second language as original text, a vendor's as vendor text", () => {
    const team = errcode.command("PAY-1002").cards[0]!;
    expect(team.sections.map((s) => s.title)).toContain("原文 (original text)");
    const vendor = errcode.command("-29036").cards[0]!;
    expect(vendor.sections.map((s) => s.title)).toContain("原文 (vendor text)");
  });
});
