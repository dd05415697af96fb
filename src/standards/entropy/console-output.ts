/**
 * The console log of the scs-0101 sample VM: every line its user data prints carries the marker
 * `_scs-test-<section>: `, and `_scs-test-end` says the guest is done. Other lines (kernel,
 * systemd, cloud-init) are interleaved anywhere and ignored.
 */

export const MARKER = "_scs-test-";
export const END_MARKER = `${MARKER}end`;
/** What cloud-init prints when a runcmd command fails: the output cannot be trusted. */
export const SCRIPTS_USER_FAILED = "Failed to run module scripts-user";

/** The sections the user data prints, in the order it prints them. */
export const SECTIONS = ["entropy-avail", "fips-test", "rngd", "virtio-rng"] as const;
export type Section = (typeof SECTIONS)[number];

/** Section name → its lines (trimmed), in console order. */
export type ConsoleSections = ReadonlyMap<string, readonly string[]>;

/** Where the guest is, judged from the console log read so far. */
export type ConsoleState =
  | { readonly kind: "running" }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "ended" };

export function consoleState(output: string): ConsoleState {
  if (output.includes(SCRIPTS_USER_FAILED)) {
    return { kind: "failed", reason: `the VM's user data failed (console: ${SCRIPTS_USER_FAILED})` };
  }
  return output.includes(END_MARKER) ? { kind: "ended" } : { kind: "running" };
}

/**
 * The sections of a console log. Per line, the text after the first marker is split at its first
 * `:`: the left part names the section, the trimmed right part is one of its lines. A marker
 * without a `:` after it (`_scs-test-end`) is not a section line.
 */
export function parseConsole(output: string): ConsoleSections {
  const sections = new Map<string, string[]>();
  for (const line of output.split(/\r?\n|\r/)) {
    const at = line.indexOf(MARKER);
    if (at < 0) continue;
    const rest = line.slice(at + MARKER.length);
    const colon = rest.indexOf(":");
    if (colon < 0) continue;
    const name = rest.slice(0, colon);
    const lines = sections.get(name) ?? [];
    lines.push(rest.slice(colon + 1).trim());
    sections.set(name, lines);
  }
  return sections;
}
