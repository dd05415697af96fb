/** Facts of a live cloud, read through the OpenStack client, and the resource calls testcases make. */
import * as os from "../openstack/index.ts";
import {
  referenceVisible,
  toCatalogEntry,
  toDefaultRules,
  toFlavor,
  toImage,
  toVolumeType,
} from "./convert.ts";
import { type FactLoaders, Facts } from "./facts.ts";
import type { LiveCloud, StorageObject } from "./live-cloud.ts";
import { loadVmOutput, type SampleVmFactOptions } from "./sample-vm.ts";

export interface LiveOptions {
  readonly now?: Date;
  readonly signal?: AbortSignal;
  /** Time-outs and progress of the scs-0101 sample VM. */
  readonly sampleVm?: SampleVmFactOptions;
}

/**
 * Loaders over a session; each runs on first use only (see Facts), its requests under the
 * signal it is given, so that aborting the run closes every connection still in use.
 */
export function liveLoaders(session: os.Session, sampleVm: SampleVmFactOptions = {}): FactLoaders {
  const on = (signal: AbortSignal) => session.withSignal(signal);
  return {
    roles: async (signal) => os.tokenRoles(on(signal)),
    catalog: async (signal) => (await os.serviceCatalog(on(signal))).map(toCatalogEntry),
    flavors: async (signal) => (await os.listFlavors(on(signal))).map(toFlavor),
    images: async (signal) => {
      const s = on(signal);
      const [images, token] = await Promise.all([os.listPublicImages(s), s.token()]);
      const project = token.project?.id ?? null;
      return images.filter((image) => referenceVisible(image, project)).map(toImage);
    },
    volumeTypes: async (signal) => (await os.listVolumeTypes(on(signal))).map(toVolumeType),
    defaultSecurityGroupRules: async (signal) =>
      toDefaultRules(await os.listDefaultSecurityGroupRules(on(signal))),
    s3Probe: async (signal) => os.probeS3(on(signal)),
    vmOutput: (signal, facts) => loadVmOutput(on(signal), facts, signal, sampleVm),
  };
}

const storage = ({ id, name, status, createdAt }: StorageObject): StorageObject => ({
  id,
  name,
  status,
  createdAt,
});

/**
 * The resource calls of scs-0115 (fallback), scs-0116 and scs-0117 over a session; each call's
 * requests end when the signal the testcase passes aborts.
 */
export function sessionCloud(base: os.Session): LiveCloud {
  const on = (signal: AbortSignal) => base.withSignal(signal);
  return {
    securityGroups: {
      create: async (name, description, signal) => {
        const group = await os.createSecurityGroup(on(signal), { name, description });
        return { id: group.id };
      },
      get: async (id, signal) => {
        const group = await os.getSecurityGroup(on(signal), id);
        return {
          id: group.id,
          name: group.name,
          rules: group.rules.map((rule) => ({ direction: rule.direction, ethertype: rule.ethertype })),
        };
      },
      delete: (id, signal) => os.deleteSecurityGroup(on(signal), id),
    },
    secrets: {
      list: async (signal) => (await os.listSecrets(on(signal))).map((s) => ({ id: s.uuid, name: s.name })),
      create: async (secret, signal) => ({ id: (await os.createSecret(on(signal), secret)).uuid }),
      delete: (id, signal) => os.deleteSecret(on(signal), id),
    },
    volumes: {
      list: async (signal) => (await os.listVolumes(on(signal))).map(storage),
      create: async (name, size, signal) => storage(await os.createVolume(on(signal), { name, size })),
      get: async (id, signal) => storage(await os.getVolume(on(signal), id)),
      delete: (id, signal) => os.deleteVolume(on(signal), id),
    },
    backups: {
      list: async (signal) => (await os.listBackups(on(signal))).map(storage),
      create: async (volumeId, name, signal) => ({
        id: (await os.createBackup(on(signal), { volumeId, name })).id,
      }),
      get: async (id, signal) => storage(await os.getBackup(on(signal), id)),
      delete: (id, signal) => os.deleteBackup(on(signal), id),
      restore: async (id, volumeName, signal) => ({
        volumeId: (await os.restoreBackup(on(signal), id, volumeName)).volumeId,
      }),
    },
  };
}

/** The facts of the session's cloud, with its resource calls, for one run. */
export function liveFacts(session: os.Session, options: LiveOptions = {}): Facts {
  return new Facts({
    loaders: liveLoaders(session, options.sampleVm),
    now: options.now ?? new Date(),
    cloud: sessionCloud(session),
    origin: `cloud ${JSON.stringify(session.cloud.name)}`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
