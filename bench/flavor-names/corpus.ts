/**
 * A deterministic corpus of flavor names, valid and invalid mixed, for the benchmark and the
 * round-trip test: names are assembled from random parts (seeded), then some are damaged.
 */

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCorpus(size: number, seed = 42): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const maybe = (p: number) => r() < p;
  const names: string[] = [];
  for (let i = 0; i < size; i++) {
    let name = `SCS-${pick([1, 2, 4, 8, 16, 32, 64])}${pick(["L", "V", "T", "C"])}${maybe(0.1) ? "i" : ""}`;
    name += `-${pick(["0.5", "1", "2", "4", "8", "16", "32", "64", "128", "1.5"])}${maybe(0.1) ? "u" : ""}${maybe(0.1) ? "o" : ""}`;
    if (maybe(0.7))
      name += `-${maybe(0.1) ? `${pick([2, 3])}x` : ""}${pick(["", "5", "10", "20", "50", "100", "200"])}${pick(["", "n", "h", "s", "p"])}`;
    if (maybe(0.2)) name += `_${pick(["kvm", "xen", "vmw", "hyv", "bms", "chy"])}`;
    if (maybe(0.1)) name += "_hwv";
    if (maybe(0.25))
      name += `_${pick(["i", "z", "a", "r"])}${pick(["", "0", "1", "2", "3", "4"])}${pick(["", "h", "hh"])}`;
    if (maybe(0.1))
      name += `_${pick(["g", "G"])}${pick(["N", "A", "I"])}${pick(["", "a", "l", "3.1", "1"])}${maybe(0.6) ? `-${pick([14, 64, 108])}` : ""}${pick(["", "h"])}${maybe(0.5) ? `-${pick([8, 24, 80])}` : ""}${pick(["", "h"])}`;
    if (maybe(0.05)) name += "_ib";
    // About a third get damaged or are not SCS names at all.
    const damage = r();
    if (damage < 0.08) name = name.replace("SCS-", pick(["scs-", "SCS_", "", "XYZ-"]));
    else if (damage < 0.16)
      name = name.replaceAll("-", ":").replace("SCS:", "SCS-"); // v1-ish
    else if (damage < 0.24) name += pick(["_x", "-", "_ic", "u", "_kvmx", ".5"]);
    else if (damage < 0.3) {
      const at = Math.floor(r() * name.length);
      name = name.slice(0, at) + pick(["0", "_", "-", "h", ".", "x"]) + name.slice(at + 1);
    }
    names.push(name);
  }
  return names;
}
