/**
 * A misbehaving cloud never hangs, crashes, misleads or leaks through `scs check` and
 * `scs snapshot`. A fault-injecting stand-in on 127.0.0.1 plays the cloud (error handling only;
 * behaviour against a real cloud is tested with the lab). Each scenario checks the exit status,
 * that the report or snapshot is written, the one-line reason, and that no fragment of a secret
 * reaches any output. Memory is bounded by running the CLI with a small heap: a process that
 * held a huge answer would die instead of ABORTing.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  FAKE_PASSWORD,
  FAKE_TOKEN_PREFIX,
  FaultServer,
  type Reply,
  type Seen,
} from "../../src/openstack/testing/fault-server.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
/** Heap limit of the CLI under test: far below a 200 MB answer joined into a string. */
const HEAP_MB = 192;

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function scs(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", MAIN, ...args],
      { env: { ...process.env, ...env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** Every run of 6 characters of a secret, as sent, URL-encoded or inside base64 of `user:secret`. */
function fragments(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret)];
  for (const prefix of ["", "u:", "us:", "tester:"]) {
    const b64 = Buffer.from(`${prefix}${secret}`).toString("base64");
    // Drop the characters that mix the prefix or the padding in.
    forms.push(b64.slice(Math.ceil((prefix.length * 4) / 3) + 1, -4));
  }
  const out = new Set<string>();
  for (const form of forms) for (let i = 0; i + 6 <= form.length; i++) out.add(form.slice(i, i + 6));
  return [...out];
}

function assertNoSecret(texts: Record<string, string>, tokens: readonly string[]): void {
  const pieces = [FAKE_PASSWORD, ...tokens].flatMap(fragments);
  for (const [where, text] of Object.entries(texts)) {
    for (const piece of pieces) assert.equal(text.includes(piece), false, `"${piece}" in ${where}`);
    assert.equal(text.includes(FAKE_TOKEN_PREFIX), false, `token in ${where}`);
  }
}

describe("a misbehaving cloud", () => {
  const server = new FaultServer();
  const dir = mkdtempSync(join(tmpdir(), "scs-faults-"));
  const cloudsFile = join(dir, "clouds.yaml");
  const env = { OS_CLIENT_CONFIG_FILE: cloudsFile };
  /** Tokens handed out so far (the fake's are predictable). */
  const tokens = () => Array.from({ length: server.tokensIssued }, (_, i) => `${FAKE_TOKEN_PREFIX}${i + 1}`);
  let flavors: (req: Seen) => Reply = () => ({ status: 200, json: { flavors: [] } });

  before(async () => {
    await server.start();
    server.on("GET", /^\/compute\/v2\.1\/flavors\/detail$/, (req) => flavors(req));
    writeFileSync(cloudsFile, server.cloudsYaml());
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function check(name: string, extra: string[] = []): Promise<Run & { report: string }> {
    const output = join(dir, `${name}.yaml`);
    const run = await scs(
      [
        "check",
        "-s",
        "fake",
        "--os-cloud",
        "fake",
        "-t",
        "scs-0100",
        "-o",
        output,
        "-v",
        "--debug",
        ...extra,
      ],
      env,
    );
    let report = "";
    try {
      // YAML folds long lines; the reasons are matched on the unfolded text.
      report = readFileSync(output, "utf8").replace(/\n\s+/g, " ");
    } catch {
      assert.fail(`no report written; stderr: ${run.stderr.slice(-2000)}`);
    }
    assertNoSecret({ stdout: run.stdout, stderr: run.stderr, report }, tokens());
    return { ...run, report };
  }

  /** The flavor testcases ABORTed with `reason` and nothing else was judged. */
  function assertAborted(run: Run & { report: string }, reason: RegExp): void {
    assert.match(run.report, reason);
    assert.match(run.stdout, /- main: FAIL \(0 passed, \d+ aborted/);
    assert.doesNotMatch(run.report, /result: (FAIL|PASS)/);
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
    assert.ok(run.status > 0 && run.status < 128, `exit status ${run.status}`);
  }

  it("Retry-After beyond the request's budget: ABORT saying so, without waiting", async () => {
    flavors = () => ({
      status: 429,
      headers: { "retry-after": "3600" },
      json: { overLimit: { message: "slow" } },
    });
    const run = await check("retry-after");
    assertAborted(run, /could not read flavors: GET \S+: the server asked to retry after 3600 s/);
  });

  it("Retry-After beyond the run's --timeout: ABORT naming the run's budget", async () => {
    flavors = () => ({
      status: 429,
      headers: { "retry-after": "8" },
      json: { overLimit: { message: "slow" } },
    });
    const run = await check("run-budget", ["--timeout", "4"]);
    assertAborted(run, /retry after 8 s, more than the [\d.]+ s left of the run's time budget/);
  });

  it("a next link that always points somewhere new: stopped at the page cap", async () => {
    let n = 0;
    flavors = (req) => {
      n++;
      const marker = req.query.get("marker") ?? "";
      return {
        status: 200,
        json: {
          flavors: [{ id: `f${n}`, name: `flavor-${n}`, vcpus: 1, ram: 1024, disk: 0 }],
          flavors_links: [{ rel: "next", href: `http://elsewhere/flavors/detail?marker=${marker}x${n}` }],
        },
      };
    };
    const run = await check("endless");
    assertAborted(
      run,
      /could not read flavors: GET flavors\/detail on compute: more than 1000 pages; stopped listing/,
    );
  });

  it("one page of 150,000 items: stopped at the item cap, no stack overflow", async () => {
    const page = Array.from({ length: 150_000 }, (_, i) => ({
      id: `f${i}`,
      name: `n${i}`,
      vcpus: 1,
      ram: 1,
      disk: 0,
    }));
    flavors = () => ({ status: 200, json: { flavors: page } });
    const run = await check("wide-page");
    assertAborted(run, /more than 50000 items; stopped listing/);
    assert.doesNotMatch(run.report, /call stack/);
  });

  it("a 200 MB answer: ABORT at the size cap, memory stays bounded, report written", async () => {
    flavors = () => ({ huge: { key: "flavors", bytes: 200 * 1024 * 1024 } });
    const run = await check("huge");
    assertAborted(run, /could not read flavors: the answer of .* is larger than 32 MiB \(stopped reading\)/);
  });

  it("a flavor of the wrong shape: ABORT naming service and field, never FAIL", async () => {
    flavors = () => ({
      status: 200,
      json: { flavors: [{ id: "f1", name: "SCS-2V-4", vcpus: "two", ram: 4096, disk: 0, extra_specs: {} }] },
    });
    const run = await check("shape");
    assertAborted(
      run,
      /could not read flavors: the cloud answered something that is not a flavor list: compute flavors\[0\]\.vcpus is a string of 3 characters, expected number/,
    );
  });

  it("a redirect with a JSON body is no answer", async () => {
    flavors = () => ({ status: 302, headers: { location: "http://elsewhere/" }, json: { flavors: [] } });
    const run = await check("redirect");
    assertAborted(run, /answered HTTP 302 \(a redirect\) instead of an answer/);
  });

  it("an echo of the request with parts of password and token: no fragment anywhere", async () => {
    flavors = (req) => {
      const token = String(req.headers["x-auth-token"]);
      const basic = Buffer.from(`tester:${FAKE_PASSWORD}`).toString("base64");
      return {
        status: 400,
        json: {
          badRequest: {
            message: `${FAKE_PASSWORD.slice(0, 14)}|${token.slice(0, 12)}|${encodeURIComponent(FAKE_PASSWORD).slice(3)}|${basic}`,
          },
        },
      };
    };
    const run = await check("echo");
    assertAborted(run, /could not read flavors: GET .* failed with HTTP 400: \*\*\*/);
  });

  it("a token whose catalog is null: every testcase ABORTs with the reason, none is judged", async () => {
    server.tokenBody = (body) => ({ token: { ...body.token, catalog: null } });
    try {
      const run = await check("catalog-null", ["-t", "scs-0123"]);
      assert.match(
        run.stderr,
        /CRITICAL: .*not a Keystone token: identity token\.catalog is null, expected Array/,
      );
      assert.doesNotMatch(run.report, /result: (FAIL|PASS)/);
    } finally {
      server.tokenBody = null;
    }
  });

  describe("scs snapshot", () => {
    async function snapshot(
      name: string,
    ): Promise<Run & { file: Record<string, { ok: boolean; error?: string }> }> {
      const output = join(dir, `${name}.json`);
      const run = await scs(["snapshot", "-c", "fake", "-o", output, "--timeout", "60"], env);
      const text = readFileSync(output, "utf8");
      assertNoSecret({ stdout: run.stdout, stderr: run.stderr, snapshot: text }, tokens());
      return { ...run, file: JSON.parse(text) };
    }

    it("records a wrong shape as a failed fact, not as read, and exits 1", async () => {
      flavors = () => ({
        status: 200,
        json: { flavors: [{ id: "f1", name: "x", vcpus: 1, ram: "lots", disk: 0 }] },
      });
      const run = await snapshot("shape");
      assert.equal(run.status, 1);
      assert.equal(run.file["flavors"]?.ok, false);
      assert.match(
        run.file["flavors"]?.error ?? "",
        /not a flavor list: compute flavors\[0\]\.ram is a string/,
      );
      assert.match(
        run.stderr,
        /warning: could not read flavors: the cloud answered something that is not a flavor list/,
      );
    });

    it("records a huge answer as failed, with bounded memory", async () => {
      flavors = () => ({ huge: { key: "flavors", bytes: 200 * 1024 * 1024 } });
      const run = await snapshot("huge");
      assert.equal(run.status, 1);
      assert.match(run.file["flavors"]?.error ?? "", /larger than 32 MiB/);
    });

    it("keeps echoed secret fragments out of the file and the console", async () => {
      flavors = (req) => ({
        status: 400,
        json: {
          error: {
            message: `${FAKE_PASSWORD.slice(2, 16)} ${String(req.headers["x-auth-token"]).slice(0, 9)}`,
          },
        },
      });
      const run = await snapshot("echo");
      assert.equal(run.status, 1);
      assert.match(run.file["flavors"]?.error ?? "", /HTTP 400: \*\*\*/);
    });
  });
});
