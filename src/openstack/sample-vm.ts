/**
 * The scs-0101 sample VM: a network with a router to the external network, a boot volume made
 * from the image, a server with cloud-config user data, and its console log read until the guest
 * prints its end marker. Everything carries the run's id in its name (`_scs-<runid>-…`), so two
 * checks of one project never touch each other's resources, and is removed afterwards — also
 * when a step fails, times out or is interrupted — and the removal is verified.
 */
import { oneLine, ScsError } from "../errors.ts";
import { GiveUp, pollUntil } from "../poll.ts";
import { createServer, getConsoleOutput, getServer } from "./compute.ts";
import { describeLeftover, findLeftovers, type Leftover, removeLeftovers } from "./leftovers.ts";
import { addRouterInterface, createNetwork, createRouter, createSubnet, listNetworks } from "./network.ts";
import type { Session } from "./session.ts";
import { createVolume, getVolume } from "./volume.ts";

/** Prefix of every resource a check creates; `scs cleanup` removes what runs left behind. */
export const LEFTOVER_PREFIX = "_scs-";

export interface SampleVmPlan {
  /** Short and unique per run, e.g. 8 hex digits. */
  readonly runId: string;
  readonly imageId: string;
  readonly flavorId: string;
  /** GB */
  readonly volumeSizeGb: number;
  readonly userData: string;
  /** The console text that says the guest is done. */
  readonly endMarker: string;
  /** Console text that says the guest's script failed (checked once the end marker is there). */
  readonly failureMarker?: string;
}

export interface SampleVmTimeouts {
  /** Boot volume `available` (Cinder downloads and converts the image). */
  readonly volumeMs: number;
  /** Server ACTIVE. */
  readonly activeMs: number;
  /** From ACTIVE until the end marker is on the console (TCG clouds take a minute). */
  readonly guestMs: number;
  /** Removing everything, verified. */
  readonly teardownMs: number;
}

export const DEFAULT_SAMPLE_VM_TIMEOUTS: SampleVmTimeouts = {
  volumeMs: 500_000,
  activeMs: 500_000,
  guestMs: 600_000,
  teardownMs: 300_000,
};

export type SampleVmPhase = "network" | "volume" | "boot" | "guest" | "teardown" | "done";

export interface SampleVmOptions {
  /** Ctrl-C or the run's time-out: ends the current step; the teardown still runs. */
  readonly signal?: AbortSignal;
  readonly timeouts?: Partial<SampleVmTimeouts>;
  /** Between console reads, and between probes of resources going away. */
  readonly pollMs?: number;
  /** One line per phase: what is going on and since when (ms since start). */
  readonly progress?: (phase: SampleVmPhase, elapsedMs: number, detail: string) => void;
}

export interface SampleVmRun {
  /** The whole console log at the end marker. */
  readonly console: string;
  /** Resources that could not be removed (empty: nothing was left). */
  readonly left: readonly string[];
}

/** The sample VM did not get to its end marker; `left` says what could not be removed. */
export class SampleVmFailed extends ScsError {
  override readonly name = "SampleVmFailed";
  readonly left: readonly string[];
  constructor(reason: string, left: readonly string[], cause: unknown) {
    const tail = left.length > 0 ? `; left behind: ${left.join(", ")} (remove with scs cleanup)` : "";
    super(`sample VM: ${reason}${tail}`, { cause });
    this.left = left;
  }
}

/** The ids of what the run created, as soon as the cloud answered. */
interface Made {
  networkId?: string;
  routerId?: string;
  volumeId?: string;
  serverId?: string;
}

const names = (runId: string) => {
  const base = `${LEFTOVER_PREFIX}${runId}-`;
  return {
    base,
    network: `${base}net`,
    subnet: `${base}subnet`,
    router: `${base}router`,
    volume: `${base}volume`,
    server: `${base}server`,
  };
};

