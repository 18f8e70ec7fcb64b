/** Running the `evalgap` command in tests: in-process through `dispatch`, or as a child process through tsx. */
import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { dispatch } from "../../src/cli/dispatch.js";
import type { Io } from "../../src/cli/io.js";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const mainEntry = join(root, "src/cli/main.ts");

const realDir = resolve(root, "../shared/real-runs/llm-temperature");
/** Two of the real temperature sweeps (wide repeats, clustered by source). */
export const realFiles = ["0.0", "1.0"].map((t) => join(realDir, `gpt-4 - chain_of_thought - comprehensive-100 - temp-${t}.csv`));
/** The reading flags those files need. */
export const realFlags = ["--columns", "item=Problem ID,cluster=Source,error=Error", "--condition-pattern", "temp-([\\d.]+)\\.csv$", "--answers", "^Answer \\d+$", "--key", "Correct Answer"];

/** Run the dispatcher in-process, capturing what it writes (no progress line: there is nowhere to redraw it). */
export async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await dispatch(args, io);
  return { code, out, err };
}

const execFileAsync = promisify(execFile);

/** Run the real entry point (src/cli/main.ts through tsx) as a child process. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", mainEntry, ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The last line of captured output (loading notes come before a command's own message). */
export function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}
