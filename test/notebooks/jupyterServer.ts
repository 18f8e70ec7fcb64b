// A throwaway `jupyter notebook` server for test/notebooks/interactive.test.ts: started on 127.0.0.1 with
// a random token and the project's tslab kernel, and stopped with every kernel it started.
//
// Jupyter's own state goes to a temp directory (config, runtime files, checkpoints), so the test neither
// reads the user's ~/.jupyter (a password or a custom config would break it) nor leaves files behind.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** What this test uses from scripts/jupyter-env.mjs (an untyped .mjs, so imported by URL and typed here). */
export interface JupyterEnvModule {
  projectRoot: string;
  python: string;
  jupyterEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  kernelRegistered(): boolean;
  registerKernel(): { ok: boolean; output: string };
  registerCommand(): string;
}

/** The project's Jupyter settings, shared with `npm run notebooks` and `npm run setup`. */
export async function loadJupyterEnv(projectRoot: string): Promise<JupyterEnvModule> {
  const url = pathToFileURL(join(projectRoot, "scripts", "jupyter-env.mjs")).href;
  return (await import(url)) as JupyterEnvModule;
}

/**
 * The installed classic Notebook's version, or an Error saying how to install it. The test fails (never
 * skips) without it: CI runs `npm run setup`, which installs Debian's jupyter-notebook.
 */
export function notebookVersion(python: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(python, ["-m", "notebook", "--version"], { env, encoding: "utf8", timeout: 60_000 });
  const version = (result.stdout ?? "").trim();
  if (result.status !== 0 || !/^\d+\./.test(version)) {
    const why = result.error ? result.error.message : (result.stderr ?? "").trim().split("\n").slice(-1)[0];
    throw new Error(
      `jupyter notebook is not installed for ${python} (${why || "no version printed"}). ` +
        "Run `npm run setup` (as root it installs Debian's jupyter-notebook), or " +
        "`sudo apt-get install -y --no-install-recommends jupyter-notebook`.",
    );
  }
  return version;
}

/** A TCP port nobody listens on right now on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error("no free port"))));
    });
  });
}

/** Newest modification time of any file under `dir` (0 when there is none). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Notebooks import the built package (dist/ through node_modules/evalgap -> ..): rebuild it when src/
 * is newer, as `npm run notebooks` does, so the page shows today's code.
 */
export function ensureBuilt(projectRoot: string): void {
  const built = join(projectRoot, "dist", "index.js");
  if (existsSync(built) && newestMtime(join(projectRoot, "src")) <= statSync(built).mtimeMs) return;
  const tsc = join(projectRoot, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: projectRoot, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the build (tsc -p tsconfig.build.json) failed:\n${result.stdout}${result.stderr}`);
}

export interface JupyterServer {
  /** http://127.0.0.1:<port> */
  base: string;
  token: string;
  /** Everything the server printed so far (for failure messages). */
  log(): string;
  /** Shut down every kernel, then the server; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  python: string;
  env: NodeJS.ProcessEnv;
  /** The directory the server serves (URLs are relative to it). */
  root: string;
  /** Scratch directory for Jupyter's config, runtime files and checkpoints. */
  scratch: string;
  /** How long to wait for the server to answer (ms). */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET/POST/DELETE against the server's REST API with the token; undefined when it does not answer. */
async function api(base: string, token: string, path: string, method = "GET"): Promise<Response | undefined> {
  try {
    return await fetch(`${base}${path}`, { method, headers: { Authorization: `token ${token}` }, signal: AbortSignal.timeout(5_000) });
  } catch {
    return undefined;
  }
}

/** Wait for `child` to exit, up to `ms`; true when it did. */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((r) => {
    const timer = setTimeout(() => r(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      r(true);
    });
  });
}

/**
 * Processes started on behalf of the server `serverPid`: jupyter_client puts each kernel in a session
 * of its own (so signalling the server's process group misses them) but marks it with JPY_PARENT_PID.
 * Linux only (/proc); elsewhere the REST shutdown alone has to do.
 */
function kernelPids(serverPid: number): number[] {
  if (!existsSync("/proc")) return [];
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, "latin1").split("\0");
      if (environ.includes(`JPY_PARENT_PID=${serverPid}`)) pids.push(Number(name));
    } catch {
      // the process ended, or is not ours to read
    }
  }
  return pids;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the kernel leads its own process group: reach its node children too
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Start `jupyter notebook` on 127.0.0.1 at a free port with a random token, serving `root`; resolves
 * when /api/status answers. Throws with the server's output when it exits or does not answer in time.
 */
export async function startJupyter(options: StartOptions): Promise<JupyterServer> {
  const { python, root, scratch } = options;
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  const dirs = { config: join(scratch, "config"), runtime: join(scratch, "runtime"), checkpoints: join(scratch, "checkpoints") };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // Jupyter refuses to serve as root unless told; containers and CI machines often are root.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : [];
  const args = [
    "-m", "notebook", "--no-browser", ...asRoot,
    "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--NotebookApp.token=${token}`, "--NotebookApp.password=", `--notebook-dir=${root}`,
    // the test opens a dot-file copy of the notebook (so `npm run notebooks` never lists it)
    "--ContentsManager.allow_hidden=True",
    // an absolute checkpoint_dir keeps .ipynb_checkpoints/ out of notebooks/
    `--FileCheckpoints.checkpoint_dir=${dirs.checkpoints}`,
  ];
  const env = { ...options.env, JUPYTER_CONFIG_DIR: dirs.config, JUPYTER_RUNTIME_DIR: dirs.runtime };
  // detached: the server leads its own process group, so stop() can signal it and its helpers at once
  const child = spawn(options.python, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let spawnError: Error | undefined;
  child.on("error", (e) => (spawnError = e));

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.pid === undefined) return;
      const serverPid = child.pid;
      // The polite way first: the REST API shuts kernels down cleanly (tslab then closes its Chromium).
      const list = await api(base, token, "/api/kernels");
      if (list?.ok) {
        const running = (await list.json()) as { id: string }[];
        await Promise.all(running.map((k) => api(base, token, `/api/kernels/${k.id}`, "DELETE")));
      }
      await api(base, token, "/api/shutdown", "POST");
      if (!(await exited(child, 10_000))) {
        signalGroup(serverPid, "SIGTERM");
        if (!(await exited(child, 5_000))) signalGroup(serverPid, "SIGKILL");
        await exited(child, 5_000);
      }
      // Whatever outlived the shutdown (a hung kernel, the Chromium its show() started) goes too;
      // they inherited JPY_PARENT_PID, so this finds only this server's processes.
      for (const pid of kernelPids(serverPid)) signalGroup(pid, "SIGKILL");
    })());

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`could not start ${python}: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`jupyter notebook exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    const status = await api(base, token, "/api/status");
    if (status?.ok) return { base, token, log: () => output, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`jupyter notebook did not answer on ${base} within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
}
