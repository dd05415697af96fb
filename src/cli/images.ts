import { type Command, InvalidArgumentError } from "commander";
import { type PlanApplyCliOptions, processIo, registerPlanApply } from "./plan-apply.ts";

interface ImagesCliOptions extends PlanApplyCliOptions {
  spec: string;
  deleteExpired?: boolean;
  upload?: boolean;
  importTimeout?: number;
}

const HELP = `
The spec is the scs-0104 image list (name, source, status) where each image also says where
its data comes from (url or file, optional checksum sha256:HEX) and carries its scs-0102
metadata under properties (image_source defaults to url):
  images:
    - name: Debian 12
      source: https://cloud.debian.org/images/cloud/bookworm/
      url: https://cloud.debian.org/images/cloud/bookworm/20261130-1234/debian-12-genericcloud-amd64-20261130-1234.qcow2
      checksum: sha512:…
      min_disk: 8
      min_ram: 512
      properties: { os_distro: debian, os_version: "12", architecture: x86_64,
                    image_build_date: "2026-11-30", replace_frequency: monthly,
                    provided_until: none, uuid_validity: last-3, … }

A missing image is registered: by Glance's web-download where the cloud offers it, otherwise
streamed through this process with its checksum computed on the way; every import is watched
and fails the run after --import-timeout. Metadata that differs is fixed. A new build (other
image_build_date or image_source) is registered next to the old one, which is then renamed
"NAME YYYY-MM-DD" and hidden; builds beyond uuid_validity last-N are deleted with --delete-expired.

Examples:
  scs images plan --os-cloud admin --spec images.yaml
  scs images apply --os-cloud admin --spec images.yaml --yes
  scs images apply --os-cloud admin --spec images.yaml --upload --import-timeout 3600

Exit status: plan 0 nothing to change, 1 changes pending or problems left; apply 0 applied,
1 a change failed (the message names the image) or not confirmed; 2 usage or spec file error
(with file:line); 3 the cloud could not be reached or refused the credentials.`;

function seconds(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("give a whole number of seconds > 0");
  return n;
}

export function registerImages(program: Command): void {
  registerPlanApply<ImagesCliOptions>(program, {
    name: "images",
    description:
      "bring a cloud's images in line with an image spec (scs-0102/scs-0104): plan (default), then apply",
    help: HELP,
    own: (command) =>
      command
        .requiredOption("--spec <FILE>", "image spec file (required)")
        .option("--delete-expired", "delete old builds beyond uuid_validity last-N")
        .option("--upload", "stream every image through this process instead of Glance's web-download")
        .option("--import-timeout <SECONDS>", "time limit of one import (default 1800)", seconds),
    run: async (mode, options) => {
      const { imagesCommand } = await import("../managers/images/command.ts");
      return (await imagesCommand(mode, options, processIo)).exitCode;
    },
  });
}
