export {
  type ConsoleSections,
  type ConsoleState,
  consoleState,
  END_MARKER,
  MARKER,
  parseConsole,
  SCRIPTS_USER_FAILED,
  SECTIONS,
  type Section,
} from "./console-output.ts";
export {
  allowsRng,
  bootVolumeSize,
  chooseFlavor,
  chooseImage,
  DEBIAN_CODENAMES,
  flavorCost,
  type ImageRank,
  imageRank,
  type SizedFlavor,
} from "./sample-vm.ts";
export { sampleVmUserData } from "./user-data.ts";
export {
  EXPECTED_ENTROPY,
  FIPS_FAILURES_LENIENT,
  FIPS_FAILURES_OK,
  fipsFailures,
  type Judgement,
  judgeEntropy,
  judgeFips,
  judgeRngd,
  Undecidable,
} from "./verdicts.ts";
