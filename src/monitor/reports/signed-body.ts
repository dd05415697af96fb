const SEPARATOR = Buffer.from("-----END SSH SIGNATURE-----\n&");

/**
 * Splits an upload body (`<armoured signature>\n&<report bytes>`, what curl sends for
 * `--data-binary @r.sig --data-binary @r`) at the first end-of-signature line followed by `&`.
 */
export function splitSignedBody(body: Buffer): { signature: string; data: Buffer } | undefined {
  const at = body.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  const end = at + SEPARATOR.length;
  return { signature: body.subarray(0, end - 1).toString("latin1"), data: body.subarray(end) };
}
