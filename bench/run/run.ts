/**
 * Benchmark of `scs run` on the OpenStack lab: N subjects (default 10, all the lab's member cloud
 * under different subject names) checked in one run, against each subject checked alone.
 * Prints every single run, the slowest and the sum, the wall time of the whole run and the ratios
 * wall / slowest single (goal: ≤ 1.5) and wall / sum.
 *
 * Run (the lab is shared: hold its lock):
 *   flock /tmp/scs-real-parts.lock npm run bench:run
 *   npm run bench:run -- --subjects 10 --tests '(?!scs-0117)' --runs 1
 * --tests is passed to every check (default: all but scs-0117, whose volume backup makes one
 * subject take 10+ s of waiting on cinder-backup, the same in both ways of running); --tests ''
 * runs everything. Reports are written and signed, not uploaded (--no-upload): the upload is one
 * request per subject and not what is measured here.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateEd25519 } from "../../src/ssh/keygen.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  if (value === undefined) {
    console.error(`bench:run: ${name} needs a value`);
    process.exit(2);
  }
  return value;
}
const count = Number(option("--subjects", "10"));
const runs = Number(option("--runs", "1"));
const tests = option("--tests", "(?!scs-0117)");
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("bench:run: --subjects and --runs must be positive whole numbers");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "scs-bench-run-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const subjects = Array.from({ length: count }, (_, i) => `bench-${i + 1}`);
const pair = generateEd25519("bench");
writeFileSync(join(dir, "keyfile"), pair.privateKey, { mode: 0o600 });
writeFileSync(
  join(dir, "config.toml"),
  [
    "[secrets]",
    'keyfile = "keyfile"',
    "[presets.bench]",
    'scopes = ["scs-compatible-iaas"]',
    `subjects = [${subjects.map((s) => `"${s}"`).join(", ")}]`,
    `workers = ${count}`,
    "[scopes.scs-compatible-iaas]",
    `spec = "${join(REPO, "data", "scs-compatible-iaas.yaml")}"`,
    "[subjects._.mapping]",
    'os_cloud = "lab-member"',
    "",
  ].join("\n"),
);

/** One `scs run` as a user runs it (compiled package, new process), timed from outside. */
function scsRun(extra: string[]): number {
  const argv = [
    "dist/cli/main.js",
    "run",
    "-c",
    join(dir, "config.toml"),
    "--no-upload",
    "-o",
    join(dir, "out"),
  ];
  if (tests !== "") argv.push("-t", tests);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...argv, ...extra], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - t0) / 1000;
  // 0 all passed, 1 some failed (the lab fails some testcases): both are finished runs
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`scs run failed (status ${r.status}): ${`${r.stdout}${r.stderr}`.slice(-2000)}`);
  if (/ABORT/.test(r.stdout))
    console.warn(`  (some subject ABORTed: ${r.stdout.split("\n").slice(-3).join(" ")})`);
  return seconds;
}

const fmt = (s: number) => `${s.toFixed(2)} s`;
console.log(`scs run: ${count} subjects on the lab${tests ? `, -t '${tests}'` : ""}, ${runs} run(s)`);
for (let run = 1; run <= runs; run++) {
  // singles and the whole run alternate, so a busier lab later on does not favour one side
  const singles = subjects.map((s) => scsRun(["--subject", s, "--scope", "scs-compatible-iaas"]));
  const all = scsRun(["--preset", "bench"]);
  const slowest = Math.max(...singles);
  const sum = singles.reduce((a, b) => a + b, 0);
  console.log(`run ${run}: singles ${singles.map(fmt).join(", ")}`);
  console.log(`  slowest single ${fmt(slowest)}, sum ${fmt(sum)}`);
  console.log(`  all ${count} in one run: ${fmt(all)}`);
  console.log(
    `  wall / slowest single = ${(all / slowest).toFixed(2)} (goal ≤ 1.5), wall / sum = ${(all / sum).toFixed(2)}`,
  );
}
