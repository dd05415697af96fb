/**
 * The cloud-config user data of the scs-0101 sample VM: install rng-tools5, keep the login prompt
 * off the serial console, print each measurement with its section marker, then the end marker.
 */
import { END_MARKER, MARKER } from "./console-output.ts";

/** Apt mirrors by os_distro (exactly as the image says), as the reference configures them. */
const APT: Readonly<Record<string, string>> = {
  ubuntu: [
    "apt:",
    "  primary:",
    "    - arches: [default]",
    "      uri: http://az1.clouds.archive.ubuntu.com/ubuntu/",
  ].join("\n"),
  debian: [
    "apt:",
    "  primary:",
    "    - arches: [default]",
    "      uri: https://mirror.plusserver.com/debian/debian/",
    "  security:",
    "    - arches: [default]",
    "      uri: https://mirror.plusserver.com/debian/debian-security/",
  ].join("\n"),
};

/** `command`'s output (stdout and stderr), each line prefixed with the section's marker. */
const section = (name: string, command: string): string =>
  `  - '{ ${command} ; } 2>&1 | awk ''{ print "${MARKER}${name}: " $0; fflush() }'''`;

/** The user data for an image whose os_distro is `osDistro` (undefined: no apt section). */
export function sampleVmUserData(osDistro: string | undefined): string {
  const lines = [
    "#cloud-config",
    "packages:",
    "  - rng-tools5",
    "bootcmd:",
    "  - systemctl mask serial-getty@ttyS0.service",
    "runcmd:",
    section("entropy-avail", "cat /proc/sys/kernel/random/entropy_avail"),
    section("fips-test", "cat /dev/random | rngtest -c 1000"),
    section("rngd", "sudo systemctl status rngd"),
    section(
      "virtio-rng",
      "cat /sys/devices/virtual/misc/hw_random/rng_available; sudo head -c 2 /dev/hwrng | od -An -tx1",
    ),
    `  - echo ${END_MARKER}`,
    `final_message: ${END_MARKER}`,
  ];
  const apt = osDistro === undefined ? undefined : APT[osDistro];
  if (apt !== undefined) lines.push(apt);
  return `${lines.join("\n")}\n`;
}
