#!/usr/bin/env node
// Runs every *.test.ts under the given folders or files (default: src, test) with Node's own test runner
// through tsx. Node 20's --test does not expand globs nor pick up .ts files by itself.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const extra = process.argv.slice(2).filter((a) => a.startsWith("-"));
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".test.ts")) files.push(path);
  }
}
for (const root of roots.length ? roots : ["src", "test"]) {
  if (root.endsWith(".test.ts")) files.push(root);
  else walk(root);
}
if (files.length === 0) {
  console.error("run-tests: no *.test.ts files found");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", ...extra, ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