/** The first network with `router:external`; checked before anything is created. */
async function externalNetwork(session: Session): Promise<string> {
  const external = await listNetworks(session, { external: true });
  if (external[0] === undefined) throw new ScsError("No external network found!");
  return external[0].id;
}

async function buildNetwork(
  session: Session,
  plan: SampleVmPlan,
  made: Made,
  externalId: string,
): Promise<void> {
  const n = names(plan.runId);
  const network = await createNetwork(session, { name: n.network });
  made.networkId = network.id;
  const [subnet, router] = await Promise.all([
    createSubnet(session, {
      name: n.subnet,
      networkId: network.id,
      cidr: "10.1.0.0/24",
      ipVersion: 4,
      gatewayIp: "10.1.0.1",
      enableDhcp: true,
      allocationPools: [{ start: "10.1.0.100", end: "10.1.0.199" }],
      dnsNameservers: ["9.9.9.9"],
    }),
    createRouter(session, { name: n.router, externalNetworkId: externalId }),
  ]);
  made.routerId = router.id;
  await addRouterInterface(session, router.id, subnet.id);
}

const waitOptions = (timeoutMs: number) => ({ timeoutMs, firstDelayMs: 250, maxDelayMs: 2_000 });

async function buildVolume(
  session: Session,
  plan: SampleVmPlan,
  made: Made,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<void> {
  const volume = await createVolume(session, {
    name: names(plan.runId).volume,
    size: plan.volumeSizeGb,
    imageId: plan.imageId,
  });
  made.volumeId = volume.id;
  await pollUntil(
    async () => {
      const { status } = await getVolume(session, volume.id);
      if (status === "available") return true;
      if (status.startsWith("error")) throw new GiveUp(`boot volume went into status ${status}`);
      throw new Error(`boot volume is ${status}`);
    },
    signal,
    waitOptions(timeoutMs),
  );
}

async function boot(
  session: Session,
  plan: SampleVmPlan,
  made: Made,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<void> {
  const server = await createServer(session, {
    name: names(plan.runId).server,
    flavorId: plan.flavorId,
    networkIds: [made.networkId!],
    bootVolumeId: made.volumeId!,
    userData: plan.userData,
  });
  made.serverId = server.id;
  await pollUntil(
    async () => {
      const { status, fault } = await getServer(session, server.id);
      if (status === "ACTIVE") return true;
      if (status === "ERROR") throw new GiveUp(`server went into status ERROR: ${fault ?? "no fault given"}`);
      throw new Error(`server is ${status}`);
    },
    signal,
    waitOptions(timeoutMs),
  );
}

/** Console lines read while waiting: the end marker is printed last, so the tail is enough. */
const TAIL_LINES = 50;

/** Reads the console until the end marker; then once more in full. */
async function awaitGuest(
  session: Session,
  plan: SampleVmPlan,
  serverId: string,
  signal: AbortSignal,
  timeoutMs: number,
  pollMs: number,
): Promise<string> {
  try {
    await pollUntil(
      async () => {
        const tail = await getConsoleOutput(session, serverId, TAIL_LINES);
        if (tail.includes(plan.endMarker)) return true;
        throw new Error(`last console line: ${JSON.stringify(lastLine(tail))}`);
      },
      signal,
      { timeoutMs, firstDelayMs: pollMs, maxDelayMs: pollMs },
    );
  } catch (err) {
    signal.throwIfAborted();
    throw new ScsError(
      `the guest did not print ${plan.endMarker} within ${Math.round(timeoutMs / 1000)} s (${oneLine(err)})`,
      { cause: err },
    );
  }
  const output = await getConsoleOutput(session, serverId);
  if (plan.failureMarker !== undefined && output.includes(plan.failureMarker)) {
    throw new ScsError(`the guest's user data failed (console: ${plan.failureMarker})`);
  }
  return output;
}

const lastLine = (text: string): string => text.trimEnd().split(/\r?\n/).at(-1)?.slice(0, 120) ?? "";

/** Removes what the run made (known by id, and anything named like it) and checks it is gone. */
async function teardown(
  session: Session,
  plan: SampleVmPlan,
  made: Made,
  timeoutMs: number,
  pollMs: number,
): Promise<string[]> {
  // Its own time budget: an interrupted run must still clean up.
  const signal = AbortSignal.timeout(timeoutMs);
  const n = names(plan.runId);
  const known: Leftover[] = [];
  const add = (kind: Leftover["kind"], id: string | undefined, name: string) => {
    if (id !== undefined) known.push({ kind, id, name, createdAt: Number.NaN });
  };
  add("server", made.serverId, n.server);
  add("volume", made.volumeId, n.volume);
  add("router", made.routerId, n.router);
  add("network", made.networkId, n.network);
  let found: Leftover[] = [];
  try {
    found = await findLeftovers(session, n.base, signal);
  } catch {
    // The resources known by id are still removed; the final check reports what is left.
  }
  const all = [...known, ...found.filter((f) => !known.some((k) => k.id === f.id))];
  const problems = await removeLeftovers(session, all, { signal, pollMs });
  try {
    const left = await findLeftovers(session, n.base, AbortSignal.timeout(30_000));
    for (const l of left) {
      if (!problems.some((p) => p.includes(l.id))) problems.push(`${describeLeftover(l)}: still listed`);
    }
  } catch (err) {
    problems.push(`could not verify the removal: ${oneLine(err)}`);
  }
  return problems;
}

/**
 * Boots the sample VM, returns its console log, removes everything. Rejects with
 * {@link SampleVmFailed} when a step fails; the teardown has run by then too.
 */
export async function runSampleVm(
  session: Session,
  plan: SampleVmPlan,
  options: SampleVmOptions = {},
): Promise<SampleVmRun> {
  const timeouts = { ...DEFAULT_SAMPLE_VM_TIMEOUTS, ...options.timeouts };
  const pollMs = options.pollMs ?? 1000;
  const signal = options.signal ?? new AbortController().signal;
  const started = Date.now();
  const phase = (p: SampleVmPhase, detail: string) => options.progress?.(p, Date.now() - started, detail);
  const made: Made = {};
  let console: string | undefined;
  let failure: unknown;
  try {
    phase("network", "network, subnet and router; boot volume from the image meanwhile");
    const externalId = await externalNetwork(session);
    // Both steps settle before the teardown, so that it knows everything they made; the first
    // failure stops the other's waiting.
    const both = new AbortController();
    const stop = () => both.abort(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    let first: unknown;
    const step = (work: Promise<void>) =>
      work.catch((err: unknown) => {
        if (!both.signal.aborted) {
          first = err;
          both.abort(err);
        }
        throw err;
      });
    const settled = await Promise.allSettled([
      step(buildNetwork(session, plan, made, externalId)),
      step(buildVolume(session, plan, made, both.signal, timeouts.volumeMs)),
    ]);
    signal.removeEventListener("abort", stop);
    signal.throwIfAborted();
    if (settled.some((s) => s.status === "rejected")) throw first;
    phase("boot", "server");
    await boot(session, plan, made, signal, timeouts.activeMs);
    phase("guest", `waiting for ${plan.endMarker} on the console`);
    console = await awaitGuest(session, plan, made.serverId!, signal, timeouts.guestMs, pollMs);
  } catch (err) {
    failure = err;
  }
  phase("teardown", "removing server, volume, router and network");
  const left = await teardown(session, plan, made, timeouts.teardownMs, pollMs);
  phase("done", left.length === 0 ? "everything removed" : `could not remove: ${left.join(", ")}`);
  if (console === undefined) {
    const reason = signal.aborted ? `interrupted (${oneLine(signal.reason)})` : oneLine(failure);
    throw new SampleVmFailed(reason, left, failure);
  }
  return { console, left };
}
