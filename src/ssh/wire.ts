/** The SSH wire format (RFC 4251 §5): `uint32`, `string` = uint32 length + bytes, `mpint`. */

/** Reads SSH wire-format data; throws Error("truncated data") past the end. */
export class SshReader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  uint32(): number {
    if (this.pos + 4 > this.buf.length) throw new Error("truncated data");
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new Error("truncated data");
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  string(): Buffer {
    return this.bytes(this.uint32());
  }

  text(): string {
    return this.string().toString("latin1");
  }

  /** What is left unread. */
  rest(): Buffer {
    return this.buf.subarray(this.pos);
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }
}

export function sshUint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  return Buffer.concat([sshUint32(bytes.length), bytes]);
}

/** A non-negative integer given as big-endian bytes, as an SSH `mpint` (minimal, sign bit clear). */
export function sshMpint(unsigned: Buffer): Buffer {
  const bytes = stripZeros(unsigned);
  if (bytes.length === 0) return sshString(Buffer.alloc(0));
  return sshString((bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** Big-endian bytes without leading zero bytes (an empty buffer for zero). */
export function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}
