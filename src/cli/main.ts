#!/usr/bin/env node
/**
 * Entry point of the `evalgap` command (package.json `bin`). All logic is in dispatch.ts so tests
 * can call it; this file only hands it the arguments and sets the exit code.
 */
import { dispatch } from "./dispatch.js";

process.exitCode = await dispatch(process.argv.slice(2));
