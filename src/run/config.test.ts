import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { fillTemplate, mappingOf, parseRunConfig } from "./config.ts";
import { planRun } from "./plan.ts";

// The reference's config.toml, as shipped with its test runner (a copy in the test fixtures).
const REFERENCE = readFileSync(fileURLToPath(new URL("./config.example.toml", import.meta.url)), "utf8");
const at = "/etc/scs/config.toml";

describe("config.toml of the runner", () => {
  const config = parseRunConfig(REFERENCE, at);

  it("reads the reference's file: secrets and scopes relative to its folder, presets, mapping", () => {
    assert.deepEqual(config.secrets, {
      keyfile: "/etc/scs/.secret/keyfile",
      tokenfile: "/etc/scs/.secret/tokenfile",
    });
    assert.equal(config.scopes.get("scs-compatible-iaas"), "/etc/scs/scs-compatible-iaas.yaml");
    assert.deepEqual(config.presets.get("default"), { scopes: ["scs-compatible-iaas"], subjects: ["scs2"] });
    assert.equal(config.presets.get("iaas")?.workers, 16);
    assert.deepEqual(
      [...mappingOf(config, "scs2")],
      [
        ["os_cloud", "scs2"],
        ["subject_root", "scs2"],
        ["kubeconfig", "scs2/kubeconfig.yaml"],
      ],
    );
  });

  it("a subject's own mapping overrides the default, literally", () => {
    const c = parseRunConfig(`${REFERENCE}\n[subjects.b.mapping]\nos_cloud = "lab-{subject}"\n`, at);
    assert.equal(mappingOf(c, "b").get("os_cloud"), "lab-{subject}");
    assert.equal(mappingOf(c, "a").get("os_cloud"), "a");
  });

  it("templates: {subject}, and {{ }} for braces; any other field is an error", () => {
    assert.equal(fillTemplate("{{x}}-{subject}", "s", "w"), "{x}-s");
    assert.throws(
      () => fillTemplate("{cloud}", "s", "f: k"),
      /^UsageError: f: k: only \{subject\} may be filled in, found \{cloud\}$/,
    );
  });

  it("mistakes are one line naming the file and key", () => {
    const cases: [string, RegExp][] = [
      ["[presets.x]\nsubjects = 3\n", /^f\.toml: presets\.x\.subjects must be a list of names$/],
      ["[presets.x]\nworkers = 0\n", /^f\.toml: presets\.x\.workers must be a positive whole number$/],
      ["[scopes.s]\n", /^f\.toml: scopes\.s\.spec must be a path$/],
      ["[subjects._.mapping]\nos_cloud = 1\n", /^f\.toml: subjects\._\.mapping\.os_cloud must be a string$/],
      ["[subjects._.mapping]\nos_cloud = '{name}'\n", /only \{subject\} may be filled in/],
      ["secrets = 1\n", /^f\.toml: secrets must be a table$/],
      ["[presets\n", /^f\.toml: invalid TOML: /],
    ];
    for (const [text, expected] of cases) {
      assert.throws(
        () => parseRunConfig(text, "f.toml"),
        (err: Error) => expected.test(err.message) && !err.message.includes("\n"),
        text,
      );
    }
  });
});

describe("planRun", () => {
  const config = parseRunConfig(REFERENCE, at);
  const now = new Date(2026, 0, 5); // a Monday

  it("no scope, subject or preset: the preset default", () => {
    const plan = planRun(config, { now });
    assert.deepEqual(
      plan.jobs.map((j) => [j.scope, j.subject]),
      [["scs-compatible-iaas", "scs2"]],
    );
    assert.equal(plan.workers, 5);
    assert.deepEqual(plan.jobs[0]!.assign, [
      "os_cloud=scs2",
      "subject_root=scs2",
      "kubeconfig=scs2/kubeconfig.yaml",
    ]);
  });

  it("a preset gives scopes, subjects and workers; --workers and --subject override", () => {
    assert.equal(planRun(config, { preset: "iaas", now }).jobs.length, 12);
    assert.equal(planRun(config, { preset: "iaas", now }).workers, 16);
    const plan = planRun(config, { preset: "iaas", subjects: ["a", "b", "a"], workers: 2, now });
    assert.deepEqual(
      plan.jobs.map((j) => j.subject),
      ["a", "b"],
    );
    assert.equal(plan.workers, 2);
  });

  it("scopes outer, subjects inner", () => {
    const plan = planRun(config, {
      scopes: ["scs-compatible-iaas", "scs-compatible-kaas"],
      subjects: ["x", "y"],
      now,
    });
    assert.deepEqual(
      plan.jobs.map((j) => `${j.scope}/${j.subject}`),
      ["scs-compatible-iaas/x", "scs-compatible-iaas/y", "scs-compatible-kaas/x", "scs-compatible-kaas/y"],
    );
  });

  it("sections: .auto is light,medium, and heavy too on Saturdays; empty means all", () => {
    assert.equal(planRun(config, { section: ".auto", now }).sections, "light,medium");
    assert.equal(
      planRun(config, { section: ".auto", now: new Date(2026, 0, 10) }).sections,
      "light,medium,heavy",
    );
    assert.equal(planRun(config, { section: "", now }).sections, undefined);
  });

  it("usage errors: unknown preset, unknown scope, nothing to run", () => {
    assert.throws(
      () => planRun(config, { preset: "nope", now }),
      /^UsageError: preset not found: nope \(\/etc\/scs\/config\.toml has default, iaas/,
    );
    assert.throws(
      () => planRun(config, { scopes: ["other"], subjects: ["x"], now }),
      /^UsageError: scope other is not in \/etc\/scs\/config\.toml \(add \[scopes\.other\] spec = "FILE"\)$/,
    );
    assert.throws(
      () => planRun(config, { subjects: ["x"], now }),
      /^UsageError: both scope\(s\) and subject\(s\) must be non-empty/,
    );
  });
});
