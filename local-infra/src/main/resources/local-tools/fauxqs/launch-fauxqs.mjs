// Starts fauxqs in memory on loopback only. Its own CLI always binds 0.0.0.0, so we build the app ourselves.
// Env: FAUXQS_HOME (the install folder), FAUXQS_PORT (0 = any free port), FAUXQS_LOGGER=true for request logs.
// Prints "FAUXQS_READY <url>" once it accepts connections; exits on SIGTERM or when its parent closes stdin, so a
// crashed JVM never leaves an emulator behind. Signals meant for the parent's process group are left to the parent,
// which stops the apps that use the emulator before the emulator itself: on Linux the emulator runs in a session of
// its own (setsid), so neither a terminal's Ctrl-C nor a SIGTERM to the group reaches it; where there is no setsid
// (macOS) the Ctrl-C's SIGINT does, and is ignored here.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = (file) => pathToFileURL(join(process.env.FAUXQS_HOME, "node_modules/fauxqs/dist", file)).href;
const { buildApp } = await import(dist("app.js"));
const { SqsStore, SqsQueue } = await import(dist("sqs/sqsStore.js"));

// AWS holds every new message of a delay queue for the queue's DelaySeconds, those SNS delivers included; fauxqs 2.4.1
// delays only what SendMessage sends. So a never-received message that arrives without a delay of its own (as SNS
// delivers them; SendMessage has applied the queue's delay already) gets the queue's. Only an explicit per-message
// DelaySeconds of 0 on a delay queue, which nothing here sends, is delayed where AWS would not.
const enqueue = SqsQueue.prototype.enqueue;
SqsQueue.prototype.enqueue = function (msg) {
  const queueDelay = parseInt(this.attributes.DelaySeconds ?? "0", 10);
  if (queueDelay > 0 && msg.delayUntil === undefined && msg.approximateReceiveCount === 0) {
    msg.delayUntil = msg.sentTimestamp + queueDelay * 1000;
  }
  return enqueue.call(this, msg);
};

const sqsStore = new SqsStore();
sqsStore.host = ""; // queue URLs follow the request's Host header, i.e. http://127.0.0.1:<port>/000000000000/<name>
const app = buildApp({ logger: process.env.FAUXQS_LOGGER === "true", stores: { sqsStore } });
await app.listen({ port: parseInt(process.env.FAUXQS_PORT ?? "4566", 10), host: "127.0.0.1" });
console.log(`FAUXQS_READY http://127.0.0.1:${app.server.address().port}`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  process.exit(0);
};
process.on("SIGINT", () => {});
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
