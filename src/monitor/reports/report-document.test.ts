import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BadReportError, checkedAtOf, parseReportDocuments, toNewReport } from "./report-document.ts";
import { splitSignedBody } from "./signed-body.ts";

describe("uploaded report documents", () => {
  it("splits the body at the first end-of-signature line followed by &", () => {
    const body = Buffer.from("-----BEGIN SSH SIGNATURE-----\nAAA\n-----END SSH SIGNATURE-----\n&a&b");
    const split = splitSignedBody(body)!;
    assert.equal(split.signature, "-----BEGIN SSH SIGNATURE-----\nAAA\n-----END SSH SIGNATURE-----\n");
    assert.equal(split.data.toString(), "a&b");
    assert.equal(splitSignedBody(Buffer.from("no signature")), undefined);
  });

  it("stores checked_at with six fractional digits and T, and only a real timestamp", () => {
    assert.equal(checkedAtOf("2026-11-21 05:27:07.7837"), "2026-11-21T05:27:07.783700");
    assert.equal(checkedAtOf(new Date(Date.UTC(2026, 10, 21, 5, 27, 7))), "2026-11-21T05:27:07.000000");
    assert.equal(checkedAtOf("2026-13-45 25:61:61"), undefined);
    assert.equal(checkedAtOf(20261121), undefined);
  });

  it("reads the legacy per-version format, one row per version and testcase", () => {
    const { docs, texts } = parseReportDocuments(
      Buffer.from(
        "subject: c\nchecked_at: 2024-01-02 03:04:05\nspec: {uuid: s}\nrun: {uuid: r}\nversions:\n  v3:\n    t1: {result: 1, invocation: i}\n  v4:\n    t1: {result: -1, invocation: i}\n",
      ),
      "yaml",
    );
    const report = toNewReport(docs[0], texts[0]!, 0);
    assert.deepEqual(report.results, [
      { scopeuuid: "s", version: "v3", testcase: "t1", result: 1 },
      { scopeuuid: "s", version: "v4", testcase: "t1", result: -1 },
    ]);
    assert.equal(report.checkedAt, "2024-01-02T03:04:05.000000");
  });

  it("lets the last of duplicate keys win, like the reference's safe loader", () => {
    const { docs } = parseReportDocuments(Buffer.from("subject: a\nsubject: b\n"), "yaml");
    assert.deepEqual(docs, [{ subject: "b" }]);
  });

  it("names the document and the problem", () => {
    const two = parseReportDocuments(
      Buffer.from("---\nsubject: a\n---\nsubject: b\nrun: {uuid: x}\n"),
      "yaml",
    );
    assert.equal(two.docs.length, 2);
    assert.throws(
      () => toNewReport(two.docs[1], two.texts[1]!, 1),
      /report document 2 has no valid checked_at/,
    );
    assert.throws(() => parseReportDocuments(Buffer.from([0xff, 0xfe]), "yaml"), BadReportError);
    const bad = {
      subject: "a",
      checked_at: "2024-01-01 00:00:00",
      spec: { uuid: "s" },
      run: { uuid: "u", invocations: { i: { results: { t: 2 } } } },
    };
    assert.throws(() => toNewReport(bad, "{}", 0), /report document 1: t: result must be 1, 0 or -1/);
  });
});
