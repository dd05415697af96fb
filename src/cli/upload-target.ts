/** Where and as whom uploads go: the monitor URL, its token (env or file, never argv), the spool. */
import { UsageError } from "../errors.ts";
import { defaultSpoolDir } from "../upload/spool.ts";
import { parseToken, TOKEN_ENV } from "../upload/token.ts";
import type { UploadTarget } from "../upload/upload.ts";
import { readSecretFile } from "./secret-input.ts";

export async function uploadTarget(
  monitorUrl: string,
  options: { tokenFile?: string | undefined; spool?: string | undefined; attempts?: number },
): Promise<UploadTarget> {
  let url: URL;
  try {
    url = new URL(monitorUrl);
  } catch (err) {
    throw new UsageError(
      `the monitor URL ${JSON.stringify(monitorUrl)} is not a URL: give e.g. http://localhost:8080/`,
      { cause: err },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`the monitor URL must start with http:// or https://, got ${url.protocol}`);
  if (url.username || url.password)
    throw new UsageError(`the monitor URL must not carry credentials: use ${TOKEN_ENV} or --token-file`);
  let token: string;
  if (options.tokenFile !== undefined) {
    token = parseToken(await readSecretFile(options.tokenFile, "the monitor token"), options.tokenFile);
  } else if (process.env[TOKEN_ENV]) {
    token = parseToken(process.env[TOKEN_ENV], TOKEN_ENV);
  } else {
    throw new UsageError(
      `no monitor credentials: set ${TOKEN_ENV} or give --token-file FILE (base64 of SUBJECT:API_KEY)`,
    );
  }
  return {
    monitorUrl: url.href,
    token,
    spoolDir: options.spool ?? defaultSpoolDir(),
    ...(options.attempts === undefined ? {} : { post: { attempts: options.attempts } }),
  };
}
