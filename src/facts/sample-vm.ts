/**
 * The "VM output" fact of a live cloud: choose image and flavor from the run's facts, boot the
 * sample VM once, return its console log. Both scs-0101 VM testcases read this one fact.
 */
import { randomBytes } from "node:crypto";
import { ScsError } from "../errors.ts";
import { runSampleVm, type SampleVmPhase, type SampleVmTimeouts, type Session } from "../openstack/index.ts";
import {
  bootVolumeSize,
  chooseFlavor,
  chooseImage,
  END_MARKER,
  SCRIPTS_USER_FAILED,
  sampleVmUserData,
} from "../standards/entropy/index.ts";
import { property } from "../standards/image-spec/index.ts";
import type { Facts } from "./facts.ts";
import type { VmOutput } from "./model.ts";

export interface SampleVmFactOptions {
  readonly timeouts?: Partial<SampleVmTimeouts>;
  /** One line per phase of the VM's life, e.g. `sample VM: boot: server (12.3 s)`. */
  readonly progress?: (line: string) => void;
}

/** Boots the sample VM for `facts`' cloud and reads its console log. */
export async function loadVmOutput(
  session: Session,
  facts: Facts,
  signal: AbortSignal,
  options: SampleVmFactOptions = {},
): Promise<VmOutput> {
  const [images, flavors] = await Promise.all([facts.get("images"), facts.get("flavors")]);
  const image = chooseImage(images);
  if (image === undefined) throw new ScsError("no public image to boot the sample VM from");
  const flavor = chooseFlavor(flavors, image);
  if (flavor === undefined) {
    throw new ScsError(
      `no flavor has the ${image.minRam ?? 0} MiB of RAM image ${JSON.stringify(image.name)} needs`,
    );
  }
  const runId = randomBytes(4).toString("hex");
  const { progress } = options;
  const run = await runSampleVm(
    session,
    {
      runId,
      imageId: image.id,
      flavorId: flavor.id,
      volumeSizeGb: bootVolumeSize(image),
      userData: sampleVmUserData(property(image, "os_distro")),
      endMarker: END_MARKER,
      failureMarker: SCRIPTS_USER_FAILED,
    },
    {
      signal,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(progress
        ? {
            progress: (phase: SampleVmPhase, ms: number, detail: string) =>
              progress(`sample VM _scs-${runId}: ${phase}: ${detail} (${(ms / 1000).toFixed(1)} s)`),
          }
        : {}),
    },
  );
  return { image: image.name, flavor: flavor.name, console: run.console, left: run.left };
}
