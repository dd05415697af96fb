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
 *
 * --reference DIR also times the reference runner on the same N subjects: DIR is the `Tests`
 * folder of a checkout of the SCS standards repository (scs-test-runner.py); PYTHON
 * (--reference-python, default /usr/bin/python3) needs openstacksdk and click (Debian:
 * python3-openstacksdk, python3-click; the runner's tomli is stood in for by Python 3.11's
 * tomllib). The reference cannot leave out testcases, so both sides then run all of them, with
 * N workers; the reference signs with ssh-keygen and posts with curl to a closed port (one
 * failed connection), we write and sign.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const referenceDir = args.includes("--reference") ? option("--reference", "") : undefined;
const referencePython = option("--reference-python", "/usr/bin/python3");
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
function scsRun(extra: string[], filter = tests): number {
  const argv = [
    "dist/cli/main.js",
    "run",
    "-c",
    join(dir, "config.toml"),
    "--no-upload",
    "-o",
    join(dir, "out"),
  ];
  if (filter !== "") argv.push("-t", filter);
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

if (referenceDir !== undefined) {
  // the reference's config: the same subjects and mapping, its own scope file, a token for curl
  writeFileSync(join(dir, "tokenfile"), `${Buffer.from("bench:unused").toString("base64")}\n`);
  writeFileSync(
    join(dir, "reference.toml"),
    readFileSync(join(dir, "config.toml"), "utf8")
      .replace(/^spec = .*$/m, `spec = "${join(referenceDir, "scs-compatible-iaas.yaml")}"`)
      .replace('keyfile = "keyfile"', 'keyfile = "keyfile"\ntokenfile = "tokenfile"'),
  );
  mkdirSync(join(dir, "shim"));
  writeFileSync(join(dir, "shim", "tomli.py"), "from tomllib import *  # noqa\n");
  const referenceRun = (): number => {
    const t0 = performance.now();
    const r = spawnSync(
      referencePython,
      [
        join(referenceDir, "scs-test-runner.py"),
        "-c",
        join(dir, "reference.toml"),
        "run",
        "--preset",
        "bench",
        "--monitor-url",
        "http://127.0.0.1:9/",
        "-o",
        join(dir, "reference.yaml"),
      ],
      {
        cwd: referenceDir,
        encoding: "utf8",
        env: { ...process.env, PYTHONPATH: join(dir, "shim") },
        maxBuffer: 64 << 20,
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (!existsSync(join(dir, "reference.yaml")))
      throw new Error(
        `the reference runner wrote no report (status ${r.status}): ${`${r.stdout}${r.stderr}`.slice(-2000)}`,
      );
    return seconds;
  };
  console.log(`reference: ${count} subjects, all testcases, ${count} workers each side`);
  for (let run = 1; run <= runs; run++) {
    const ours = scsRun(["--preset", "bench"], "");
    const theirs = referenceRun();
    console.log(
      `run ${run}: scs run ${fmt(ours)}, scs-test-runner.py ${fmt(theirs)}: ${(theirs / ours).toFixed(2)}x faster`,
    );
  }
}
