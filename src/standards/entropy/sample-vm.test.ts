import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImageMetadata } from "../image-spec/index.ts";
import { bootVolumeSize, chooseFlavor, chooseImage, imageRank, type SizedFlavor } from "./sample-vm.ts";

const image = (
  name: string,
  properties: Record<string, string> = {},
  more: Partial<ImageMetadata> = {},
): ImageMetadata => ({
  name,
  visibility: "public",
  hidden: false,
  createdAt: null,
  size: 1,
  minDisk: null,
  minRam: null,
  properties,
  ...more,
});

describe("imageRank", () => {
  const cases: readonly [Record<string, string>, readonly [number, number]][] = [
    [{ os_distro: "debian", os_version: "12" }, [2, 12]],
    [{ os_distro: " Debian ", os_version: "13" }, [2, 13]],
    [{ os_distro: "debian", os_version: "bookworm" }, [2, 12]],
    [{ os_distro: "debian", os_version: "trixie" }, [2, 13]],
    [{ os_distro: "debian", os_version: "buster" }, [2, 10]],
    [{ os_distro: "debian", os_version: "bullseye" }, [2, 11]],
    [{ os_distro: "debian", os_version: "sid" }, [2, 0]],
    [{ os_distro: "debian", os_version: "12.5" }, [2, 0]],
    [{ os_distro: "debian" }, [0, 0]],
    [{ os_distro: "ubuntu", os_version: "24.04" }, [1, 2404]],
    [{ os_distro: "Ubuntu", os_version: "22.04" }, [1, 2204]],
    [{ os_distro: "ubuntu", os_version: "22.04.3" }, [1, 0]],
    [{ os_distro: "ubuntu", os_version: "jammy" }, [1, 0]],
    [{ os_distro: "centos", os_version: "9" }, [0, 0]],
    [{ os_version: "12" }, [0, 0]],
    [{}, [0, 0]],
  ];
  for (const [properties, rank] of cases) {
    it(`${JSON.stringify(properties)} → ${JSON.stringify(rank)}`, () => {
      assert.deepEqual(imageRank(image("x", properties)), rank);
    });
  }
});

describe("chooseImage", () => {
  const deb = (name: string, version: string, more: Partial<ImageMetadata> = {}) =>
    image(name, { os_distro: "debian", os_version: version }, more);

  it("prefers Debian over Ubuntu over the rest, then the highest version", () => {
    const images = [
      image("Ubuntu 24.04", { os_distro: "ubuntu", os_version: "24.04" }),
      deb("Debian 11", "11"),
      deb("Debian bookworm", "bookworm"),
      image("Fedora", { os_distro: "fedora", os_version: "40" }),
    ];
    assert.equal(chooseImage(images)?.name, "Debian bookworm");
    assert.equal(chooseImage([images[0]!, images[3]!])?.name, "Ubuntu 24.04");
  });

  it("takes the first of equal ranks", () => {
    assert.equal(chooseImage([deb("A", "12"), deb("B", "bookworm"), deb("C", "12")])?.name, "A");
    assert.equal(chooseImage([image("x"), image("y")])?.name, "x");
  });

  it("considers public images only", () => {
    assert.equal(
      chooseImage([deb("mine", "13", { visibility: "community" }), deb("pub", "11")])?.name,
      "pub",
    );
    assert.equal(chooseImage([deb("mine", "13", { visibility: "private" })]), undefined);
  });

  it("has nothing to choose from an empty list", () => {
    assert.equal(chooseImage([]), undefined);
  });
});

describe("chooseFlavor", () => {
  const flavor = (name: string, vcpus: number, ram: number, disk = 0, rng?: string): SizedFlavor => ({
    name,
    vcpus,
    ram,
    disk,
    extraSpecs: rng === undefined ? {} : { "hw_rng:allowed": rng },
  });
  const cases: readonly {
    name: string;
    flavors: SizedFlavor[];
    minRam: number | null;
    expected: string | undefined;
  }[] = [
    {
      name: "the cheapest by vcpus + ram/3 + disk/10",
      flavors: [flavor("2V-4", 2, 4096), flavor("1V-2", 1, 2048), flavor("4V-1", 4, 1024)],
      minRam: null,
      expected: "4V-1",
    },
    {
      name: "disk counts a tenth",
      flavors: [flavor("big-disk", 1, 1024, 100), flavor("no-disk", 1, 1024)],
      minRam: null,
      expected: "no-disk",
    },
    {
      name: "ram below the image's min_ram is out",
      flavors: [flavor("tiny", 1, 512), flavor("small", 1, 2048)],
      minRam: 1024,
      expected: "small",
    },
    {
      name: "exactly min_ram is enough",
      flavors: [flavor("exact", 1, 1024), flavor("more", 1, 2048)],
      minRam: 1024,
      expected: "exact",
    },
    {
      name: "flavors allowing a virtio RNG win, case-insensitively",
      flavors: [
        flavor("cheap", 1, 512),
        flavor("rng", 2, 4096, 0, "True"),
        flavor("rng-false", 1, 1024, 0, "false"),
      ],
      minRam: null,
      expected: "rng",
    },
    {
      name: "an RNG flavor without enough RAM does not count",
      flavors: [flavor("rng-tiny", 1, 256, 0, "true"), flavor("plain", 1, 2048)],
      minRam: 1024,
      expected: "plain",
    },
    {
      name: "the first of equal cost",
      flavors: [flavor("first", 2, 3), flavor("second", 1, 6)],
      minRam: null,
      expected: "first",
    },
    { name: "none with enough RAM", flavors: [flavor("tiny", 1, 512)], minRam: 1024, expected: undefined },
    { name: "no flavors", flavors: [], minRam: null, expected: undefined },
  ];
  for (const { name, flavors, minRam, expected } of cases) {
    it(name, () => {
      assert.equal(chooseFlavor(flavors, { minRam })?.name, expected);
    });
  }
});

describe("bootVolumeSize", () => {
  it("is min_disk, at least 8 GB", () => {
    assert.equal(bootVolumeSize({ minDisk: null }), 8);
    assert.equal(bootVolumeSize({ minDisk: 2 }), 8);
    assert.equal(bootVolumeSize({ minDisk: 20 }), 20);
  });
});
