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

/** Loaders over a session; each runs on first use only (see Facts). */
export function liveLoaders(session: os.Session, sampleVm: SampleVmFactOptions = {}): FactLoaders {
  return {
    roles: async () => os.tokenRoles(session),
    catalog: async () => (await os.serviceCatalog(session)).map(toCatalogEntry),
    flavors: async () => (await os.listFlavors(session)).map(toFlavor),
    images: async () => {
      const [images, token] = await Promise.all([os.listPublicImages(session), session.token()]);
      const project = token.project?.id ?? null;
      return images.filter((image) => referenceVisible(image, project)).map(toImage);
    },
    volumeTypes: async () => (await os.listVolumeTypes(session)).map(toVolumeType),
    defaultSecurityGroupRules: async () => toDefaultRules(await os.listDefaultSecurityGroupRules(session)),
    s3Probe: async () => os.probeS3(session),
    vmOutput: (signal, facts) => loadVmOutput(session, facts, signal, sampleVm),
  };
}

const storage = ({ id, name, status, createdAt }: StorageObject): StorageObject => ({
  id,
  name,
  status,
  createdAt,
});

/** The resource calls of scs-0115 (fallback), scs-0116 and scs-0117 over a session. */
export function sessionCloud(session: os.Session): LiveCloud {
  return {
    securityGroups: {
      create: async (name, description) => {
        const group = await os.createSecurityGroup(session, { name, description });
        return { id: group.id };
      },
      get: async (id) => {
        const group = await os.getSecurityGroup(session, id);
        return {
          id: group.id,
          name: group.name,
          rules: group.rules.map((rule) => ({ direction: rule.direction, ethertype: rule.ethertype })),
        };
      },
      delete: (id) => os.deleteSecurityGroup(session, id),
    },
    secrets: {
      list: async () => (await os.listSecrets(session)).map((s) => ({ id: s.uuid, name: s.name })),
      create: async (secret) => ({ id: (await os.createSecret(session, secret)).uuid }),
      delete: (id) => os.deleteSecret(session, id),
    },
    volumes: {
      list: async () => (await os.listVolumes(session)).map(storage),
      create: async (name, size) => storage(await os.createVolume(session, { name, size })),
      get: async (id) => storage(await os.getVolume(session, id)),
      delete: (id) => os.deleteVolume(session, id),
    },
    backups: {
      list: async () => (await os.listBackups(session)).map(storage),
      create: async (volumeId, name) => ({ id: (await os.createBackup(session, { volumeId, name })).id }),
      get: async (id) => storage(await os.getBackup(session, id)),
      delete: (id) => os.deleteBackup(session, id),
      restore: async (id, volumeName) => ({
        volumeId: (await os.restoreBackup(session, id, volumeName)).volumeId,
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
