// A module-loading hook (node:module register) that reports every URL Node loads to the parent
// thread, so a test can count what `import … from "evalgap"` really loads.
let port;
export async function initialize(data) {
  port = data.port;
}
export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
