/** Facts from values already at hand (a snapshot file, hand-built facts in tests). */
import { type FactLoaders, Facts } from "./facts.ts";
import type { LiveCloud } from "./live-cloud.ts";
import { FACT_NAMES, type FactName, type FactValues } from "./model.ts";

/** A fact the source does not hold: testcases that need it ABORT with this reason. */
export class FactMissing extends Error {
  override readonly name = "FactMissing";
}

export interface ValuesOptions {
  readonly now: Date;
  readonly origin: string;
  readonly cloud?: LiveCloud;
  /** Facts that fail to load with this error (for tests of ABORT paths). */
  readonly failing?: Partial<Record<FactName, Error>>;
}

export function factsFromValues(values: Partial<FactValues>, options: ValuesOptions): Facts {
  const loader =
    <K extends FactName>(name: K) =>
    async (): Promise<FactValues[K]> => {
      const failure = options.failing?.[name];
      if (failure) throw failure;
      const value = values[name];
      if (value === undefined) throw new FactMissing(`${options.origin} holds no ${name}`);
      return value as FactValues[K];
    };
  const loaders = Object.fromEntries(
    FACT_NAMES.map((name) => [name, loader(name)]),
  ) as unknown as FactLoaders;
  return new Facts({
    loaders,
    now: options.now,
    origin: options.origin,
    ...(options.cloud ? { cloud: options.cloud } : {}),
  });
}
