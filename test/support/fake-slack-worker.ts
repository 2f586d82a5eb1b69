// A FakeSlack on its own thread, for the benchmark: Slack is another machine, so its work must not share the
// event loop of the app being measured. Messages: {type:"watch", id} -> {type:"card", id} when that response_url
// got its post; {type:"count"} -> {type:"count", n}; {type:"close"} -> {type:"closed"}.
import { parentPort } from "node:worker_threads";
import { FakeSlack } from "./fake-slack.js";

const port = parentPort!;
const fake = await FakeSlack.start();

port.on("message", (message: { type: string; id?: string }) => {
  switch (message.type) {
    case "watch":
      void fake.waitFor(() => fake.responses.some((r) => r.id === message.id), 20_000, `response ${message.id}`).then(
        () => port.postMessage({ type: "card", id: message.id }),
        (error: Error) => port.postMessage({ type: "card", id: message.id, error: error.message }),
      );
      break;
    case "count":
      port.postMessage({ type: "count", n: fake.responses.length });
      break;
    case "close":
      void fake.close().then(() => port.postMessage({ type: "closed" }));
      break;
  }
});
port.postMessage({ type: "ready", port: fake.port, apiUrl: fake.apiUrl });
