/**
 * The verdicts of scs-0101-entropy-avail, -fips-test and -rngd from the sections of the sample
 * VM's console log. A section that is missing makes the verdict undecidable ({@link MissingSection}).
 */
import type { ConsoleSections } from "./console-output.ts";

/** Kernels since 5.18 report a fixed 256 bits. */
export const EXPECTED_ENTROPY = "256";
/** rngtest -c 1000 may fail this many FIPS 140-2 blocks by chance and still PASS. */
export const FIPS_FAILURES_OK = 3;
/** Up to this many still PASS, with a warning (blocks do fail now and then on healthy clouds). */
export const FIPS_FAILURES_LENIENT = 5;

/** A section the verdict needs is not in the console log, or cannot be read. */
export class Undecidable extends Error {
  override readonly name = "Undecidable";
}

export interface Judgement {
  readonly passed: boolean;
  /** One line saying why, for the log. */
  readonly message: string;
  /** True when the verdict is PASS only thanks to the lenient limit. */
  readonly lenient?: boolean;
}

function section(sections: ConsoleSections, name: string): readonly string[] {
  const lines = sections.get(name);
  if (lines === undefined || lines.length === 0) {
    const seen = [...sections.keys()].sort();
    throw new Undecidable(
      `the console log has no "_scs-test-${name}:" line (sections seen: ${seen.length > 0 ? seen.join(", ") : "none"})`,
    );
  }
  return lines;
}

/** PASS iff the first `entropy-avail` line is exactly 256. */
export function judgeEntropy(sections: ConsoleSections): Judgement {
  const value = section(sections, "entropy-avail")[0]!.trim();
  return value === EXPECTED_ENTROPY
    ? { passed: true, message: `entropy_avail is ${value}` }
    : {
        passed: false,
        message: `entropy_avail is ${JSON.stringify(value)}, expected ${EXPECTED_ENTROPY}`,
      };
}

/**
 * The number of failed FIPS 140-2 blocks rngtest reported: the first `failures:` followed by one
 * whitespace character and digits, anywhere in the joined `fips-test` lines.
 */
export function fipsFailures(sections: ConsoleSections): number {
  const text = section(sections, "fips-test").join("\n");
  const match = /failures:(\s)(\d+)/.exec(text);
  if (match === null) throw new Undecidable('rngtest printed no "failures: <count>" line');
  // The reference reads the count after a space; any other separator made it give up.
  if (match[1] !== " ") throw new Undecidable(`rngtest's failure count is not separated by a space`);
  return Number(match[2]);
}

export function judgeFips(sections: ConsoleSections): Judgement {
  const failures = fipsFailures(sections);
  const message = `rngtest: ${failures} of 1000 FIPS 140-2 blocks failed`;
  if (failures <= FIPS_FAILURES_OK) return { passed: true, message };
  if (failures <= FIPS_FAILURES_LENIENT) {
    return { passed: true, lenient: true, message: `${message} (more than ${FIPS_FAILURES_OK}, tolerated)` };
  }
  return { passed: false, message: `${message}, at most ${FIPS_FAILURES_LENIENT} allowed` };
}

/**
 * PASS iff `systemctl status rngd` found the unit (`Loaded: loaded`); running or not, the service
 * is present, which is what the scope's description asks.
 */
export function judgeRngd(sections: ConsoleSections): Judgement {
  const lines = section(sections, "rngd");
  const loaded = lines.find((line) => /^Loaded:\s/.test(line));
  if (loaded !== undefined && /^Loaded:\s+loaded\b/.test(loaded)) {
    const active = lines.find((line) => /^Active:\s/.test(line));
    return { passed: true, message: `rngd is present (${active ?? loaded})` };
  }
  return { passed: false, message: `rngd is not present: ${loaded ?? lines[0]}` };
}
