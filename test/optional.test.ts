import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importOptional, OptionalPackageError, packageOf } from "../src/optional.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("importOptional", () => {
  it("loads an installed package", async () => {
    const mod = await importOptional<typeof import("simple-statistics")>("simple-statistics", "a test");
    expect(mod.mean([1, 2, 3])).toBe(2);
  });

  it("loads a subpath of an installed package", async () => {
    const mod = await importOptional<{ tsImport: unknown }>("tsx/esm/api", "a test");
    expect(typeof mod.tsImport).toBe("function");
  });

  it("names a missing package, what needed it and the command that installs it", async () => {
    const missing = "evalgap-no-such-package-7f3a";
    const error = await importOptional(missing, "evalgap/figures: saving PNG").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionalPackageError);
    expect((error as Error).message).toBe(
      `evalgap/figures: saving PNG needs the optional package "${missing}": npm install ${missing}`,
    );
    expect((error as OptionalPackageError).packageName).toBe(missing);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("installs the package, not the subpath, when a subpath of a missing scoped package is asked for", async () => {
    const error = await importOptional("@evalgap-no-such-scope/pkg/sub/path.js", "evalgap: a test").catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'evalgap: a test needs the optional package "@evalgap-no-such-scope/pkg": npm install @evalgap-no-such-scope/pkg',
    );
  });

  it("passes on a failure other than the package being absent", async () => {
    // The package is there but has no such subpath export: not an install problem.
    const error = await importOptional("simple-statistics/no-such-export", "a test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(OptionalPackageError);
  });

  it("rejects a relative path and an empty purpose, naming the argument", async () => {
    await expect(importOptional("./theme.js", "a test")).rejects.toThrow(/specifier must name a package.*"\.\/theme\.js"/);
    await expect(importOptional("tslab", " ")).rejects.toThrow(/purpose must say what needs tslab/);
  });
});

describe("packageOf", () => {
  it.each([
    ["tsx/esm/api", "tsx"],
    ["playwright-core", "playwright-core"],
    ["@anthropic-ai/sdk", "@anthropic-ai/sdk"],
    ["@scope/name/deep/file.js", "@scope/name"],
  ])("%s belongs to %s", (specifier, name) => {
    expect(packageOf(specifier)).toBe(name);
  });
});

describe("package.json", () => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, unknown>>;
  const optional = ["playwright-core", "tslab", "danfojs-node", "@anthropic-ai/sdk", "tsx"];

  it.each(optional)("%s is an optional peer, installed in the project as a devDependency, not a dependency", (name) => {
    expect(pkg.peerDependencies[name]).toBeTypeOf("string");
    expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    // One pinned version for the project and a range users can meet.
    expect(pkg.devDependencies[name]).toBeTypeOf("string");
    expect(pkg.dependencies[name]).toBeUndefined();
  });

  it("every optional peer is loaded through importOptional, nowhere with a bare import()", () => {
    const files = ["src/figures/browser.ts", "src/figures/show.ts", "src/runs/dataframe.ts", "src/collect/client.ts", "src/collect/loadScorer.ts"];
    for (const file of files) {
      // Comments may still say `import("…")`; only code counts.
      const source = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      expect(source, file).toContain("importOptional");
      // `typeof import("…")` is a type, erased at build; a call `import("…")` would load the package.
      for (const name of optional) expect(source, file).not.toMatch(new RegExp(`(?<!typeof\\s)\\bimport\\(\\s*"${name}`));
    }
  });
});
