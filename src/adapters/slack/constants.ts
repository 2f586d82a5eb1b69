// Names shared by the app, its manifest (slack-app-manifest.yaml) and Slack: change them together or not at all.

export const SLASH_COMMAND = "/errcode";
/** `callback_id` of the "Explain error codes" message shortcut. */
export const MESSAGE_SHORTCUT_ID = "explain_error_codes";
/** Where Bolt's HTTP receiver takes commands, events and interactivity. */
export const SLACK_EVENTS_PATH = "/slack/events";
