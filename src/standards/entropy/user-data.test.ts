import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { parseConsole } from "./console-output.ts";
import { sampleVmUserData } from "./user-data.ts";

interface CloudConfig {
  packages: string[];
  bootcmd: string[];
  runcmd: string[];
  final_message: string;
  apt?: { primary: { uri: string }[]; security?: { uri: string }[] };
}

const config = (distro?: string): CloudConfig => {
  const text = sampleVmUserData(distro);
  assert.ok(text.startsWith("#cloud-config\n"));
  return parse(text) as CloudConfig;
};

describe("sampleVmUserData", () => {
  it("installs rng-tools5, masks the serial getty and ends with the end marker", () => {
    const c = config("debian");
    assert.deepEqual(c.packages, ["rng-tools5"]);
    assert.deepEqual(c.bootcmd, ["systemctl mask serial-getty@ttyS0.service"]);
    assert.equal(c.final_message, "_scs-test-end");
    assert.equal(c.runcmd.at(-1), "echo _scs-test-end");
  });

  it("sets the apt mirrors by exact os_distro", () => {
    assert.deepEqual(config("debian").apt?.primary[0]?.uri, "https://mirror.plusserver.com/debian/debian/");
    assert.deepEqual(
      config("debian").apt?.security?.[0]?.uri,
      "https://mirror.plusserver.com/debian/debian-security/",
    );
    assert.deepEqual(config("ubuntu").apt?.primary[0]?.uri, "http://az1.clouds.archive.ubuntu.com/ubuntu/");
    assert.equal(config("Debian").apt, undefined);
    assert.equal(config(undefined).apt, undefined);
  });

  it("prefixes every output line, stderr included, with its section marker", () => {
    // Run the entropy-avail command line with a stand-in for cat's file: two lines and an error.
    const line = config().runcmd[0]!.replace(
      "cat /proc/sys/kernel/random/entropy_avail",
      "printf '256\\nx\\n'; ls /nonexistent",
    );
    const output = execFileSync("sh", ["-c", line], { encoding: "utf8" });
    const sections = parseConsole(output);
    assert.deepEqual([...sections.keys()], ["entropy-avail"]);
    assert.deepEqual(sections.get("entropy-avail")?.slice(0, 2), ["256", "x"]);
    assert.match(sections.get("entropy-avail")?.[2] ?? "", /nonexistent/);
  });

  it("prints the sections in the order of the verdicts", () => {
    const names = config()
      .runcmd.slice(0, 4)
      .map((command) => /_scs-test-([a-z-]+):/.exec(command)?.[1]);
    assert.deepEqual(names, ["entropy-avail", "fips-test", "rngd", "virtio-rng"]);
  });
});
