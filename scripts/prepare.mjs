// npm's `prepare` (after `npm ci`/`npm install` in the project, before `npm pack`): build dist/ with
// TypeScript, then link the project to its own name (scripts/link-self.mjs).
//
// One exception: the first `npx evalgap` in a clone. Because package.json has a `bin` named evalgap,
// npm exec installs the project itself into its cache (~/.npm/_npx/<hash>, a link back here) and runs
// `prepare` for it with npm_command=exec. The TypeScript build then made that first call take 4–10 s
// where later ones take under 1 s. dist/ was built by the `npm ci` that came first, so the build is
// skipped then (npx runs dist/ as it is, on that call as on every later one); a clone with no dist/
// is still built.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const npxLinking = process.env.npm_command === "exec" && existsSync(join(root, "dist", "cli", "main.js"));

if (!npxLinking) {
  const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
  if (tsc.error) throw tsc.error;
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
await import("./link-self.mjs");
