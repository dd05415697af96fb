import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../errors.ts";
import { confirmApply } from "./confirm.ts";

describe("confirmApply", () => {
  const asked: string[] = [];
  const person = (answer: boolean) => ({
    interactive: true,
    ask: async (q: string) => {
      asked.push(q);
      return answer;
    },
  });
  const script = { interactive: false, ask: async () => assert.fail("nobody to ask") };

  it("asks a person on a terminal and follows the answer", async () => {
    assert.equal(await confirmApply(false, person(true), "Apply?"), true);
    assert.equal(await confirmApply(false, person(false), "Apply?"), false);
    assert.deepEqual(asked, ["Apply?", "Apply?"]);
  });

  it("--yes goes ahead without asking; without a terminal it is required", async () => {
    assert.equal(await confirmApply(true, script, "Apply?"), true);
    await assert.rejects(confirmApply(false, script, "Apply?"), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /pass --yes/);
      return true;
    });
  });
});
