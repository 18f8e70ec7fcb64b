#!/usr/bin/env node
// `npm run notebooks`: execute every notebooks/*.ipynb headless on the project's tslab kernel and save
// the outputs in place (so they read well on GitHub). Any cell error fails the run with exit code 1,
// naming the notebook and the cell; CI relies on that.
//
//   npm run notebooks                               all of notebooks/*.ipynb, in name order
//   npm run notebooks -- notebooks/00-smoke.ipynb   just these
//   npm run notebooks -- --out-dir /tmp/out         write executed copies there, leave the originals
//   npm run notebooks -- --timeout 600              seconds per cell (default 300)
//   npm run notebooks -- --no-build                 do not rebuild dist/ when src/ is newer
//   npm run notebooks -- --open                     start the interactive `jupyter notebook` instead
//
// Execution uses Jupyter's nbclient directly (what `jupyter nbconvert --execute` runs underneath) so
// the failing cell's index is known. Each kernel starts in the notebook's own folder, whatever
// --out-dir says, so `import ... from "evalgap"` resolves through node_modules/evalgap -> .. and
// relative data paths (../data/simulated/…) work.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import {
  jupyterEnv,
  kernelRegistered,
  missingPythonModules,
  projectRoot,
  python,
  registerCommand,
  registerKernel,
} from "./jupyter-env.mjs";

const EXIT_CELL_ERROR = 1;
const EXIT_NOT_READY = 2;

// The Python side: run each notebook with nbclient, report the failing cell, write on success.
// timing metadata is not recorded so re-running an unchanged notebook gives an unchanged file.
const DRIVER = String.raw`
import json, re, sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
spec = json.loads(sys.argv[1])
failed = 0
for job in spec["notebooks"]:
    name = job["name"]
    started = time.time()
    print(f"running {name} ...", flush=True)
    try:
        nb = nbformat.read(job["input"], as_version=4)
    except Exception as error:
        print(f"FAILED {name}: cannot read the notebook: {error}", file=sys.stderr, flush=True)
        failed += 1
        continue
    kernel = nb.metadata.get("kernelspec", {}).get("name") or spec["kernel"]
    where = {"index": None}
    def remember(cell, cell_index, **_):
        where["index"] = cell_index
    client = NotebookClient(nb, timeout=spec["timeout"], kernel_name=kernel, record_timing=False,
                            resources={"metadata": {"path": job["cwd"]}}, on_cell_execute=remember)
    try:
        client.execute()
    except Exception as error:
        failed += 1
        index = where["index"]
        if index is None:
            print(f"FAILED {name}: the kernel '{kernel}' did not start: {type(error).__name__}: {error}",
                  file=sys.stderr, flush=True)
            continue
        cell = nb.cells[index]
        first = next((line for line in cell.source.splitlines() if line.strip()), "")
        if isinstance(error, CellTimeoutError):
            why = f"timed out after {spec['timeout']} s"
        elif isinstance(error, DeadKernelError):
            why = "the kernel died"
        else:
            why = "raised an error"
        print(f"FAILED {name}: cell {index + 1} of {len(nb.cells)} {why}: {first}", file=sys.stderr)
        # tslab reports compile errors and uncaught exceptions on the cell's stderr stream, other
        # kernels as an "error" output: show both, trimmed, without terminal colours.
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = "\n".join(output.get("traceback") or []) or f"{output.get('ename')}: {output.get('evalue')}"
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = output.get("text", "")
            else:
                continue
            lines = ANSI.sub("", text).rstrip().splitlines()
            if len(lines) > 25:
                lines = lines[:25] + [f"... ({len(lines) - 25} more lines)"]
            print("    " + "\n    ".join(lines), file=sys.stderr)
        if not isinstance(error, CellExecutionError):
            print(f"    {type(error).__name__}: {ANSI.sub('', str(error)).strip()}", file=sys.stderr)
        sys.stderr.flush()
        continue
    nbformat.write(nb, job["output"])
    print(f"ok {name} ({time.time() - started:.1f} s) -> {job['outputName']}", flush=True)
sys.exit(1 if failed else 0)
`;

function parseArgs(argv) {
  const options = { outDir: undefined, timeout: 300, build: true, open: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out-dir") options.outDir = resolve(requireValue(argv, ++i, arg));
    else if (arg === "--timeout") {
      const value = Number(requireValue(argv, ++i, arg));
      if (!Number.isFinite(value) || value <= 0) fail(`--timeout must be a positive number of seconds, got ${argv[i]}`);
      options.timeout = value;
    } else if (arg === "--no-build") options.build = false;
    else if (arg === "--open") options.open = true;
    else if (arg === "-h" || arg === "--help") {
      console.log("usage: npm run notebooks -- [--out-dir DIR] [--timeout SEC] [--no-build] [--open] [notebook.ipynb ...]");
      process.exit(0);
    } else if (arg.startsWith("--")) fail(`unknown option ${arg}`);
    else options.files.push(resolve(arg));
  }
  return options;
}

