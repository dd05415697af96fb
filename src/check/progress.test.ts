import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { progressLine } from "./progress.ts";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, columns: 20, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream,
  };
}

describe("progressLine", () => {
  it("draws and clears one line on a terminal, cut to its width", () => {
    const s = stream(true);
    const line = progressLine(s.stream);
    line.update({ done: 1, total: 57, id: "scs-0102-prop-architecture" });
    line.clear();
    line.clear();
    assert.deepEqual(s.written, ["\r\x1b[2K[1/57] scs-0102-pro", "\r\x1b[2K"]);
  });
  it("writes nothing when stderr is not a terminal (CI logs stay clean)", () => {
    const s = stream(false);
    const line = progressLine(s.stream);
    line.update({ done: 1, total: 2, id: "x" });
    line.clear();
    assert.deepEqual(s.written, []);
  });
});
