import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { s3ErrorText, signListBuckets } from "./object-store.ts";

describe("signListBuckets", () => {
  it("matches the AWS SigV4 signature botocore computes for the same request", () => {
    // Reference value: botocore S3SigV4Auth, key "doesnotexist", empty secret, host
    // s3.example.org, 2026-01-02T03:04:05Z.
    assert.deepEqual(signListBuckets("s3.example.org", new Date("2026-01-02T03:04:05Z")), {
      "x-amz-date": "20260102T030405Z",
      "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      authorization:
        "AWS4-HMAC-SHA256 Credential=doesnotexist/20260102/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=3dbec6e3dbe2d03a73a338ef1ab474130b3a86b06ab47bfd4a14bf6746b9edca",
    });
  });
});

describe("s3ErrorText", () => {
  it("reads S3 XML errors and falls back to the status and text", () => {
    assert.equal(
      s3ErrorText(
        403,
        "<Error><Code>InvalidAccessKeyId</Code><Message>The key does not exist</Message></Error>",
      ),
      "InvalidAccessKeyId: The key does not exist",
    );
    assert.equal(s3ErrorText(404, "<html><body><h1>Not Found</h1></body></html>"), "HTTP 404: Not Found");
    assert.equal(s3ErrorText(500, ""), "HTTP 500");
  });
});
