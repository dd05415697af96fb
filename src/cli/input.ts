import { readFileSync } from "node:fs";
import { ScsError } from "../errors.ts";

/**
 * Names from a file (one per line, `-` = standard input) followed by the command-line names.
 * Blank lines are skipped and a trailing CR is dropped, so files written on Windows work too.
 */
export function readNames(args: readonly string[], file: string | undefined): string[] {
  if (file === undefined) return [...args];
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? String(err));
    throw new ScsError(`cannot read names from ${file}: ${why}`, { cause: err });
  }
  const names: string[] = [];
  for (let line of text.split("\n")) {
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.trim() !== "") names.push(line);
  }
  return [...names, ...args];
}

/** Writes large outputs in one go instead of a syscall per line. */
export class LineBuffer {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly fd: 1 | 2) {}
  line(s: string): void {
    this.chunks.push(s, "\n");
    this.size += s.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    (this.fd === 1 ? process.stdout : process.stderr).write(text);
  }
}
