// FakeDiscords on their own thread, for the benchmark: Discord is another machine, so its work (gateway frames out,
// callback bodies in) must not share the event loop of the clients being measured. The worker times each round
// trip itself, from the INTERACTION_CREATE frame sent to the callback POST received.
// Messages: {type:"trip", fake, kind, text} -> {type:"trip", ms, data}; {type:"close"} -> {type:"closed"}.
import { parentPort, workerData } from "node:worker_threads";
import { FakeDiscord } from "./fake-discord.js";

const port = parentPort!;
const fakes = await Promise.all(Array.from({ length: (workerData as { fakes: number }).fakes }, () => FakeDiscord.start()));

port.on("message", async (message: { type: string; fake: number; kind: "command" | "autocomplete"; text: string }) => {
  if (message.type === "close") {
    await Promise.all(fakes.map((f) => f.close()));
    port.postMessage({ type: "closed" });
    return;
  }
  const fake = fakes[message.fake]!;
  const started = performance.now();
  const interaction = message.kind === "command" ? fake.slashCommand({ query: message.text }) : fake.autocomplete({ typed: message.text });
  try {
    const call = await fake.callbackFor(interaction);
    port.postMessage({ type: "trip", ms: performance.now() - started, data: call.body.data });
  } catch (error) {
    port.postMessage({ type: "trip", error: (error as Error).message });
  }
});
port.postMessage({ type: "ready", apiUrls: fakes.map((f) => f.apiUrl) });
