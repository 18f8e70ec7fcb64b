// Make the project usable by its own name inside the project, as it is for users who install it:
// - node_modules/evalgap -> ..: tslab compiles notebooks with its own TypeScript and classic
//   node_modules lookup, which does not see package.json self-references, so `import … from
//   "evalgap"` needs the package to be found there;
// - node_modules/.bin/evalgap -> the built CLI: npm does not link a package's own bin, and without
//   it `npx evalgap` goes looking in the registry (seconds) instead of starting at once.
import { chmodSync, lstatSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";

const modules = join(process.cwd(), "node_modules");

function link(target, path) {
  try {
    if (!lstatSync(path).isSymbolicLink()) return; // a real install: leave it alone
    rmSync(path);
  } catch {
    // nothing there yet
  }
  try {
    symlinkSync(target, path);
  } catch (error) {
    console.warn(`evalgap: could not link ${path} (${error.message})`);
  }
}

link("..", join(modules, "evalgap"));
mkdirSync(join(modules, ".bin"), { recursive: true });
link(join("..", "..", "dist", "cli", "main.js"), join(modules, ".bin", "evalgap"));
try {
  chmodSync(join(process.cwd(), "dist", "cli", "main.js"), 0o755);
} catch {
  // not built yet: `npm run build` runs this script again
}
