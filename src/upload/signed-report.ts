/**
 * A signed report as the monitor takes it (compliance-monitor §3.1): the armoured SSHSIG signature,
 * `&`, then the report bytes, exactly what `curl --data-binary @FILE.sig --data-binary @FILE` sends.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { oneLine, ScsError } from "../errors.ts";

export type SignedContentType = "application/x-signed-yaml" | "application/x-signed-json";

export interface SignedUpload {
  readonly body: Buffer;
  readonly contentType: SignedContentType;
}

const BEGIN = "-----BEGIN SSH SIGNATURE-----\n";
const END = "-----END SSH SIGNATURE-----\n";

/** `.json` reports go as signed JSON, everything else as signed YAML (a stream of documents). */
export function contentTypeOf(reportPath: string): SignedContentType {
  return extname(reportPath).toLowerCase() === ".json"
    ? "application/x-signed-json"
    : "application/x-signed-yaml";
}

export function signedBody(signature: string | Buffer, report: Buffer): Buffer {
  const sig = Buffer.isBuffer(signature) ? signature : Buffer.from(signature, "utf8");
  const text = sig.toString("latin1");
  if (!text.startsWith(BEGIN) || !text.endsWith(END))
    throw new ScsError(
      "not an SSH signature: expected -----BEGIN SSH SIGNATURE----- … -----END SSH SIGNATURE-----",
    );
  return Buffer.concat([sig, Buffer.from("&"), report]);
}

/** Reads FILE and its signature FILE.sig (as `scs sign` and `ssh-keygen -Y sign` write it). */
export async function readSignedReport(reportPath: string): Promise<SignedUpload> {
  const report = await readOrSay(reportPath, "the report");
  const signature = await readOrSay(`${reportPath}.sig`, "its signature (scs sign -k KEY FILE writes it)");
  try {
    return { body: signedBody(signature, report), contentType: contentTypeOf(reportPath) };
  } catch (err) {
    throw new ScsError(`${reportPath}.sig: ${oneLine(err)}`, { cause: err });
  }
}

async function readOrSay(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScsError(`cannot read ${what} ${path}: ${code === "ENOENT" ? "no such file" : oneLine(err)}`, {
      cause: err,
    });
  }
}
