import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether the real ssh-keygen (Debian openssh-client) is installed. */
export const sshKeygenAvailable = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;

/** A folder for key files, removed by dispose(). */
export class KeyFolder {
  readonly dir = mkdtempSync(join(tmpdir(), "scs-ssh-test-"));

  path(name: string): string {
    return join(this.dir, name);
  }

  /** `ssh-keygen -t TYPE [-b BITS] -N PASSPHRASE [-Z CIPHER] [-m FORMAT] -f NAME`; returns the path. */
  keygen(
    name: string,
    type: "ed25519" | "ecdsa" | "rsa",
    options: { bits?: number; passphrase?: string; cipher?: string; format?: "PEM" | "PKCS8" } = {},
  ): string {
    const path = this.path(name);
    execFileSync("ssh-keygen", [
      "-q",
      "-t",
      type,
      ...(options.bits ? ["-b", String(options.bits)] : []),
      "-N",
      options.passphrase ?? "",
      ...(options.cipher ? ["-Z", options.cipher] : []),
      ...(options.format ? ["-m", options.format] : []),
      "-C",
      `test ${name}`,
      "-f",
      path,
    ]);
    return path;
  }

  /** `ssh-keygen -Y sign -f KEY -n NAMESPACE` over `data`; returns the armoured signature. */
  keygenSign(key: string, data: Buffer | string, namespace = "report"): string {
    const file = this.path(`data-${Math.random().toString(36).slice(2)}`);
    writeFileSync(file, data);
    execFileSync("ssh-keygen", ["-q", "-Y", "sign", "-f", key, "-n", namespace, file], { stdio: "ignore" });
    const sig = readFileSync(`${file}.sig`, "utf8");
    rmSync(file);
    rmSync(`${file}.sig`);
    return sig;
  }

  /** `ssh-keygen -Y verify` of `signature` over `data` by the public key line `publicKey`. */
  keygenVerify(publicKey: string, data: Buffer | string, signature: string, namespace = "report"): boolean {
    const allowed = this.path(`allowed-${Math.random().toString(36).slice(2)}`);
    const sig = `${allowed}.sig`;
    writeFileSync(allowed, `signer@example ${publicKey}\n`);
    writeFileSync(sig, signature);
    const result = spawnSync(
      "ssh-keygen",
      ["-Y", "verify", "-f", allowed, "-I", "signer@example", "-n", namespace, "-s", sig],
      { input: data, stdio: ["pipe", "ignore", "ignore"] },
    );
    rmSync(allowed);
    rmSync(sig);
    return result.status === 0;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
