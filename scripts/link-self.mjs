// Make the project usable by its own name inside the project, as it is for users who install it:
// - node_modules/evalgap -> ..: tslab compiles notebooks with its own TypeScript and classic
//   node_modules lookup, which does not see package.json self-references, so `import … from
//   "evalgap"` needs the package to be found there;
// - node_modules/.bin/evalgap -> the built CLI: npm does not link a package's own bin, and without
//   it `npx evalgap` goes looking in the registry (seconds) instead of starting at once.
// Then node_modules/.package-lock.json is touched, when these links were the only change since npm
// wrote it (see keepHiddenLockfileValid).
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import { join } from "node:path";

const modules = join(process.cwd(), "node_modules");
const hiddenLockfile = join(modules, ".package-lock.json");

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

/**
 * Whether npm would trust the hidden lockfile: no package folder under node_modules (nor
 * node_modules itself) changed after it was written. Arborist's assertNoNewer makes the same walk
 * with the same 10 ms slack; dot folders (.bin, .cache) and links are not looked into.
 */
function hiddenLockfileFresh() {
  if (!existsSync(hiddenLockfile)) return false;
  const lockTime = statSync(hiddenLockfile).mtimeMs + 10;
  const fresh = (dir) => {
    if (statSync(dir).mtimeMs > lockTime) return false;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const child = join(dir, entry.name);
      if (entry.name.startsWith("@")) {
        if (!fresh(child)) return false;
        continue;
      }
      if (statSync(child).mtimeMs > lockTime) return false;
      const nested = join(child, "node_modules");
      if (existsSync(nested) && !fresh(nested)) return false;
    }
    return true;
  };
  return fresh(modules);
}

/**
 * `npx evalgap` loads the project's installed tree on every call, from the hidden lockfile while npm
 * trusts it, else by reading every package.json in node_modules. Adding node_modules/evalgap changes
 * node_modules after npm wrote that file, so npm would stop trusting it; when it was fresh before the
 * links, it is touched after them. It then describes node_modules exactly as before, less the two
 * links, which npm does not need to know about (and, not knowing them, does not prune them).
 */
function keepHiddenLockfileValid(wasFresh) {
  if (!wasFresh) return;
  const now = new Date();
  try {
    utimesSync(hiddenLockfile, now, now);
  } catch (error) {
    console.warn(`evalgap: could not touch ${hiddenLockfile} (${error.message})`);
  }
}

const wasFresh = hiddenLockfileFresh();
link("..", join(modules, "evalgap"));
mkdirSync(join(modules, ".bin"), { recursive: true });
link(join("..", "..", "dist", "cli", "main.js"), join(modules, ".bin", "evalgap"));
try {
  chmodSync(join(process.cwd(), "dist", "cli", "main.js"), 0o755);
} catch {
  // not built yet: `npm run prepare` builds dist/ and runs this script again
}
keepHiddenLockfileValid(wasFresh);
