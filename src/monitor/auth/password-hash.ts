import { verify as argon2Verify } from "@node-rs/argon2";
import { verify as bcryptVerify } from "@node-rs/bcrypt";

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
