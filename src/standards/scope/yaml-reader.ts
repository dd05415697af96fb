/**
 * Reads a YAML AST with locations, collecting issues instead of throwing. Scope and report
 * parsers walk documents through this so that every complaint names the line and the key.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from "yaml";
import type { Issue } from "./issues.ts";

export type Yaml = Node | null | undefined;

export interface Entry {
  readonly key: Scalar;
  readonly value: Yaml;
}

export class YamlReader {
  readonly issues: Issue[] = [];
  readonly root: Yaml;
  private readonly lines = new LineCounter();

  constructor(text: string) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const err of doc.errors) {
      const pos = this.lines.linePos(err.pos[0]);
      this.issues.push({ path: "", line: pos.line, column: pos.col, message: err.message.split("\n")[0]! });
    }
    this.root = doc.errors.length === 0 ? (doc.contents as Yaml) : undefined;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The issues in source order; those without a place last. */
  sorted(): Issue[] {
    const rank = (i: Issue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 10000 + (i.column ?? 0);
    return [...this.issues].sort((a, b) => rank(a) - rank(b));
  }

  report(node: Yaml, path: string, message: string, key?: string): void {
    const offset = node?.range?.[0];
    const pos = offset === undefined ? undefined : this.lines.linePos(offset);
    this.issues.push({
      path,
      message,
      ...(key === undefined ? {} : { key }),
      ...(pos === undefined ? {} : { line: pos.line, column: pos.col }),
    });
  }

  /**
   * A mapping with string keys. Unknown keys are reported together in one issue per mapping (like
   * the reference's `<context> uses unknown keywords: a,b`), missing required keys one by one.
   */
  mapping(
    node: Yaml,
    path: string,
    what: string,
    shape?: { allowed: readonly string[]; required?: readonly string[] },
  ): Map<string, Entry> | undefined {
    if (!isMap(node)) {
      // An absent key (undefined) was already reported as missing where it is required.
      if (node !== undefined) this.report(node, path, `${what} must be a mapping`);
      return undefined;
    }
    const entries = new Map<string, Entry>();
    const unknown: Scalar[] = [];
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) || (typeof key.value !== "string" && typeof key.value !== "number")) {
        this.report(key as Yaml, path, `${what} has a key that is not a string`);
        continue;
      }
      const name = String(key.value);
      if (shape && !shape.allowed.includes(name)) unknown.push(key);
      entries.set(name, { key, value: pair.value as Yaml });
    }
    if (shape && unknown.length > 0) {
      const names = unknown.map((k) => String(k.value));
      this.report(
        unknown[0],
        path,
        `${what} uses unknown keywords: ${names.join(",")} (allowed: ${shape.allowed.join(", ")})`,
        names[0],
      );
    }
    for (const name of shape?.required ?? []) {
      if (!entries.has(name)) this.report(node, path, `${what} lacks the required key ${name}`, name);
    }
    return entries;
  }

  sequence(node: Yaml, path: string, what: string): readonly Yaml[] | undefined {
    if (!isSeq(node)) {
      if (node !== undefined) this.report(node, path, `${what} must be a list`);
      return undefined;
    }
    return node.items as Yaml[];
  }

  /** A scalar read as text; numbers are accepted (`version: 1`), null and collections are not. */
  text(node: Yaml, path: string, what: string): string | undefined {
    if (isScalar(node) && (typeof node.value === "string" || typeof node.value === "number")) {
      return String(node.value);
    }
    if (node !== undefined) this.report(node, path, `${what} must be a string`);
    return undefined;
  }

  /** Like `text`, but an absent entry is fine. */
  optionalText(entries: Map<string, Entry>, key: string, path: string, what: string): string | undefined {
    const entry = entries.get(key);
    return entry === undefined ? undefined : this.text(entry.value, `${path}.${key}`, what);
  }

  required(entries: Map<string, Entry> | undefined, key: string): Yaml {
    return entries?.get(key)?.value;
  }
}
