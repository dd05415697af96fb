/**
 * What a misbehaving cloud costs `scs check`: wall time and peak RSS per fault scenario, played
 * by the fault-injecting stand-in on 127.0.0.1 (src/openstack/testing/fault-server.ts).
 * `--baseline MAIN_JS` runs another build (e.g. the commit before the budgets and caps) next to
 * this one and prints the ratios; a run that does not end is killed at --cap seconds.
 *
 * Run: npm run bench:faults -- [--baseline OTHER/dist/cli/main.js] [--cap 300] [--only huge-200]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FaultServer, type Reply, type Seen } from "../../src/openstack/testing/fault-server.ts";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const OURS = join(REPO, "dist/cli/main.js");

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    cap: { type: "string", default: "300" },
    only: { type: "string" },
  },
});
const capMs = Number(values.cap) * 1000;

interface Scenario {
  readonly name: string;
  readonly what: string;
  readonly flavors: (req: Seen, n: number) => Reply;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "huge-200",
    what: "a 200 MB flavor list",
    flavors: () => ({ huge: { key: "flavors", bytes: 200 * 1024 * 1024 } }),
  },
  {
    name: "huge-600",
    what: "a 600 MB flavor list",
    flavors: () => ({ huge: { key: "flavors", bytes: 600 * 1024 * 1024 } }),
  },
  {
    name: "retry-after-60",
    what: "429 with Retry-After: 60 on every try",
    flavors: () => ({
      status: 429,
      headers: { "retry-after": "60" },
      json: { overLimit: { message: "slow" } },
    }),
  },
  {
    name: "endless-list",
    what: "a next link that always points somewhere new",
    flavors: (req, n) => ({
      status: 200,
      json: {
        flavors: [{ id: `f${n}`, name: `flavor-${n}`, vcpus: 1, ram: 1024, disk: 0 }],
        flavors_links: [
          { rel: "next", href: `http://x/flavors/detail?marker=${req.query.get("marker") ?? ""}x${n}` },
        ],
      },
    }),
  },
];

interface Measured {
  readonly seconds: number;
  readonly rssMiB: number | null;
  readonly status: string;
  readonly report: boolean;
}

/** Runs `node MAIN check …` under /usr/bin/time (peak RSS), killed after the cap. */
function measure(main: string, cloudsFile: string, dir: string): Promise<Measured> {
  const output = join(dir, `report-${Math.random().toString(36).slice(2)}.yaml`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      "/usr/bin/time",
      ["-f", "maxrss-kib=%M", process.execPath, main, "check", "-s", "fake", "--os-cloud", "fake"].concat([
        "-t",
        "scs-0100",
        "-q",
        "-o",
        output,
      ]),
      // Its own process group, so that the cap kills the CLI and not only /usr/bin/time.
      {
        env: { ...process.env, OS_CLIENT_CONFIG_FILE: cloudsFile },
        stdio: ["ignore", "ignore", "pipe"],
        detached: true,
      },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-20_000);
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, capMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const rss = /maxrss-kib=(\d+)/.exec(stderr);
      const crashed = /heap out of memory|Maximum call stack|^\s+at /m.test(stderr);
      resolve({
        seconds: (killed ? capMs : performance.now() - started) / 1000,
        rssMiB: rss ? Number(rss[1]) / 1024 : null,
        status: killed
          ? `killed after ${capMs / 1000} s`
          : crashed
            ? `crashed (exit ${code})`
            : `exit ${code}`,
        report: existsSync(output),
      });
    });
  });
}

const fmt = (m: Measured) =>
  `${m.seconds.toFixed(1).padStart(6)} s  ${m.rssMiB === null ? "   ?" : m.rssMiB.toFixed(0).padStart(5)} MiB  ${m.status}, report ${m.report ? "written" : "MISSING"}`;

if (!existsSync(OURS)) {
  console.error("dist/ is missing: run npm run build first");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "scs-bench-faults-"));
const server = await new FaultServer().start();
let current: Scenario = SCENARIOS[0]!;
let n = 0;
server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, (req) => current.flavors(req, ++n));
const cloudsFile = join(dir, "clouds.yaml");
// api_timeout 32 s: the openstacksdk default, so the request budget is the real one (96 s).
writeFileSync(cloudsFile, server.cloudsYaml().replace("api_timeout: 5", "api_timeout: 32"));

console.log(`scs check -t scs-0100 against a misbehaving cloud; cap ${capMs / 1000} s per run\n`);
try {
  for (const scenario of SCENARIOS) {
    if (values.only && values.only !== scenario.name) continue;
    current = scenario;
    console.log(`${scenario.name}: ${scenario.what}`);
    const ours = await measure(OURS, cloudsFile, dir);
    if (values.baseline) {
      const base = await measure(values.baseline, cloudsFile, dir);
      console.log(`  before ${fmt(base)}`);
      console.log(`  after  ${fmt(ours)}`);
      const ratio = (a: number | null, b: number | null) => (a && b ? `${(a / b).toFixed(1)}x` : "n/a");
      console.log(
        `  ratio  time ${ratio(base.seconds, ours.seconds)}, peak RSS ${ratio(base.rssMiB, ours.rssMiB)}`,
      );
    } else console.log(`  ${fmt(ours)}`);
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