function requireValue(argv, i, name) {
  if (i >= argv.length) fail(`${name} needs a value`);
  return argv[i];
}

function fail(message, code = EXIT_NOT_READY) {
  console.error(`notebooks: ${message}`);
  process.exit(code);
}

/** Jupyter and the kernel must be in place; register the kernel ourselves when only that is missing. */
function checkJupyter() {
  const missing = missingPythonModules();
  if (missing.length > 0) {
    fail(
      `Jupyter is not installed for ${python} (missing Python modules: ${missing.map((m) => m.module).join(", ")}).\n` +
        `  Run \`npm run setup\` (as root it installs them), or:\n` +
        `  sudo apt-get install -y --no-install-recommends ${[...new Set(missing.map((m) => m.apt))].join(" ")}\n` +
        `  (elsewhere: pip install ${missing.map((m) => m.pip).join(" ")} and set EVALGAP_PYTHON to that python)`,
    );
  }
  if (!kernelRegistered()) {
    console.log("notebooks: registering the tslab kernel in .jupyter-prefix/ ...");
    const { ok, output } = registerKernel();
    if (!ok) fail(`could not register the tslab kernel:\n${output}\n  by hand: ${registerCommand()}`);
  }
}

/** Newest modification time of any file under `dir` (0 when there is none). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Notebooks import the built package (dist/); rebuild it when src/ changed since, so they test today's code. */
function ensureBuilt() {
  const built = join(projectRoot, "dist", "index.js");
  const stale = !existsSync(built) || newestMtime(join(projectRoot, "src")) > statSync(built).mtimeMs;
  if (stale) {
    console.log("notebooks: src/ is newer than dist/: building ...");
    const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: projectRoot, stdio: "inherit" });
    if (result.status !== 0) fail("the build (tsc -p tsconfig.build.json) failed; the notebooks would run stale code");
  }
  if (!existsSync(join(projectRoot, "node_modules", "evalgap"))) {
    spawnSync(process.execPath, [join(projectRoot, "scripts", "link-self.mjs")], { cwd: projectRoot, stdio: "inherit" });
  }
}

function listNotebooks(files) {
  if (files.length > 0) {
    for (const file of files) if (!existsSync(file)) fail(`no such notebook: ${relative(projectRoot, file) || file}`);
    return files;
  }
  const dir = join(projectRoot, "notebooks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.startsWith("."))
    .sort()
    .map((name) => join(dir, name));
}

function openInteractive() {
  const dir = join(projectRoot, "notebooks");
  console.log(`notebooks: starting jupyter notebook in ${dir} (Ctrl-C to stop)`);
  // Jupyter refuses to serve as root unless told; containers and CI machines often are root.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : [];
  const result = spawnSync(python, ["-m", "jupyter", "notebook", ...asRoot, dir], { env: jupyterEnv(), stdio: "inherit" });
  if (result.status !== 0) {
    fail("`jupyter notebook` did not run: `npm run setup` installs it (Debian package jupyter-notebook)");
  }
}

const options = parseArgs(process.argv.slice(2));
checkJupyter();
if (options.build) ensureBuilt();
if (options.open) {
  openInteractive();
  process.exit(0);
}
const notebooks = listNotebooks(options.files);
if (notebooks.length === 0) {
  console.log("notebooks: no notebooks/*.ipynb to run");
  process.exit(0);
}
if (options.outDir) mkdirSync(options.outDir, { recursive: true });
const show = (path) => (path.startsWith(projectRoot) ? relative(projectRoot, path) : path);
const jobs = notebooks.map((input) => {
  const output = options.outDir ? join(options.outDir, basename(input)) : input;
  return { input, output, cwd: dirname(input), name: show(input), outputName: show(output) };
});
const spec = JSON.stringify({ notebooks: jobs, timeout: options.timeout, kernel: "tslab" });
// Saved notebooks carry each figure as a picture only (show() reads EVALGAP_SHOW): inlining plotly
// (4.8 MB) into every committed notebook would make them unreadable on GitHub. Live sessions stay interactive.
const env = { ...jupyterEnv(), EVALGAP_SHOW: process.env.EVALGAP_SHOW ?? "static" };
const result = spawnSync(python, ["-c", DRIVER, spec], { cwd: projectRoot, env, stdio: "inherit" });
if (result.error) fail(`could not start ${python}: ${result.error.message}`);
process.exit(result.status === 0 ? 0 : EXIT_CELL_ERROR);
