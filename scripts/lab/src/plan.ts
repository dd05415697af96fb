import type { ActualFlavor, ActualImage, ActualVolumeType, JsonPatchOp } from "./cloud.ts";
import { isSystemProperty } from "./cloud.ts";
import type { FlavorSpec, ImageSpec, VolumeTypeSpec } from "./sample.ts";
import { resolveProperties } from "./sample.ts";

/**
 * The difference between the wanted sample and what the cloud has, as a list of actions per
 * kind. Pure: populate reads the cloud once, plans, then applies the actions concurrently.
 *
 * Ownership: populate changes or deletes only objects it owns: those named in the sample (in
 * either variant) and those it generated (flavor description / image tag "scs-lab generated").
 * `prune` extends that to every other flavor, image and volume type (except __DEFAULT__), so
 * that the cloud holds exactly the sample.
 */

export const SAMPLE_MARK = "scs-lab sample";
export const GENERATED_MARK = "scs-lab generated";
/** Glance tags cannot contain spaces in every client; use dashes there. */
export const imageTag = (mark: string) => mark.replace(" ", "-");

export interface Wanted<T> {
  readonly spec: T;
  readonly mark: string;
}

export interface PlanOptions {
  /** Delete every owned object first and create the sample anew. */
  readonly reset: boolean;
  /** Also delete objects populate does not own. */
  readonly prune: boolean;
  /** Names of the sample in either variant (owned even without a mark). */
  readonly sampleNames: ReadonlySet<string>;
}

export type FlavorAction =
  | { op: "create"; name: string; spec: FlavorSpec; mark: string }
  | { op: "recreate"; name: string; id: string; spec: FlavorSpec; mark: string }
  | { op: "update"; name: string; id: string; set: Record<string, string>; unset: string[]; mark?: string }
  | { op: "delete"; name: string; id: string };

export type ImageAction =
  | { op: "create"; name: string; spec: ImageSpec; properties: Record<string, string>; mark: string }
  | {
      op: "recreate";
      name: string;
      id: string;
      spec: ImageSpec;
      properties: Record<string, string>;
      mark: string;
    }
  | { op: "update"; name: string; id: string; patch: JsonPatchOp[]; tag?: string }
  | { op: "delete"; name: string; id: string };

export type VolumeTypeAction =
  | { op: "create"; name: string; spec: VolumeTypeSpec }
  | {
      op: "update";
      name: string;
      id: string;
      spec: VolumeTypeSpec;
      describe: boolean;
      set: Record<string, string>;
      unset: string[];
    }
  | { op: "delete"; name: string; id: string };

interface Actual {
  readonly id: string;
  readonly name: string;
}

/**
 * The generic part: match wanted to actual objects by name (the first of duplicates is kept,
 * owned duplicates are deleted), delete owned leftovers, and let `diff` decide per pair.
 */
function reconcile<S extends { name: string }, A extends Actual, Act>(
  wanted: readonly Wanted<S>[],
  actual: readonly A[],
  owned: (a: A) => boolean,
  opts: PlanOptions,
  make: {
    create: (w: Wanted<S>) => Act;
    diff: (w: Wanted<S>, a: A) => Act | undefined;
    remove: (a: A) => Act;
  },
): Act[] {
  const actions: Act[] = [];
  const byName = new Map<string, A>();
  for (const a of actual) {
    const mine = owned(a);
    if (opts.reset && mine) {
      actions.push(make.remove(a));
    } else if (!byName.has(a.name)) {
      byName.set(a.name, a);
    } else if (mine || opts.prune) {
      actions.push(make.remove(a)); // a duplicate name: the checks' lookups would be ambiguous
    }
  }
  const wantedNames = new Set(wanted.map((w) => w.spec.name));
  for (const [name, a] of byName) {
    if (!wantedNames.has(name) && (owned(a) || opts.prune)) actions.push(make.remove(a));
  }
  for (const w of wanted) {
    const a = byName.get(w.spec.name);
    const act = a ? make.diff(w, a) : make.create(w);
    if (act) actions.push(act);
  }
  return actions;
}

function specDiff(want: Readonly<Record<string, string>>, have: Readonly<Record<string, string>>) {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(want)) if (have[k] !== v) set[k] = v;
  const unset = Object.keys(have).filter((k) => !(k in want));
  return { set, unset, changed: Object.keys(set).length > 0 || unset.length > 0 };
}

