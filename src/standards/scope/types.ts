/**
 * The certificate-scope model (spec: certificate-scopes.md §1–§2). Everything here is a plain,
 * immutable value produced by `parseScope`; nothing does I/O.
 */

/** A calendar date `YYYY-MM-DD`, validated; compares correctly as a string. */
export type IsoDate = string & { readonly __isoDate: true };

/** How a version stands on a date (scs-0003): only `effective` and `warn` are certifiable. */
export type Validity = "effective" | "warn" | "draft" | "deprecated";
export const VALIDITIES: readonly Validity[] = ["effective", "warn", "draft", "deprecated"];

/** How long a result stays valid (§7); `week` when a testcase names none. */
export type Lifetime = "day" | "week" | "month" | "quarter" | "year";
export const LIFETIMES: readonly Lifetime[] = ["day", "week", "month", "quarter", "year"];

/** A testcase as the scope declares it (not its implementation). */
export interface TestcaseSpec {
  readonly id: string;
  readonly description?: string;
  readonly url?: string;
  readonly lifetime: Lifetime;
  /** Free label used by `--sections`, e.g. `light`/`heavy` in KaaS. */
  readonly section?: string;
  /** Position of the declaring script in `Scope.scripts`. */
  readonly scriptIndex: number;
}

/** A script that a check runs once per invocation with the selected testcase ids. */
export interface AutomatedScript {
  readonly kind: "automated";
  readonly index: number;
  /** Relative to the scope file, `file://` stripped, e.g. `./iaas/openstack_test.py`. */
  readonly executable: string;
  /** `str.format`-style template, e.g. `-c {os_cloud} {testcases}`. */
  readonly args?: string;
  readonly env: ReadonlyMap<string, string>;
  readonly testcases: readonly TestcaseSpec[];
}

/** A script without executable: its testcases are checked by hand and never run. */
export interface ManualScript {
  readonly kind: "manual";
  readonly index: number;
  readonly testcases: readonly TestcaseSpec[];
}

export type Script = AutomatedScript | ManualScript;

/** Usually one standard version: target name → testcase ids. */
export interface Module {
  readonly id: string;
  readonly name?: string;
  readonly url?: string;
  /** Parameter name → human description. */
  readonly parameters: ReadonlyMap<string, string>;
  /** Target name → testcase ids, in file order. */
  readonly targets: ReadonlyMap<string, readonly string[]>;
}

export interface Inclusion {
  readonly moduleId: string;
  /** Documented values for the module's parameters; not passed to scripts (like the reference). */
  readonly parameters: ReadonlyMap<string, unknown>;
}

export interface ScopeVersion {
  readonly name: string;
  /** Position in the file; versions are listed newest first. */
  readonly index: number;
  /** Set once the version is stable (frozen). */
  readonly stabilizedAt?: IsoDate;
  readonly includes: readonly Inclusion[];
  /**
   * Target name → sorted union of the testcase ids of the included modules; the map's order is the
   * order of first appearance while walking the includes (the console's target order).
   */
  readonly targets: ReadonlyMap<string, readonly string[]>;
  /** Testcase id → the target that holds it. */
  readonly targetOf: ReadonlyMap<string, string>;
}

export interface TimelineEntry {
  readonly date: IsoDate;
  readonly versions: ReadonlyMap<string, Validity>;
}

/** A variable the scripts need (`-a name=value`); `default` when the scope gives one. */
export interface Variable {
  readonly name: string;
  readonly default?: string;
}

export interface Scope {
  readonly uuid: string;
  readonly name: string;
  readonly url: string;
  readonly variables: readonly Variable[];
  readonly scripts: readonly Script[];
  readonly modules: ReadonlyMap<string, Module>;
  /** In file order (newest first). */
  readonly versions: readonly ScopeVersion[];
  readonly timeline: readonly TimelineEntry[];
  /** Every declared testcase by id. */
  readonly testcases: ReadonlyMap<string, TestcaseSpec>;
  /** Testcase id → number of stabilized versions whose `main` target holds it (monitor sort key). */
  readonly attention: ReadonlyMap<string, number>;
  readonly prerequisite?: { readonly name?: string; readonly url?: string };
}
