/**
 * The only door to a cloud. Open a session from a clouds.yaml cloud, then call the typed
 * resource functions with it:
 *
 *   const session = openSession("mycloud", { trace: console.error });
 *   const flavors = await listFlavors(session);
 *   await session.close();
 */
import { type ConfigSearch, loadCloudConfig } from "./config-files.ts";
import { Session, type SessionOptions } from "./session.ts";

export * from "./auth.ts";
export * from "./both-ends.ts";
export * from "./catalog.ts";
export * from "./compute.ts";
export * from "./config.ts";
export * from "./config-auth.ts";
export * from "./config-files.ts";
export * from "./discovery.ts";
export * from "./errors.ts";
export * from "./identity.ts";
export * from "./image.ts";
export * from "./key-manager.ts";
export * from "./leftovers.ts";
export * from "./network.ts";
export * from "./object-store.ts";
export * from "./retry.ts";
export * from "./sample-vm.ts";
export * from "./session.ts";
export * from "./volume.ts";

/** A session for the named cloud (or OS_CLOUD / the envvars cloud); authenticates on first use. */
export function openSession(
  cloud?: string,
  options: SessionOptions & { search?: ConfigSearch } = {},
): Session {
  return new Session(loadCloudConfig(cloud, options.search), options);
}
