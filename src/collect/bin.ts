/**
 * A standalone entry for `evalgap run` (used by the tests and benchmarks, which must not
 * depend on the main dispatcher): `tsx src/collect/bin.ts --tasks … --out …`.
 */
import { runCommand } from "../cli/run.js";

process.exitCode = await runCommand(process.argv.slice(2));
