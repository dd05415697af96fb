import { hash as argon2Hash, verify as argon2Verify } from "@node-rs/argon2";
import { hash as bcryptHash, verify as bcryptVerify } from "@node-rs/bcrypt";

/** The password-hash formats an API key may use. */
export function hashFormat(hash: string): "bcrypt" | "argon2id" | undefined {
  if (/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) return "bcrypt";
  if (/^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.test(hash)) return "argon2id";
  return undefined;
}

/** Checks a password against one stored hash; the monitor's seam for counting and test doubles. */
export type PasswordVerifier = (password: string, hash: string) => Promise<boolean>;

/**
 * True when the password matches the hash; false for a mismatch or an unusable hash.
 * Both native verifiers run in libuv's thread pool: a 250 ms bcrypt never blocks the event loop.
 */
export const passwordMatches: PasswordVerifier = async (password, hash) => {
  try {
    switch (hashFormat(hash)) {
      case "bcrypt":
        return await bcryptVerify(password, hash);
      case "argon2id":
        return await argon2Verify(hash, password);
      default:
        return false;
    }
  } catch {
    return false;
  }
};

/**
 * A new API key hash for a bootstrap file: argon2id with passlib's default cost (m=64 MiB, t=3,
 * p=4), as the reference monitor's own onboarding writes; or bcrypt (cost 12) on request.
 */
export async function hashApiKey(
  apiKey: string,
  format: "argon2id" | "bcrypt" = "argon2id",
): Promise<string> {
  if (format === "bcrypt") return bcryptHash(apiKey, 12);
  // the library's default algorithm is argon2id
  return argon2Hash(apiKey, { memoryCost: 65536, timeCost: 3, parallelism: 4 });
}
