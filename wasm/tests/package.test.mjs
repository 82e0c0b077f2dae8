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

// The two forms `engines.node` takes here: "^A.B.0 || >=C.D.0".
function semverRangeHolds(range, major, minor) {
  return range.split("||").some((part) => {
    const m = part.trim().match(/^(\^|>=)(\d+)\.(\d+)\.0$/);
    assert.ok(m, `unexpected engines form ${part}`);
    const [lowMajor, lowMinor] = [Number(m[2]), Number(m[3])];
    const atLeast = major > lowMajor || (major === lowMajor && minor >= lowMinor);
    return m[1] === "^" ? atLeast && major === lowMajor : atLeast;
  });
}

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
  // Exactly these files: the licences, one spf_bg.wasm (the node glue loads the
  // web folder's), and nothing the build leaves lying around.
  assert.deepEqual(files, [
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "README.md",
    "form/spf_form.d.ts",
    "form/spf_form.js",
    "form/spf_form_bg.wasm",
    "form/spf_form_bg.wasm.d.ts",
    "node/spf.d.ts",
    "node/spf.js",
    "package.json",
    "web/spf.d.ts",
    "web/spf.js",
    "web/spf_bg.wasm",
    "web/spf_bg.wasm.d.ts",
  ]);
  for (const licence of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(readFileSync(join(packageDir, licence), "utf8"), readFileSync(join(repo, licence), "utf8"), `${licence} is the repository's`);
  }
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  assert.match(manifest.repository.url, /^git\+https:\/\/github\.com\/.+\.git$/);
  assert.equal(manifest.repository.directory, "wasm");
  assert.ok(manifest.homepage && manifest.bugs?.url, "homepage and bugs are set");

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

  // The breach form's module, by its own entry point, initialised from its bytes.
  const formAnswer = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { readFileSync } from "node:fs";
       import { fileURLToPath } from "node:url";
       import * as form from "spf-wasm/form";
       form.initSync({ module: readFileSync(fileURLToPath(import.meta.resolve("spf-wasm/form/spf_form_bg.wasm"))) });
       const answer = form.assessBreach({ kind: "lossOfPass", care: "avoidableCarelessness", occurred: "2026-11-02", person: { status: "employee", organisation: "moj" } });
       console.log(JSON.stringify({ level: answer.level, kinds: form.breachRules().kinds.length > 20, siteStatus: typeof form.siteStatus }));`,
    ],
    work,
  );
  assert.deepEqual(JSON.parse(formAnswer), { level: "minor", kinds: true, siteStatus: "undefined" });

  // CommonJS: require() of the same entry point, where Node loads ES modules
  // synchronously (20.19+ and 22.12+, the range `engines` names).
  const [major, minor] = process.versions.node.split(".").map(Number);
  const requireWorks = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
  assert.equal(semverRangeHolds(manifest.engines.node, major, minor), requireWorks, `engines ${manifest.engines.node} names the Node versions where require() works`);
  if (requireWorks) {
    writeFileSync(
      join(work, "use.cjs"),
      `const { responseLevel, version } = require("spf-wasm");
       console.log(JSON.stringify({ level: responseLevel({ threatLevel: "low" }).responseLevel, version: version() }));`,
    );
    const output = execFileSync(process.execPath, ["use.cjs"], { cwd: work, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    assert.deepEqual(JSON.parse(output), { level: "normal", version });
  }

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

  // The breach form's module is for browsers: its types, with the DOM's.
  writeFileSync(
    join(work, "form.ts"),
    `import initForm, { assessBreach, breachRules, type BreachRules, type BreachReport } from "spf-wasm/form";
     export async function onTheForm(report: BreachReport): Promise<string> {
       await initForm();
       const rules: BreachRules = breachRules();
       return \`\${assessBreach(report).level} of \${rules.kinds.length} kinds\`;
     }
    `,
  );
  writeFileSync(
    join(work, "tsconfig.form.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["esnext", "dom"], types: [] },
      files: ["form.ts"],
    }),
  );
  run(tsc, ["-p", "tsconfig.form.json"], work);
});

test("the declarations name dates IsoDate, never the JavaScript Date class", () => {
  // The wire takes and gives `YYYY-MM-DD` text; a field typed `Date` would invite
  // callers to pass Date objects, which the module rejects.
  for (const declarationsFile of ["web/spf.d.ts", "node/spf.d.ts", "form/spf_form.d.ts"]) {
    const declarations = readFileSync(join(packageDir, declarationsFile), "utf8");
    const code = declarations.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bDate\b/, `${declarationsFile} refers to Date`);
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
