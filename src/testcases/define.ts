/**
 * How a testcase module declares its testcases: an id, the facts it needs and a check that
 * returns PASS/FAIL. Anything the check throws (a fact that could not be read, a case the
 * reference cannot decide) makes the testcase ABORT, with the reason in its log.
 */
import { oneLine } from "../errors.ts";
import type { Facts } from "../facts/facts.ts";
import type { FactName } from "../facts/model.ts";
import type { LogLine, Outcome, Testcase, TestcaseContext } from "./testcase.ts";

/** Collects the log lines of one run of one testcase. */
export class Log {
  readonly lines: LogLine[] = [];
  info(message: string): void {
    this.lines.push({ level: "info", message });
  }
  warning(message: string): void {
    this.lines.push({ level: "warning", message });
  }
  error(message: string): void {
    this.lines.push({ level: "error", message });
  }
  get errors(): number {
    return this.lines.filter((line) => line.level === "error" || line.level === "critical").length;
  }
}

/** Thrown by a check to end its testcase as ABORT (the reference raised, or a prerequisite is missing). */
export class Abort extends Error {
  override readonly name = "Abort";
}

export interface IaasTestcase extends Testcase<Facts> {
  /** The facts the check reads; the engine may prefetch them and a snapshot must hold them. */
  readonly needs: readonly FactName[];
}

export interface TestcaseDefinition {
  readonly id: string;
  readonly needs: readonly FactName[];
  readonly needsLiveCloud?: boolean;
  /** True = PASS, false = FAIL; throw to ABORT. Log which object is wrong and why. */
  check(facts: Facts, log: Log, ctx: TestcaseContext): Promise<boolean> | boolean;
}

export function defineTestcase(definition: TestcaseDefinition): IaasTestcase {
  const { id, needs, needsLiveCloud = false } = definition;
  return {
    id,
    needs,
    needsLiveCloud,
    async run(facts: Facts, ctx: TestcaseContext): Promise<Outcome> {
      const log = new Log();
      if (needsLiveCloud && facts.cloud === undefined) {
        log.error(`${id} creates resources and needs a live cloud, not ${facts.origin}`);
        return { verdict: "ABORT", log: log.lines };
      }
      try {
        const passed = await definition.check(facts, log, ctx);
        return { verdict: passed ? "PASS" : "FAIL", log: log.lines };
      } catch (err) {
        log.error(ctx.signal.aborted ? `${id} interrupted: ${oneLine(err)}` : oneLine(err));
        return { verdict: "ABORT", log: log.lines };
      }
    },
  };
}

/** `name` quoted for a log line. */
export const quote = (name: string | null | undefined): string => JSON.stringify(name ?? "");
