/**
 * The seam for signing reports (SSHSIG, namespace `report`, as the monitor verifies uploads).
 * Signing itself is a later issue; `check()` calls a signer when it is given one, after the
 * report file is complete, and writes the signature next to it as `<file>.sig`.
 */
export interface ReportSigner {
  /** The armoured signature (`-----BEGIN SSH SIGNATURE-----` …) over exactly these bytes. */
  sign(report: Uint8Array): Promise<string>;
}
