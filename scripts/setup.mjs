#!/usr/bin/env node
// `npm run setup`: everything the tests, figures and notebooks need beyond `npm ci`.
//
//   1. npm packages: `npm ci --include=dev` when node_modules/ is missing or lacks one of the
//      optional packages (package.json peerDependenciesMeta: the notebook kernel, the browser
//      driver, danfojs, the Anthropic SDK, tsx), which users may leave out but the project's
//      tests, figures and notebooks need; the build (dist/) and the node_modules/evalgap link
//      when they are missing.
//   2. Debian packages: Chromium (figure export) and Jupyter (headless notebook runs, and
//      `jupyter notebook` for interactive use). As root, missing ones are installed with apt-get;
//      otherwise the exact commands are printed and setup exits 1.
//   3. The tslab kernel, registered inside the project (.jupyter-prefix/), see scripts/jupyter-env.mjs.
//
// Idempotent: when everything is in place it only looks (dpkg-query, one kernel.json read) and is
// done in about a second. Plain Node with no dependencies, because it may run before `npm ci`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  jupyterDataDir,
  kernelRegistered,
  missingPythonModules,
  projectRoot,
  python,
  registerCommand,
  registerKernel,
} from "./jupyter-env.mjs";

/** Debian packages and why each is needed. jupyter-notebook pulls python3-notebook. */
const APT_PACKAGES = [
  ["chromium", "exports figures to SVG/PNG (playwright-core drives it)"],
  ["jupyter-core", "the `jupyter` command"],
  ["jupyter-client", "starts and talks to kernels"],
  ["jupyter-nbconvert", "notebook conversion (also used by nbclient's tools)"],
  ["python3-nbclient", "executes notebooks headless (npm run notebooks)"],
  ["python3-ipykernel", "Jupyter's kernel machinery that nbclient expects"],
  ["jupyter-notebook", "opens the notebooks interactively (npm run notebooks -- --open)"],
];

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const problems = [];

function step(message) {
  console.log(`setup: ${message}`);
}

function run(command, args, options = {}) {
  step(`$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

function npm(args) {
  // npm is npm.cmd on Windows; elsewhere the plain name on PATH.
  run(process.platform === "win32" ? "npm.cmd" : "npm", args);
}

/** The optional peer dependencies (package.json) that are not in node_modules/. */
function missingOptionalPackages() {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
  return Object.keys(pkg.peerDependenciesMeta ?? {}).filter(
    (name) => !existsSync(join(projectRoot, "node_modules", name, "package.json")),
  );
}

function npmPackages() {
  const installed = existsSync(join(projectRoot, "node_modules", ".package-lock.json"));
  const missing = installed ? missingOptionalPackages() : [];
  if (!installed || missing.length > 0) {
    if (missing.length > 0) step(`missing optional packages the notebooks and tests need: ${missing.join(", ")}`);
    // --include=dev: they are devDependencies here, which NODE_ENV=production or omit=dev would skip.
    npm(["ci", "--include=dev"]); // also runs `prepare`: build and link
    return;
  }
  const built = existsSync(join(projectRoot, "dist", "index.js"));
  const linked = existsSync(join(projectRoot, "node_modules", "evalgap"));
  if (!built || !linked) npm(["run", "prepare"]);
  else step("npm packages, dist/ and the evalgap link are in place");
}

/** Installed Debian packages among `names` (dpkg-query "install ok installed" status). */
function missingAptPackages(names) {
  return names.filter((name) => {
    const result = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
    return result.status !== 0 || !result.stdout.includes("install ok installed");
  });
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

function systemPackages() {
  const names = APT_PACKAGES.map(([name]) => name);
  if (!hasCommand("dpkg-query") || !hasCommand("apt-get")) {
    // Not Debian/Ubuntu: check what we can and say what is needed.
    const missing = missingPythonModules();
    if (missing.length > 0 || !hasCommand("chromium")) {
      problems.push(
        "this is not a Debian-like system, so setup cannot install system packages. Needed: Chromium " +
          "(or Google Chrome, or CHROME_PATH set to one) and, for the Python Jupyter uses " +
          `(${python}; EVALGAP_PYTHON overrides it): pip install nbclient nbconvert ipykernel notebook`,
      );
    } else step("Chromium and Jupyter found");
    return;
  }
  const missing = missingAptPackages(names);
  if (missing.length === 0) {
    step(`Debian packages in place: ${names.join(", ")}`);
    return;
  }
  for (const name of missing) step(`missing Debian package ${name}: ${APT_PACKAGES.find(([n]) => n === name)[1]}`);
  const install = ["install", "-y", "-q", "--no-install-recommends", ...missing];
  if (!isRoot) {
    problems.push(
      "not root, so these were not installed. Run:\n" +
        `    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get ${install.join(" ")}\n` +
        "  then `npm run setup` again.",
    );
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-q"], { env });
  run("apt-get", install, { env });
}

function kernel() {
  if (kernelRegistered()) {
    step(`tslab kernel registered in ${jupyterDataDir}`);
    return;
  }
  if (missingPythonModules().length > 0) {
    problems.push(`the tslab kernel is not registered because Jupyter is missing; after installing it: ${registerCommand()}`);
    return;
  }
  step("registering the tslab kernel in .jupyter-prefix/ ...");
  const { ok, output } = registerKernel();
  if (!ok) problems.push(`registering the tslab kernel failed:\n${output}\n  by hand: ${registerCommand()}`);
  else step(`tslab kernel registered in ${jupyterDataDir}`);
}

try {
  npmPackages();
  systemPackages();
  kernel();
} catch (error) {
  console.error(`setup: ${error.message}`);
  process.exit(1);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`setup: ${problem}`);
  process.exit(1);
}
step("done. `npm test` runs the tests, `npm run notebooks` executes notebooks/*.ipynb headless.");
