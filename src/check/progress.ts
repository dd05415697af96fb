/** One line on a terminal that says how far the run is; nothing when stderr is not a TTY. */
import type { Progress } from "./engine.ts";

export interface ProgressLine {
  update(progress: Progress): void;
  clear(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (!stream.isTTY) return { update() {}, clear() {} };
  let shown = false;
  return {
    update({ done, total, id }) {
      const text = `[${done}/${total}] ${id}`.slice(0, Math.max(10, (stream.columns ?? 80) - 1));
      stream.write(`\r\x1b[2K${text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
