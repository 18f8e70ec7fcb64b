/**
 * Packages that only one feature needs are optional peer dependencies of evalgap: the headless
 * browser driver (playwright-core: SVG/PNG figures), the notebook kernel (tslab: `show()` outside a
 * running kernel), danfojs-node (DataFrames), the Anthropic SDK (`evalgap run`) and tsx (TypeScript
 * scorers). `npm install evalgap` leaves them out, so a user who wants the statistics does not
 * download a browser driver and a machine-learning stack. The function that needs one loads it here,
 * at first use, and a missing one is reported with the command that installs it.
 */

/** A missing optional package: the message names it, what needed it, and the install command. */
export class OptionalPackageError extends Error {
  /** The package to install, e.g. "playwright-core". */
  readonly packageName: string;

  constructor(packageName: string, purpose: string, options?: { cause?: unknown }) {
    super(`${purpose} needs the optional package "${packageName}": npm install ${packageName}`, options);
    this.name = "OptionalPackageError";
    this.packageName = packageName;
  }
}

/**
 * The package a bare specifier belongs to: "tsx/esm/api" → "tsx", "@anthropic-ai/sdk" →
 * "@anthropic-ai/sdk".
 *
 * @example
 * packageOf("tsx/esm/api"); // "tsx"
 */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Whether `error` says that the package itself cannot be found. A package that is installed but
 * lacks one of its own dependencies names that other package, and its error is passed on as it is.
 */
function isMissingPackage(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  // Node names the package ('tsx'), a module runner may name the whole specifier ('tsx/esm/api').
  const quoted = new RegExp(`['"]${packageName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}['"/]`);
  return quoted.test(error.message);
}

/**
 * Import an optional package (a bare specifier, subpaths allowed) the first time a feature needs it.
 * `purpose` says who needs it, in the words the error will use ("evalgap/figures: drawing SVG and PNG
 * figures"). When the package is not installed, throws an `OptionalPackageError` whose message ends
 * with `npm install <package>`; any other failure while loading it is rethrown unchanged.
 *
 * @example
 * const { chromium } = await importOptional<typeof import("playwright-core")>("playwright-core", "evalgap/figures: saving PNG");
 * // without playwright-core: Error 'evalgap/figures: saving PNG needs the optional package "playwright-core": npm install playwright-core'
 */
export async function importOptional<Module>(specifier: string, purpose: string): Promise<Module> {
  if (typeof specifier !== "string" || specifier === "" || specifier.startsWith(".") || specifier.startsWith("/")) {
    throw new TypeError(`specifier must name a package (a bare specifier such as "playwright-core"), got ${JSON.stringify(specifier)}`);
  }
  if (typeof purpose !== "string" || purpose.trim() === "") {
    throw new TypeError(`purpose must say what needs ${specifier}, got ${JSON.stringify(purpose)}`);
  }
  const packageName = packageOf(specifier);
  try {
    return (await import(specifier)) as Module;
  } catch (error) {
    if (isMissingPackage(error, packageName)) throw new OptionalPackageError(packageName, purpose, { cause: error });
    throw error;
  }
}
