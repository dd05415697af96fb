import { type SshSigner, signSshsig } from "../ssh/sign.ts";

/**
 * Signs reports: SSHSIG with namespace `report`, as the monitor verifies uploads. `check()` calls
 * it after the report file is complete and writes the signature next to it as `<file>.sig`.
 */
export interface ReportSigner {
  /** The armoured signature (`-----BEGIN SSH SIGNATURE-----` …) over exactly these bytes. */
  sign(report: Uint8Array): Promise<string>;
}

/** The namespace of report signatures (compliance-monitor §3.2). */
export const REPORT_NAMESPACE = "report";

export function reportSigner(key: SshSigner): ReportSigner {
  return { sign: (report) => signSshsig(key, Buffer.from(report), REPORT_NAMESPACE) };
}
