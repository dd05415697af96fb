/** Taking a snapshot: authenticate once, then read every fact concurrently. */
import { type Clock, systemClock } from "../clock.ts";
import { oneLine } from "../errors.ts";
import {
  hasServiceType,
  listDefaultSecurityGroupRules,
  listFlavors,
  listNetworks,
  listPublicImages,
  listSecurityGroups,
  listVolumeTypes,
  probeS3,
  type Session,
} from "../openstack/index.ts";
import { VERSION } from "../version.ts";
import {
  type Fact,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotFactName,
} from "./types.ts";

export interface TakeOptions {
  /** One line per finished fact, e.g. `flavors: 2036 in 412 ms`. */
  readonly progress?: (line: string) => void;
  /** when the snapshot is taken (default: the machine's clock) */
  readonly clock?: Clock;
}

const READERS = {
  flavors: listFlavors,
  images: (s: Session) => listPublicImages(s),
  volumeTypes: listVolumeTypes,
  securityGroups: listSecurityGroups,
  defaultSecurityGroupRules: listDefaultSecurityGroupRules,
  networks: (s: Session) => listNetworks(s),
  s3Probe: (s: Session) => probeS3(s),
} satisfies Record<SnapshotFactName, (s: Session) => Promise<unknown>>;

type Values = { [K in SnapshotFactName]: Awaited<ReturnType<(typeof READERS)[K]>> };

/**
 * Reads everything the checks need. Authentication errors end it (nothing is usable without a
 * token); a failing fact is recorded as an error and the others are still read.
 */
export async function takeSnapshot(session: Session, options: TakeOptions = {}): Promise<Snapshot> {
  const started = performance.now();
  const takenAt = (options.clock ?? systemClock).now().toISOString();
  const token = await session.token();
  options.progress?.(`authenticated as ${token.user.name} (roles: ${token.roles.join(", ") || "none"})`);

  const read = async <K extends SnapshotFactName>(name: K): Promise<Fact<Values[K]>> => {
    const t0 = performance.now();
    try {
      const value = (await READERS[name](session)) as Values[K];
      const ms = Math.round(performance.now() - t0);
      const count = Array.isArray(value)
        ? String(value.length)
        : value === null
          ? "not offered"
          : String((value as { kind?: unknown }).kind ?? "read");
      options.progress?.(`${name}: ${count} in ${ms} ms`);
      return { ok: true, value };
    } catch (err) {
      const error = session.redact(oneLine(err));
      options.progress?.(`${name}: FAILED: ${error}`);
      return { ok: false, error };
    }
  };

  const [flavors, images, volumeTypes, securityGroups, defaultSecurityGroupRules, networks, s3Probe] =
    await Promise.all([
      read("flavors"),
      read("images"),
      read("volumeTypes"),
      read("securityGroups"),
      read("defaultSecurityGroupRules"),
      read("networks"),
      read("s3Probe"),
    ]);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt,
    tool: `scs-compliance ${VERSION}`,
    cloud: { name: session.cloud.name, region: session.cloud.regionName, interface: session.cloud.interface },
    identity: { user: token.user, project: token.project, roles: token.roles },
    catalog: token.catalog,
    flavors,
    images,
    volumeTypes,
    securityGroups,
    defaultSecurityGroupRules,
    networks,
    s3Probe,
    keyManager: { present: hasServiceType(token.catalog, "key-manager") },
    stats: { requests: session.requestCount, wallMs: Math.round(performance.now() - started) },
  };
}

/** The facts that could not be read, as `name: error` lines. */
export function failedFacts(snapshot: Snapshot): string[] {
  const facts: Record<SnapshotFactName, Fact<unknown>> = {
    flavors: snapshot.flavors,
    images: snapshot.images,
    volumeTypes: snapshot.volumeTypes,
    securityGroups: snapshot.securityGroups,
    defaultSecurityGroupRules: snapshot.defaultSecurityGroupRules,
    networks: snapshot.networks,
    s3Probe: snapshot.s3Probe,
  };
  return Object.entries(facts).flatMap(([name, f]) => (f.ok ? [] : [`${name}: ${f.error}`]));
}
