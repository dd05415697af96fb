import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aspectListErrors, parseAspectList } from "./aspects.ts";

describe("parseAspectList", () => {
  const rows: [string | null, string[] | undefined][] = [
    ["[scs:encrypted, replicated] LUKS and 3 copies", ["encrypted", "replicated"]],
    ["[scs:replicated,encrypted]", ["replicated", "encrypted"]],
    ["[scs:]", []],
    ["[scs: encrypted ]", ["encrypted"]],
    ["[scs:Encrypted]", ["Encrypted"]],
    ["LUKS [scs:encrypted]", undefined],
    [" [scs:encrypted]", undefined],
    ["[SCS:encrypted]", undefined],
    ["[scs:encr[ypted]", undefined],
    ["[scs:encrypted", undefined],
    ["", undefined],
    [null, undefined],
  ];
  for (const [description, expected] of rows) {
    it(`${JSON.stringify(description)}`, () => assert.deepEqual(parseAspectList(description), expected));
  }
});

describe("aspectListErrors", () => {
  const rows: [string[], string[]][] = [
    [["encrypted", "replicated"], []],
    [["encrypted"], []],
    [["replicated", "encrypted"], ["feature list not sorted"]],
    [["encrypted", "encrypted"], ["duplicate features: encrypted"]],
    [["Encrypted"], ["unrecognized features: Encrypted"]],
    [
      ["fast", "encrypted", "fast"],
      ["feature list not sorted", "duplicate features: fast", "unrecognized features: fast"],
    ],
    [
      ["encrypted", ""],
      ["feature list not sorted", "unrecognized features: "],
    ],
  ];
  for (const [aspects, expected] of rows) {
    it(`${JSON.stringify(aspects)}`, () => assert.deepEqual(aspectListErrors(aspects), expected));
  }
});
