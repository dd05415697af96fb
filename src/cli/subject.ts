import type { Command } from "commander";

/** `scs subject add`: onboarding a cloud to a compliance monitor. */
export function registerSubject(program: Command): void {
  const subject = program
    .command("subject")
    .description("onboard a subject (a cloud under test) to a compliance monitor");
  subject
    .command("add")
    .description(
      "create the signing key pair and API key of a subject; print its monitor and config.toml entries",
    )
    .argument("<NAME>", "the subject, as reports and the monitor name it (letters, digits, _ and -)")
    .option("--secrets <DIR>", "folder for keyfile, keyfile.pub and tokenfile", ".secret")
    .option("--api-key-file <FILE>", "use this API key instead of a new random one")
    .option("--bcrypt", "hash the API key with bcrypt instead of argon2id")
    .addHelpText(
      "after",
      `
Examples:
  scs subject add mycloud
      writes .secret/keyfile (+ .pub, ed25519, no passphrase) and .secret/tokenfile (base64 of
      mycloud:API_KEY, mode 0600); prints the bootstrap entry and the config.toml lines
  scs subject add mycloud --secrets /etc/scs/mycloud --api-key-file key.txt

The monitor's operator adds the printed entry under accounts: in its bootstrap.yaml and
reloads it (kill -HUP or POST /admin/reload); the hash is argon2id (or bcrypt), never the key.
Existing files are never overwritten. Then: scs check … --sign .secret/keyfile --upload URL
--token-file .secret/tokenfile, or scs run -c config.toml.

Exit status: 0 created, 2 bad name, a file exists already, or it cannot be written.`,
    )
    .action(async (name: string, opts: { secrets: string; apiKeyFile?: string; bcrypt?: boolean }) => {
      const { addSubject } = await import("../onboarding/subject.ts");
      const { readSecretFile } = await import("./secret-input.ts");
      const apiKey =
        opts.apiKeyFile === undefined ? undefined : await readSecretFile(opts.apiKeyFile, "the API key");
      const added = await addSubject(name, {
        secretsDir: opts.secrets,
        ...(apiKey === undefined ? {} : { apiKey }),
        hashFormat: opts.bcrypt ? "bcrypt" : "argon2id",
        configDir: process.cwd(),
      });
      process.stderr.write(`created ${added.keyfile}, ${added.keyfile}.pub and ${added.tokenfile}\n`);
      process.stdout.write(
        `# monitor bootstrap.yaml, under accounts:\n${added.bootstrapEntry}\n# config.toml of scs run\n${added.configLines}`,
      );
    });
}
