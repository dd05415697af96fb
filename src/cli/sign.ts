import type { Command } from "commander";

/** `scs sign` and `scs verify`: SSHSIG signatures of reports, like `ssh-keygen -Y sign|verify -n report`. */
export function registerSign(program: Command): void {
  program
    .command("sign")
    .description("sign report files for the compliance monitor: writes FILE.sig, as ssh-keygen -Y sign does")
    .argument("<FILE...>", "files to sign (reports)")
    .requiredOption(
      "-k, --key <KEY>",
      "private key file (OpenSSH or PEM; or a .pub whose key the ssh-agent holds)",
    )
    .option("-n, --namespace <NAME>", "signature namespace", "report")
    .option("--passphrase-file <FILE>", "passphrase of an encrypted key (else asked on the terminal)")
    .addHelpText(
      "after",
      `
Examples:
  scs sign -k .secret/keyfile report.yaml                 writes report.yaml.sig
  scs sign -k ~/.ssh/id_ed25519 --passphrase-file pw.txt reports/*.yaml

The signature is byte for byte what "ssh-keygen -Y sign -f KEY -n report FILE" writes (ed25519,
ECDSA P-256/384/521, RSA with rsa-sha2-512). When SSH_AUTH_SOCK is set and the ssh-agent holds
the key, the agent signs and no passphrase is asked. An encrypted key file is decrypted in-process
with the passphrase from --passphrase-file or typed on the terminal.

Exit status: 0 signed, 2 unreadable file or key, wrong passphrase, unsupported key type.`,
    )
    .action(async (files: string[], opts: { key: string; namespace: string; passphraseFile?: string }) => {
      const { openSigningKey } = await import("../ssh/signing-key.ts");
      const { signFile } = await import("../ssh/files.ts");
      const { passphraseSource } = await import("./secret-input.ts");
      const key = await openSigningKey(opts.key, {
        agentSocket: process.env["SSH_AUTH_SOCK"],
        passphrase: passphraseSource(opts.passphraseFile, opts.key),
      });
      for (const file of files) {
        const written = await signFile(file, key, opts.namespace);
        process.stderr.write(
          `signed ${file}: ${written}${key.holder === "agent" ? " (by the ssh-agent)" : ""}\n`,
        );
      }
    });

  program
    .command("verify")
    .description("check a signature made by scs sign or ssh-keygen -Y sign")
    .argument("<FILE>", "the signed file")
    .requiredOption("-k, --key <PUBKEY>", "public key file (.pub lines; or an OpenSSH private key file)")
    .option("-s, --signature <SIG>", "signature file (default: FILE.sig)")
    .option("-n, --namespace <NAME>", "signature namespace", "report")
    .addHelpText(
      "after",
      `
Examples:
  scs verify -k .secret/keyfile.pub report.yaml           checks report.yaml.sig
  scs verify -k keys.pub -s upload.sig report.yaml        any key listed in keys.pub may have signed

Prints 'Good "report" signature for FILE with TYPE key SHA256:…' on success.
Exit status: 0 good signature, 1 bad signature (other key, other namespace, changed file),
2 unreadable file or key.`,
    )
    .action(async (file: string, opts: { key: string; signature?: string; namespace: string }) => {
      const { readAllowedKeys, verifyFile } = await import("../ssh/files.ts");
      const keys = await readAllowedKeys(opts.key);
      process.stdout.write(
        `${await verifyFile(file, opts.signature ?? `${file}.sig`, keys, opts.namespace)}\n`,
      );
    });
}
