// Make `import ... from "evalgap"` resolve inside this project (notebooks, examples) the way it does for
// users who installed the package: tslab compiles with its own TypeScript and classic node_modules lookup,
// which does not see package.json self-references, so node_modules/evalgap points back at the project.
import { lstatSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";

const link = join(process.cwd(), "node_modules", "evalgap");
try {
  const stat = lstatSync(link);
  if (stat.isSymbolicLink()) rmSync(link);
  else process.exit(0); // a real install of evalgap: leave it alone
} catch {
  // no link yet
}
try {
  symlinkSync("..", link, "dir");
} catch (error) {
  console.warn(`evalgap: could not link node_modules/evalgap (${error.message}); notebooks import ../dist instead`);
}
