/**
 * Glance calls only the image manager makes: which import methods the cloud offers, a
 * web-download import, streaming image data, and JSON-patching an image's own fields.
 */
import type { Readable } from "node:stream";
import { isApiStatus } from "./errors.ts";
import { type Json, obj, strings } from "./fields.ts";
import { type Image, parseImage } from "./image.ts";
import type { Session } from "./session.ts";

/** The interoperable import methods the cloud offers (`web-download`, `glance-direct`, …); [] if none. */
export async function importMethods(session: Session): Promise<string[]> {
  try {
    const res = await session.request<Json>("image", "GET", "info/import");
    return strings(obj(obj(res.body)["import-methods"])["value"]);
  } catch (err) {
    // Glance without interoperable import (or with it switched off) has no such resource.
    if (isApiStatus(err, 404, 403)) return [];
    throw err;
  }
}

/** Asks Glance to fetch the image data from `uri` itself; progress shows in the image's status. */
export async function importWebDownload(session: Session, imageId: string, uri: string): Promise<void> {
  await session.request("image", "POST", `images/${encodeURIComponent(imageId)}/import`, {
    body: { method: { name: "web-download", uri } },
  });
}

/** Streams the image data to Glance (`PUT /v2/images/{id}/file`), as it is read. */
export async function uploadImageData(
  session: Session,
  imageId: string,
  data: Readable,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  await session.sendStream("image", "PUT", `images/${encodeURIComponent(imageId)}/file`, data, {
    contentType: "application/octet-stream",
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

export type ImagePatch = {
  readonly op: "add" | "replace" | "remove";
  readonly path: string;
  readonly value?: unknown;
};

/** JSON-patches an image: its name, os_hidden, visibility, min_disk, min_ram or properties. */
export async function patchImage(
  session: Session,
  imageId: string,
  ops: readonly ImagePatch[],
): Promise<Image> {
  const res = await session.request("image", "PATCH", `images/${encodeURIComponent(imageId)}`, {
    body: ops,
    contentType: "application/openstack-images-v2.1-json-patch",
    idempotent: true,
  });
  return parseImage(res.body);
}
