/** A client of the ssh-agent protocol (draft-miller-ssh-agent) over its Unix socket: list keys, sign. */
import { createConnection } from "node:net";
import { keyTypeOf } from "./public-key.ts";
import type { SshSigner } from "./sign.ts";
import { SshReader, sshString, sshUint32 } from "./wire.ts";

const REQUEST_IDENTITIES = 11;
const IDENTITIES_ANSWER = 12;
const SIGN_REQUEST = 13;
const SIGN_RESPONSE = 14;
const FAILURE = 5;
const RSA_SHA2_512 = 4;
// An answer larger than this is not an agent's.
const MAX_MESSAGE = 256 * 1024;

export interface AgentIdentity {
  publicKey: Buffer;
  comment: string;
}

export class SshAgent {
  constructor(
    private readonly socketPath: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async identities(): Promise<AgentIdentity[]> {
    const r = await this.request(Buffer.from([REQUEST_IDENTITIES]), IDENTITIES_ANSWER);
    const count = r.uint32();
    const out: AgentIdentity[] = [];
    for (let i = 0; i < count; i++) out.push({ publicKey: Buffer.from(r.string()), comment: r.text() });
    return out;
  }

  /** The signature blob of `data` by the agent's key `publicKey`; RSA keys sign rsa-sha2-512. */
  async sign(publicKey: Buffer, data: Buffer): Promise<Buffer> {
    const flags = keyTypeOf(publicKey) === "ssh-rsa" ? RSA_SHA2_512 : 0;
    const message = Buffer.concat([
      Buffer.from([SIGN_REQUEST]),
      sshString(publicKey),
      sshString(data),
      sshUint32(flags),
    ]);
    const r = await this.request(message, SIGN_RESPONSE);
    const signature = Buffer.from(r.string());
    const algorithm = new SshReader(signature).text();
    if (flags !== 0 && algorithm !== "rsa-sha2-512")
      throw new Error(`the agent signed with ${algorithm}, not rsa-sha2-512`);
    return signature;
  }

  /** A signer for one of the agent's keys. */
  signer(publicKey: Buffer): SshSigner {
    return { publicKey, sign: (message) => this.sign(publicKey, message) };
  }

  private request(payload: Buffer, expected: number): Promise<SshReader> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(this.socketPath);
      let received = Buffer.alloc(0);
      const fail = (err: Error) => {
        socket.destroy();
        reject(err);
      };
      socket.setTimeout(this.timeoutMs, () => fail(new Error("the ssh-agent did not answer")));
      socket.on("error", fail);
      socket.on("connect", () => socket.write(Buffer.concat([sshUint32(payload.length), payload])));
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length < 4) return;
        const length = received.readUInt32BE(0);
        if (length < 1 || length > MAX_MESSAGE)
          return fail(new Error("the ssh-agent sent a malformed answer"));
        if (received.length < 4 + length) return;
        socket.end();
        const type = received[4];
        if (type === expected) resolve(new SshReader(received.subarray(5, 4 + length)));
        else if (type === FAILURE) reject(new Error("the ssh-agent refused"));
        else reject(new Error(`the ssh-agent answered message type ${type}`));
      });
      socket.on("end", () => reject(new Error("the ssh-agent closed the connection")));
    });
  }
}
