/**
 * The image plan: what must change so that the cloud has each image of the spec as its current
 * build with the spec's metadata, older builds renamed `NAME YYYY-MM-DD` and hidden (what
 * scs-0102-image-recency accepts), and no more old builds than `uuid_validity: last-N` promises
 * to keep (removed only with --delete-expired). Pure.
 */
import type { Image } from "../../openstack/image.ts";
import { parseDate, parseMarkerDate, replacementName } from "../../standards/image-spec/index.ts";
import { BUILD_KEYS, type DesiredImage } from "./spec-file.ts";

export type ExistingImage = Pick<
  Image,
  "id" | "name" | "visibility" | "status" | "osHidden" | "createdAt" | "minDisk" | "minRam" | "properties"
>;

export type ImageChange =
  | { readonly action: "register"; readonly name: string; readonly image: DesiredImage }
  | {
      readonly action: "update";
      readonly name: string;
      readonly id: string;
      /** Properties and Glance fields (min_disk, min_ram, visibility, os_hidden) to set, with what they were. */
      readonly set: Readonly<Record<string, string | number | boolean>>;
      readonly was: Readonly<Record<string, string | number | boolean | null>>;
    }
  | { readonly action: "retire"; readonly name: string; readonly id: string; readonly newName: string }
  | { readonly action: "delete"; readonly name: string; readonly id: string; readonly reason: string };

export interface ImageNotice {
  readonly name: string;
  readonly problem: string;
  readonly fix?: string;
}

export interface ImagePlan {
  readonly changes: readonly ImageChange[];
  readonly notices: readonly ImageNotice[];
}

export interface ImagePlanOptions {
  /** Delete old builds beyond `uuid_validity: last-N`. */
  readonly deleteExpired?: boolean;
}

/** N of `last-N`, or undefined when the images promise no such limit. */
export function lastN(uuidValidity: string | undefined): number | undefined {
  const m = /^last-(\d+)$/.exec(uuidValidity ?? "");
  return m ? Number(m[1]) : undefined;
}

/** The day an image was built: image_build_date when it is a date, else the day it was registered. */
export function buildDay(image: ExistingImage): string {
  const built = image.properties["image_build_date"];
  const t = built === undefined ? 0 : parseDate(built);
  const ms = t !== 0 ? t * 1000 : Date.parse(image.createdAt);
  return Number.isNaN(ms) ? "unknown" : new Date(ms).toISOString().slice(0, 10);
}

/** An older build of `name`: `NAME <date>` (or `NAME old`/`NAME prev`). */
function isOldBuildOf(image: ExistingImage, name: string): boolean {
  const imageName = image.name ?? "";
  if (imageName === name || replacementName(imageName) !== name) return false;
  const last = imageName.slice(imageName.lastIndexOf(" ") + 1);
  return last === "old" || last === "prev" || parseMarkerDate(last) !== 0;
}

const newestFirst = (a: ExistingImage, b: ExistingImage): number =>
  buildDay(b).localeCompare(buildDay(a)) || b.createdAt.localeCompare(a.createdAt);

export function planImages(
  desired: readonly DesiredImage[],
  existing: readonly ExistingImage[],
  options: ImagePlanOptions = {},
): ImagePlan {
  const registers: ImageChange[] = [];
  const updates: ImageChange[] = [];
  const retires: ImageChange[] = [];
  const deletes: ImageChange[] = [];
  const notices: ImageNotice[] = [];

  for (const want of desired) {
    const named = existing.filter((i) => i.name === want.name);
    const active = named.filter((i) => i.status === "active").sort(newestFirst);
    for (const broken of named.filter((i) => i.status !== "active")) {
      notices.push({
        name: want.name,
        problem: `image ${broken.id} is ${broken.status}, not active (a failed upload?)`,
      });
    }
    const [current, ...duplicates] = active;
    const superseded: ExistingImage[] = [];
    if (!current) {
      if (want.url === undefined && want.file === undefined) {
        notices.push({
          name: want.name,
          problem: "missing, and the spec gives no url or file to register it from",
        });
      } else registers.push({ action: "register", name: want.name, image: want });
    } else if (isNewBuild(want, current)) {
      if (want.url === undefined && want.file === undefined) {
        notices.push({
          name: want.name,
          problem: "a new build is specified, but no url or file to register it from",
        });
      } else {
        registers.push({ action: "register", name: want.name, image: want });
        superseded.push(current);
      }
    } else {
      const update = metadataUpdate(want, current);
      if (update) updates.push(update);
    }
    // More than one active image under the current name: the older ones are old builds too.
    superseded.push(...duplicates);
    for (const old of superseded) {
      retires.push({
        action: "retire",
        name: want.name,
        id: old.id,
        newName: `${want.name} ${buildDay(old)}`,
      });
    }

    const oldBuilds = [...superseded, ...existing.filter((i) => isOldBuildOf(i, want.name))].sort(
      newestFirst,
    );
    for (const old of oldBuilds) {
      if (superseded.includes(old) || old.osHidden) continue;
      updates.push({
        action: "update",
        name: old.name ?? "",
        id: old.id,
        set: { os_hidden: true },
        was: { os_hidden: false },
      });
    }
    const n = lastN(want.properties["uuid_validity"]);
    if (n === undefined) continue;
    // The current build is one of the last N: N-1 old builds keep their UUIDs.
    for (const old of oldBuilds.slice(Math.max(0, n - 1))) {
      const reason = `older than the last ${n} builds (uuid_validity last-${n})`;
      if (options.deleteExpired) deletes.push({ action: "delete", name: old.name ?? "", id: old.id, reason });
      else notices.push({ name: old.name ?? old.id, problem: reason, fix: "--delete-expired" });
    }
  }
  return { changes: [...registers, ...updates, ...retires, ...deletes], notices };
}

/** Another build date or source than the spec's: a new build to register. */
function isNewBuild(want: DesiredImage, have: ExistingImage): boolean {
  return BUILD_KEYS.some(
    (k) => want.properties[k] !== undefined && have.properties[k] !== want.properties[k],
  );
}

function metadataUpdate(want: DesiredImage, have: ExistingImage): ImageChange | undefined {
  const set: Record<string, string | number | boolean> = {};
  const was: Record<string, string | number | boolean | null> = {};
  const change = (
    key: string,
    value: string | number | boolean,
    current: string | number | boolean | null,
  ) => {
    if (value === current) return;
    set[key] = value;
    was[key] = current;
  };
  for (const [key, value] of Object.entries(want.properties))
    change(key, value, have.properties[key] ?? null);
  change("min_disk", want.minDisk, have.minDisk);
  change("min_ram", want.minRam, have.minRam);
  change("visibility", want.visibility, have.visibility);
  change("os_hidden", false, have.osHidden);
  if (Object.keys(set).length === 0) return undefined;
  return { action: "update", name: want.name, id: have.id, set, was };
}
