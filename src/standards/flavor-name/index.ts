/** scs-0100 flavor names: parse, format, describe, derive extra_specs. Pure, no I/O. */
export { describe } from "./describe.ts";
export {
  type DerivedExtraSpecs,
  deriveExtraSpecs,
  type ExtraSpecs,
  type ExtraSpecValue,
  extraSpecString,
  MAX_DERIVED_DISKS,
} from "./extra-specs.ts";
export { formatV1, formatV2, shortV1, shortV2, v1ToV2, v2ToV1 } from "./format.ts";
export { parseSyntax } from "./parse.ts";
export { reprFloat } from "./python.ts";
export {
  CLI_STRATEGIES,
  isStrategy,
  type ParseOutcome,
  parseFlavorName,
  STRATEGIES,
  type Strategy,
} from "./strategy.ts";
export * from "./tables.ts";
export type { CpuBrand, CpuRam, Disk, FlavorName, Gpu, Syntax, SyntaxResult } from "./types.ts";
