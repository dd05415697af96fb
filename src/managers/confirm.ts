/** `apply` changes a cloud: on a terminal it asks first, elsewhere it needs --yes. */
import { createInterface } from "node:readline/promises";
import { UsageError } from "../errors.ts";

export interface Confirmation {
  /** True when a person can be asked. */
  readonly interactive: boolean;
  readonly ask: (question: string) => Promise<boolean>;
}

/** Asks on the process's terminal. */
export const terminalConfirmation: Confirmation = {
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await rl.question(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  },
};

/** Resolves when the change may go ahead; false when the person said no. */
export async function confirmApply(
  yes: boolean,
  confirmation: Confirmation,
  question: string,
): Promise<boolean> {
  if (yes) return true;
  if (!confirmation.interactive) {
    throw new UsageError("apply changes the cloud: run it on a terminal to confirm, or pass --yes");
  }
  return confirmation.ask(question);
}