export function planFlavors(
  wanted: readonly Wanted<FlavorSpec>[],
  actual: readonly ActualFlavor[],
  opts: PlanOptions,
): FlavorAction[] {
  const owned = (a: ActualFlavor) =>
    opts.sampleNames.has(a.name) || (a.description ?? "").startsWith("scs-lab ");
  return reconcile<FlavorSpec, ActualFlavor, FlavorAction>(wanted, actual, owned, opts, {
    create: (w) => ({ op: "create", name: w.spec.name, spec: w.spec, mark: w.mark }),
    remove: (a) => ({ op: "delete", name: a.name, id: a.id }),
    diff: (w, a) => {
      const s = w.spec;
      // vcpus, RAM, disk and visibility of a Nova flavor cannot change: replace the flavor
      if (a.vcpus !== s.vcpus || a.ram !== s.ram || a.disk !== s.disk || a.isPublic !== s.isPublic) {
        return { op: "recreate", name: s.name, id: a.id, spec: s, mark: w.mark };
      }
      const { set, unset, changed } = specDiff(s.extraSpecs, a.extraSpecs);
      const remark = a.description !== w.mark;
      if (!changed && !remark) return undefined;
      return { op: "update", name: s.name, id: a.id, set, unset, ...(remark ? { mark: w.mark } : {}) };
    },
  });
}

const uploadedAt = (created: string) =>
  new Date(Number.isNaN(Date.parse(created)) ? Date.now() : Date.parse(created));

export function planImages(
  wanted: readonly Wanted<ImageSpec>[],
  actual: readonly ActualImage[],
  opts: PlanOptions,
  now: Date,
): ImageAction[] {
  const tags = new Set([imageTag(SAMPLE_MARK), imageTag(GENERATED_MARK)]);
  const owned = (a: ActualImage) => opts.sampleNames.has(a.name) || a.tags.some((t) => tags.has(t));
  return reconcile<ImageSpec, ActualImage, ImageAction>(wanted, actual, owned, opts, {
    create: (w) => ({
      op: "create",
      name: w.spec.name,
      spec: w.spec,
      properties: resolveProperties(w.spec.properties, now),
      mark: imageTag(w.mark),
    }),
    remove: (a) => ({ op: "delete", name: a.name, id: a.id }),
    diff: (w, a) => {
      const s = w.spec;
      if (a.status !== "active" || a.diskFormat !== s.diskFormat || a.containerFormat !== s.containerFormat) {
        const properties = resolveProperties(s.properties, now);
        return { op: "recreate", name: s.name, id: a.id, spec: s, properties, mark: imageTag(w.mark) };
      }
      // relative build dates count from the image's own upload, so they never move past it
      const want = resolveProperties(s.properties, uploadedAt(a.createdAt));
      const patch: JsonPatchOp[] = [];
      if (a.visibility !== s.visibility)
        patch.push({ op: "replace", path: "/visibility", value: s.visibility });
      if (a.hidden !== s.hidden) patch.push({ op: "replace", path: "/os_hidden", value: s.hidden });
      if (a.minDisk !== s.minDisk) patch.push({ op: "replace", path: "/min_disk", value: s.minDisk });
      if (a.minRam !== s.minRam) patch.push({ op: "replace", path: "/min_ram", value: s.minRam });
      for (const [k, v] of Object.entries(want)) {
        if (a.properties[k] !== v)
          patch.push({ op: k in a.properties ? "replace" : "add", path: `/${k}`, value: v });
      }
      for (const k of Object.keys(a.properties)) {
        if (!(k in want) && !isSystemProperty(k)) patch.push({ op: "remove", path: `/${k}` });
      }
      const tag = imageTag(w.mark);
      const retag = !a.tags.includes(tag);
      if (patch.length === 0 && !retag) return undefined;
      return { op: "update", name: s.name, id: a.id, patch, ...(retag ? { tag } : {}) };
    },
  });
}

export function planVolumeTypes(
  wanted: readonly Wanted<VolumeTypeSpec>[],
  actual: readonly ActualVolumeType[],
  opts: PlanOptions,
): VolumeTypeAction[] {
  // the default type is the cloud's, and Cinder refuses to delete it anyway
  const candidates = actual.filter((a) => a.name !== "__DEFAULT__");
  const owned = (a: ActualVolumeType) => opts.sampleNames.has(a.name);
  return reconcile<VolumeTypeSpec, ActualVolumeType, VolumeTypeAction>(wanted, candidates, owned, opts, {
    create: (w) => ({ op: "create", name: w.spec.name, spec: w.spec }),
    remove: (a) => ({ op: "delete", name: a.name, id: a.id }),
    diff: (w, a) => {
      const s = w.spec;
      const describe = a.description !== s.description || a.isPublic !== s.isPublic;
      const { set, unset, changed } = specDiff(s.extraSpecs, a.extraSpecs);
      if (!describe && !changed) return undefined;
      return { op: "update", name: s.name, id: a.id, spec: s, describe, set, unset };
    },
  });
}

/** Short figures of a plan: how many actions of each kind. */
export function countOps(actions: readonly { op: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of actions) out[a.op] = (out[a.op] ?? 0) + 1;
  return out;
}
