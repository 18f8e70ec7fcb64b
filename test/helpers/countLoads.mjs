// Usage: node --import tsx test/helpers/countLoads.mjs <module path> [named export]
// Imports the module (and reads the named export, as a user's first line would) and prints, as JSON,
// every module URL Node loaded for it.
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on("message", (url) => loaded.push(url));
register(new URL("./recordLoads.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });

const [target, name] = process.argv.slice(2);
const mod = await import(pathToFileURL(target).href);
if (name && typeof mod[name] !== "function") throw new Error(`${target} has no function ${name}`);
await new Promise((done) => setTimeout(done, 50)); // let the last messages arrive
port1.close();
process.stdout.write(JSON.stringify(loaded));
