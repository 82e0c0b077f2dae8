// The package folder as a user gets it: `npm pack` accepts it, a project installs
// the tarball, and both Node and the TypeScript compiler resolve "spf-wasm"
// through the package's `exports` to the right build and types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const packageDir = join(repo, "wasm", "pkg");
const tsc = join(repo, "node_modules", ".bin", "tsc");

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("npm pack, install and import from another project", (t) => {
  const work = mkdtempSync(join(tmpdir(), "spf-wasm-consumer-"));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  const [packed] = JSON.parse(run("npm", ["pack", packageDir, "--pack-destination", work, "--json"], repo));
  const files = packed.files.map((file) => file.path).sort();
  const version = JSON.parse(readFileSync(join(repo, "wasm", "pkg", "package.json"), "utf8")).version;
  assert.equal(packed.name, "spf-wasm");
  assert.equal(packed.version, version);
  assert.notEqual(version, "0.0.0-set-by-build", "the build writes the crate's version");
  for (const expected of ["README.md", "package.json", "node/spf.js", "node/spf.d.ts", "node/spf_bg.wasm", "web/spf.js", "web/spf.d.ts", "web/spf_bg.wasm"]) {
    assert.ok(files.includes(expected), `the tarball holds ${expected} (it holds ${files.join(", ")})`);
  }

  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(work, packed.filename)], work);

  // Node picks the `node` condition: a synchronous ES module, no init() needed.
  const answer = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { responseLevel, assessBreach, isSpfError, version } from "spf-wasm";
       const level = responseLevel({ threatLevel: "critical" }).responseLevel;
       let code = "";
       try { assessBreach({ kind: "lossOfPas" }); } catch (e) { code = isSpfError(e) ? e.code + " " + e.path : "not an SpfError"; }
       console.log(JSON.stringify({ level, code, version: version() }));`,
    ],
    work,
  );
  assert.deepEqual(JSON.parse(answer), { level: "exceptional", code: "unknownValue /kind", version });

  // TypeScript resolves the same entry point's types, and they are strict-clean.
  writeFileSync(
    join(work, "use.ts"),
    `import { assessBreach, type BreachAssessment, type BreachReport } from "spf-wasm";
     const report: BreachReport = {
       kind: "lossOfPass",
       care: "avoidableCarelessness",
       occurred: "2026-11-02",
       person: { status: "employee", organisation: "moj" },
     };
     const answer: BreachAssessment = assessBreach(report);
     export const level: "minor" | "serious" | "gross" = answer.level;
    `,
  );
  writeFileSync(
    join(work, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["esnext"], types: [] },
      files: ["use.ts"],
    }),
  );
  run(tsc, ["-p", "tsconfig.json"], work);
});

test("the declarations name dates IsoDate, never the JavaScript Date class", () => {
  // The wire takes and gives `YYYY-MM-DD` text; a field typed `Date` would invite
  // callers to pass Date objects, which the module rejects.
  for (const build of ["web", "node"]) {
    const declarations = readFileSync(join(packageDir, build, "spf.d.ts"), "utf8");
    const code = declarations.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bDate\b/, `${build}/spf.d.ts refers to Date`);
    assert.match(code, /export type IsoDate = string;/);
  }
});

test("an Engine dropped without free() is released by a finalizer in both builds", () => {
  // wasm-bindgen registers each Engine with a FinalizationRegistry (weak
  // references); without it, an engine a page forgets to free would stay in
  // WebAssembly memory until the page closes.
  for (const build of ["web", "node"]) {
    const glue = readFileSync(join(packageDir, build, "spf.js"), "utf8");
    assert.match(glue, /EngineFinalization\s*=[\s\S]*?new FinalizationRegistry/, `${build}/spf.js`);
    assert.match(glue, /EngineFinalization\.register\(/, `${build}/spf.js`);
  }
});
