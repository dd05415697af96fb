/** Cloud snapshots: take one from a live cloud, write it, read it back for offline checks. */
export * from "./file.ts";
export * from "./take.ts";
export * from "./types.ts";
