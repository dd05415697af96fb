/**
 * Secrets typed by a person or kept in files: never taken from the command line (where `ps` and
 * the shell history would show them). A file, or a prompt on the terminal without echo.
 */
import { openSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { ReadStream } from "node:tty";
import { oneLine, ScsError } from "../errors.ts";

/** A secret file's content without its final line break (as `echo secret > file` leaves one). */
export async function readSecretFile(path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ScsError(`cannot read ${what} from ${path}: ${oneLine(err)}`, { cause: err });
  }
  const value = text.replace(/\r?\n$/, "");
  if (value === "") throw new ScsError(`${path} is empty: it should hold ${what}`);
  if (value.includes("\n")) throw new ScsError(`${path} has more than one line: it should hold only ${what}`);
  return value;
}

/** The passphrase of a signing key: from `--passphrase-file`, else asked on the terminal. */
export function passphraseSource(file: string | undefined, keyPath: string): () => Promise<string> {
  if (file !== undefined) return () => readSecretFile(file, "the key's passphrase");
  return () =>
    promptHidden(`Enter passphrase for ${keyPath}: `, () => {
      throw new ScsError(
        `the key ${keyPath} is encrypted and there is no terminal to ask on: give --passphrase-file FILE or add the key to the ssh-agent`,
      );
    });
}

/** An API key: from a file, else stdin when it is not a terminal, else asked twice on the terminal. */
export async function readApiKey(file: string | undefined): Promise<string> {
  if (file !== undefined) return readSecretFile(file, "the API key");
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const value = Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
    if (value === "") throw new ScsError("no API key on stdin: pipe it in, or give --key-file FILE");
    if (value.includes("\n"))
      throw new ScsError("stdin has more than one line: it should hold only the API key");
    return value;
  }
  const noTerminal = (): never => {
    throw new ScsError("no terminal to ask for the API key on: give --key-file FILE or pipe it in");
  };
  const first = await promptHidden("API key: ", noTerminal);
  if (first === "") throw new ScsError("no API key given");
  if ((await promptHidden("API key again: ", noTerminal)) !== first)
    throw new ScsError("the two API keys differ: nothing hashed");
  return first;
}

/**
 * Asks on the controlling terminal (/dev/tty, even when stdin is a pipe) without echo. Ctrl-C
 * stops with an error; `noTerminal` decides what happens without a terminal.
 */
export async function promptHidden(prompt: string, noTerminal: () => never): Promise<string> {
  let fd: number;
  try {
    fd = openSync("/dev/tty", "r+");
  } catch {
    noTerminal();
  }
  const input = new ReadStream(fd);
  input.setRawMode(true);
  writeSync(fd, prompt);
  return new Promise<string>((resolve, reject) => {
    let value = "";
    const finish = (error?: ScsError) => {
      input.removeAllListeners("data");
      input.setRawMode(false);
      writeSync(fd, "\n");
      input.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    input.on("data", (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") return finish(new ScsError("interrupted", { exitCode: 130 }));
        if (ch === "\u0004" && value === "") return finish(new ScsError("no passphrase given"));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    });
  });
}
