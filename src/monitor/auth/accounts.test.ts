import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AccountDirectory } from "./accounts.ts";

const ARGON = "$argon2id$v=19$m=102400,t=2,p=8$jTFmDCGEsNbaWysFAICQcg$eU0EUWi5ifQ3yxhFjAyhdw";
const BCRYPT_12 = "$2b$12$LA3xbqbG/DMG.GX7IJcTl.ddr5QFjpKlHZuTIB5kS5Spr90Z7lreK";
const BCRYPT_12_B = "$2b$12$kDkPEwFueKs9SWgIHJu58OEsXyMreASJt/r89GrRRJ.2Kvo0ncFly";
const BCRYPT_10 = "$2b$10$kDkPEwFueKs9SWgIHJu58OEsXyMreASJt/r89GrRRJ.2Kvo0ncFly";
const account = (subject: string, apiKeys: string[]) => ({
  subject,
  roles: 0,
  group: null,
  apiKeys,
  keys: [],
  delegators: [],
});

describe("AccountDirectory.decoyHash", () => {
  it("is a hash of the algorithm and cost most API keys use", () => {
    const d = new AccountDirectory([
      account("a", [ARGON]),
      account("b", [BCRYPT_10]),
      account("c", [BCRYPT_12]),
      account("d", [BCRYPT_12_B]),
    ]);
    assert.equal(d.decoyHash(), BCRYPT_12);
    assert.equal(
      new AccountDirectory([account("a", [BCRYPT_10]), account("b", [ARGON, ARGON])]).decoyHash(),
      ARGON,
    );
  });

  it("is undefined when no account has an API key", () => {
    assert.equal(new AccountDirectory([account("a", [])]).decoyHash(), undefined);
  });
});
