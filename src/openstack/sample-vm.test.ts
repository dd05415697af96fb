import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  runSampleVm,
  SampleVmFailed,
  type SampleVmOptions,
  type SampleVmPhase,
  type SampleVmPlan,
} from "./sample-vm.ts";
import { Session } from "./session.ts";
import { GUEST_DONE, VmCloud, type VmCloudOptions } from "./testing/vm-cloud.ts";

const plan = (runId = "r1"): SampleVmPlan => ({
  runId,
  imageId: "image-1",
  flavorId: "flavor-1",
  volumeSizeGb: 8,
  userData: "#cloud-config\n",
  endMarker: "_scs-test-end",
  failureMarker: "Failed to run module scripts-user",
});

const FAST: SampleVmOptions = {
  pollMs: 10,
  timeouts: { volumeMs: 5_000, activeMs: 5_000, guestMs: 5_000, teardownMs: 5_000 },
};

let clouds: VmCloud[] = [];
afterEach(async () => {
  await Promise.all(clouds.map((c) => c.stop()));
  clouds = [];
});

async function cloud(options: VmCloudOptions = {}) {
  const c = await new VmCloud(options).start();
  clouds.push(c);
  return { cloud: c, session: new Session(c.server.cloud()) };
}

async function failure(promise: Promise<unknown>): Promise<SampleVmFailed> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SampleVmFailed, `expected SampleVmFailed, got ${String(err)}`);
    return err;
  }
  assert.fail("the run did not fail");
}

describe("runSampleVm", () => {
  it("boots, reads the whole console at the end marker, removes everything and says so", async () => {
    const { cloud: c, session } = await cloud();
    const phases: [SampleVmPhase, string][] = [];
    const run = await runSampleVm(session, plan("a1b2"), {
      ...FAST,
      progress: (p, _ms, detail) => phases.push([p, detail]),
    });
    assert.equal(run.console, GUEST_DONE);
    assert.deepEqual(run.left, []);
    assert.deepEqual(c.remaining(), []);
    assert.deepEqual(
      phases.map(([p]) => p),
      ["network", "boot", "guest", "teardown", "done"],
    );
    assert.equal(phases.at(-1)?.[1], "everything removed");
    const created = c.server.seen.filter(
      (s) => s.method === "POST" && !s.path.includes("/action") && !s.path.includes("auth"),
    );
    for (const request of created)
      assert.match(request.body, /"_scs-a1b2-(net|subnet|router|volume|server)"/);
    // Waiting reads the console's tail; the end marker makes one full read.
    const reads = c.server.seen.filter((s) => s.path.endsWith("/action")).map((s) => JSON.parse(s.body));
    assert.deepEqual(reads.at(-1), { "os-getConsoleOutput": {} });
    assert.deepEqual(reads[0], { "os-getConsoleOutput": { length: 50 } });
  });

  const halfWay: readonly [string, string][] = [
    ["POST /routers$", "creating the router"],
    ["PUT /add_router_interface$", "adding the router interface"],
    ["POST /subnets$", "creating the subnet"],
    ["POST /volumes$", "creating the volume"],
    ["POST /servers$", "creating the server"],
  ];
  for (const [fault, step] of halfWay) {
    it(`leaves nothing behind when ${step} fails`, async () => {
      const { cloud: c, session } = await cloud({
        faults: { [fault]: { status: 500, json: { message: `${step} broke` } } },
      });
      const err = await failure(runSampleVm(session, plan(), FAST));
      assert.match(err.message, /^sample VM: /);
      assert.deepEqual(err.left, []);
      assert.deepEqual(c.remaining(), []);
    });
  }

  it("stops at a server in ERROR with Nova's fault and removes it", async () => {
    const { cloud: c, session } = await cloud({
      bootsInto: "ERROR",
    });
    const err = await failure(runSampleVm(session, plan(), FAST));
    assert.equal(err.message, "sample VM: server went into status ERROR: No valid host was found");
    assert.deepEqual(c.remaining(), []);
  });

  it("says there is no external network before it creates anything", async () => {
    const { cloud: c, session } = await cloud({ external: false });
    const err = await failure(runSampleVm(session, plan(), FAST));
    assert.equal(err.message, "sample VM: No external network found!");
    assert.deepEqual(
      c.server.seen.filter((s) => s.method === "POST" && !s.path.includes("auth")),
      [],
    );
  });

  it("stops waiting for the volume when the network fails, and still removes the volume", async () => {
    const { cloud: c, session } = await cloud({
      settleReads: 20,
      faults: { "POST /routers$": { status: 403, json: { NeutronError: { message: "quota exceeded" } } } },
    });
    const err = await failure(
      runSampleVm(session, plan(), { ...FAST, timeouts: { ...FAST.timeouts, volumeMs: 600_000 } }),
    );
    assert.match(err.message, /^sample VM: POST .*routers failed with HTTP 403: quota exceeded$/);
    assert.deepEqual(c.remaining(), []);
  });

  it("ends within its time-out when the guest never prints the end marker, everything removed", async () => {
    const { cloud: c, session } = await cloud({
      console: () => "[  5.0] systemd[1]: Starting cloud-final.service\n",
    });
    const err = await failure(
      runSampleVm(session, plan(), { ...FAST, timeouts: { ...FAST.timeouts, guestMs: 300 } }),
    );
    assert.match(
      err.message,
      /^sample VM: the guest did not print _scs-test-end within 0 s \(Timed out after 0 s: last console line: "\[ {2}5\.0\] systemd\[1\]: Starting cloud-final\.service"\)$/,
    );
    assert.deepEqual(c.remaining(), []);
  });

  it("fails when the guest's user data failed", async () => {
    const { cloud: c, session } = await cloud({
      console: () => "util.py[WARNING]: Failed to run module scripts-user\n_scs-test-end\n",
    });
    const err = await failure(runSampleVm(session, plan(), FAST));
    assert.equal(
      err.message,
      "sample VM: the guest's user data failed (console: Failed to run module scripts-user)",
    );
    assert.deepEqual(c.remaining(), []);
  });

  it("removes everything when interrupted while waiting for the guest", async () => {
    const abort = new AbortController();
    const { cloud: c, session } = await cloud({
      console: (read) => {
        if (read === 1) abort.abort(new Error("interrupted by Ctrl-C"));
        return "booting\n";
      },
    });
    const err = await failure(runSampleVm(session, plan(), { ...FAST, signal: abort.signal }));
    assert.equal(err.message, "sample VM: interrupted (interrupted by Ctrl-C)");
    assert.deepEqual(c.remaining(), []);
  });

  it("names what it could not remove", async () => {
    const { cloud: c, session } = await cloud({
      faults: { "DELETE /routers/": { status: 403, json: { NeutronError: { message: "router is stuck" } } } },
    });
    const run = await runSampleVm(session, plan("r8"), FAST);
    assert.equal(run.left.length, 1, run.left.join("\n"));
    assert.match(run.left[0]!, /^router _scs-r8-router \(router-\d+\): .*router is stuck$/);
    assert.deepEqual(c.remaining(), ["router _scs-r8-router"]);
  });

  it("runs twice at once against one project without touching the other's resources", async () => {
    const { cloud: c, session } = await cloud();
    const [a, b] = await Promise.all([
      runSampleVm(session, plan("aa"), FAST),
      runSampleVm(session, plan("bb"), FAST),
    ]);
    assert.equal(a.console, GUEST_DONE);
    assert.equal(b.console, GUEST_DONE);
    assert.deepEqual([a.left, b.left], [[], []]);
    assert.deepEqual(c.remaining(), []);
  });
});
