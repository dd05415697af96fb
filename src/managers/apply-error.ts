/** The error that stops an apply: one line naming the object and the step, exit status 1. */
import { ScsError } from "../errors.ts";

export const APPLY_FAILED_EXIT_CODE = 1;

export class ApplyError extends ScsError {
  override readonly name = "ApplyError";
  constructor(message: string, cause: unknown) {
    super(message, { cause, exitCode: APPLY_FAILED_EXIT_CODE });
  }
}
