/**
 * Benchmark of the flavor-name parser (issue: ≥ 20× the SCS reference parser's ~127,000 names/s,
 * i.e. ≥ 2.5 million names/s) and of `scs flavor parse --file` on 100,000 names (goal < 1 s wall
 * time including start-up). Run: npm run bench:flavor-names
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFlavorName } from "../../src/standards/flavor-name/index.ts";
import { generateCorpus } from "./corpus.ts";

const REFERENCE_NAMES_PER_S = 127_000;
const GOAL_NAMES_PER_S = 2_500_000;

const corpus = generateCorpus(5000);
const counts = { valid: 0, invalid: 0, "not-scs": 0 };
for (const name of corpus) counts[parseFlavorName(name, "v3").status]++;
console.log(
  `corpus: ${corpus.length} names (${counts.valid} valid, ${counts.invalid} invalid, ${counts["not-scs"]} not SCS), seed 42`,
);

// Measured in a child process on the compiled package (dist/), as users run it: plain ESM, no
// TypeScript loader in the way. CPU time is reported too, since wall time suffers on a busy box.
const MEASURE = `
import { readFileSync } from "node:fs";
import { parseFlavorName } from "./dist/standards/flavor-name/index.js";
const corpus = JSON.parse(readFileSync(process.argv[1], "utf8"));
function measure(seconds) {
  let parsed = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (const name of corpus) parseFlavorName(name, "v3");
    parsed += corpus.length;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: parsed / (Number(now - start) / 1e9), cpu: parsed / ((cpu.user + cpu.system) / 1e6) };
}
measure(1);
console.log(JSON.stringify([measure(1), measure(1), measure(1)]));
`;

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "scs-bench-"));
try {
  const corpusFile = join(dir, "corpus.json");
  writeFileSync(corpusFile, JSON.stringify(corpus));
  const runs: { wall: number; cpu: number }[] = JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", MEASURE, corpusFile], {
      cwd: root,
      encoding: "utf8",
    }),
  );
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const fmt = (x: number) => Math.round(x).toLocaleString("en");
  console.log(
    `parse (strategy v3), single process: ${fmt(wall)} names/s wall, ${fmt(cpu)} names per CPU-second (median of 3 one-second runs)`,
  );
  console.log(
    `  vs reference ${fmt(REFERENCE_NAMES_PER_S)} names/s: ${(wall / REFERENCE_NAMES_PER_S).toFixed(1)}x wall, ${(cpu / REFERENCE_NAMES_PER_S).toFixed(1)}x CPU (goal ≥ 20x = ${fmt(GOAL_NAMES_PER_S)}/s: ${wall >= GOAL_NAMES_PER_S ? "met" : "NOT met"})`,
  );

  const file = join(dir, "names.txt");
  writeFileSync(file, `${generateCorpus(100_000, 7).join("\n")}\n`);
  const bin = join(root, "dist/cli/main.js");
  for (const output of ["none", "json"]) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      try {
        execFileSync(process.execPath, [bin, "flavor", "parse", "-o", output, "--file", file], {
          stdio: ["ignore", "ignore", "ignore"],
        });
      } catch {
        // exit status = number of invalid names; expected
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const ms = times.sort((a, b) => a - b)[1]!;
    console.log(
      `scs flavor parse -o ${output} --file (100,000 names), wall time incl. start-up: median ${ms.toFixed(0)} ms (goal < 1000 ms: ${ms < 1000 ? "met" : "NOT met"})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
