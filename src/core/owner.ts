// A catalog's `owner`: a name people read, optionally with the Slack user group and Discord role behind it.
// The ids let each platform show the group as a link; the card itself never carries mention syntax.

export interface Owner {
  /** What the card shows: `@payments-oncall`, or the id when no name is given. */
  label: string;
  /** Slack user-group id (`S0123ABCD`), from `<!subteam^S0123ABCD|@name>` or written bare. */
  slackGroup?: string;
  /** Discord role id (a snowflake), from `<@&123456789012345678>`. */
  discordRole?: string;
}

const SLACK_SUBTEAM = /<!subteam\^(S[A-Z0-9]{6,12})(?:\|([^>]{1,80}))?>/;
const SLACK_ID = /(?<![\w@-])(S[A-Z0-9]{6,12})(?![\w-])/;
const DISCORD_ROLE = /<@&(\d{17,20})>/;

export function parseOwner(text: string): Owner {
  let rest = text;
  let slackName: string | undefined;
  let slackGroup: string | undefined;
  const subteam = rest.match(SLACK_SUBTEAM);
  if (subteam) {
    [, slackGroup, slackName] = subteam;
    rest = rest.replace(subteam[0], " ");
  } else {
    const bare = rest.match(SLACK_ID);
    // A bare id counts only where it has a letter after the S (S followed by digits only is a word like S3).
    if (bare && /[A-Z]/.test(bare[1]!.slice(1))) {
      slackGroup = bare[1];
      rest = rest.replace(bare[0], " ");
    }
  }
  const role = rest.match(DISCORD_ROLE);
  if (role) rest = rest.replace(role[0], " ");
  const named = rest.replace(/\s+/g, " ").trim();
  const name = named || slackName?.trim();
  const label = name ? (name.startsWith("@") || /\s/.test(name) ? name : `@${name}`) : slackGroup ?? (role ? `role ${role[1]}` : text.trim());
  return { label, ...(slackGroup ? { slackGroup } : {}), ...(role ? { discordRole: role[1] } : {}) };
}
