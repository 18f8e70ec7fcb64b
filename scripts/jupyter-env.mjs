// Where this project keeps its Jupyter kernel, shared by scripts/setup.mjs and scripts/notebooks.mjs.
//
// The tslab kernel is registered inside the project (.jupyter-prefix/, git-ignored) rather than in the
// user's ~/.local or /usr/local, so a clone never touches global Jupyter state and two clones never
// fight over one kernel.json (each kernel.json holds the absolute path of its own clone's tslab).
// Jupyter finds it through JUPYTER_PATH, which `jupyterEnv()` sets.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root directory (the parent of scripts/). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The Python that runs Jupyter. Debian's /usr/bin/python3 is the one the apt packages
 * (python3-nbclient, jupyter-nbconvert …) install into; a pyenv or venv python3 earlier on PATH
 * would not see them. EVALGAP_PYTHON overrides it (e.g. a venv with `pip install nbclient`).
 */
export const python = process.env.EVALGAP_PYTHON || "/usr/bin/python3";

/** The prefix given to `tslab install --prefix`; kernels land in <prefix>/share/jupyter/kernels/. */
export const jupyterPrefix = join(projectRoot, ".jupyter-prefix");

/** The directory to put on JUPYTER_PATH so Jupyter finds the project's kernels. */
export const jupyterDataDir = join(jupyterPrefix, "share", "jupyter");

/** The kernel name notebooks use in their metadata (kernelspec.name). */
export const kernelName = "tslab";

/** The kernel.json that `tslab install` writes for the TypeScript kernel. */
export const kernelJson = join(jupyterDataDir, "kernels", kernelName, "kernel.json");

/** This clone's tslab launcher (a dependency in package.json). */
export const tslabBinary = join(projectRoot, "node_modules", ".bin", "tslab");

/** Python modules the headless runner needs, and the Debian package that provides each. */
export const pythonModules = [
  { module: "nbclient", apt: "python3-nbclient", pip: "nbclient" },
  { module: "nbformat", apt: "python3-nbformat", pip: "nbformat" },
  { module: "jupyter_client", apt: "jupyter-client", pip: "jupyter_client" },
  { module: "nbconvert", apt: "jupyter-nbconvert", pip: "nbconvert" },
];

/** `env` with the project's Jupyter data directory first on JUPYTER_PATH. */
export function jupyterEnv(env = process.env) {
  const rest = env.JUPYTER_PATH ? env.JUPYTER_PATH.split(delimiter).filter((p) => p && p !== jupyterDataDir) : [];
  return { ...env, JUPYTER_PATH: [jupyterDataDir, ...rest].join(delimiter) };
}

/**
 * Is the tslab kernel registered for this clone? True only when kernel.json exists and starts
 * this clone's tslab (a kernel.json copied from another checkout would start the wrong code).
 */
export function kernelRegistered() {
  if (!existsSync(kernelJson)) return false;
  try {
    const spec = JSON.parse(readFileSync(kernelJson, "utf8"));
    return Array.isArray(spec.argv) && spec.argv[0] === tslabBinary && existsSync(tslabBinary);
  } catch {
    return false;
  }
}

/** Whether `python` runs at all. */
export function pythonAvailable() {
  return spawnSync(python, ["-c", "pass"], { stdio: "ignore" }).status === 0;
}

/** The entries of `pythonModules` that `python` cannot import (all of them when python is missing). */
export function missingPythonModules() {
  if (!pythonAvailable()) return [...pythonModules];
  return pythonModules.filter(
    ({ module }) => spawnSync(python, ["-c", `import ${module}`], { stdio: "ignore" }).status !== 0,
  );
}

/**
 * Register the tslab kernel under .jupyter-prefix/ (quiet, a second or two). Returns
 * { ok, output } rather than throwing, so callers can print their own advice.
 */
export function registerKernel() {
  if (!existsSync(tslabBinary)) {
    return { ok: false, output: `${tslabBinary} is missing: run \`npm ci\` first.` };
  }
  const result = spawnSync(
    tslabBinary,
    ["install", `--python=${python}`, `--binary=${tslabBinary}`, `--prefix=${jupyterPrefix}`],
    { cwd: projectRoot, encoding: "utf8" },
  );
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
  return { ok: result.status === 0 && kernelRegistered(), output };
}

/** The shell command that registers the kernel by hand (printed in advice). */
export function registerCommand() {
  return `${tslabBinary} install --python=${python} --binary=${tslabBinary} --prefix=${jupyterPrefix}`;
}
