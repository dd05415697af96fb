import type { ScopeCatalog } from "../evaluation/scope-catalog.ts";
import { markdownCode, markdownFence, markdownHtmlText, markdownText } from "./escape.ts";
import type { Links } from "./links.ts";

const CHANNELS = ["critical", "error", "warning"] as const;
const RESULT_MARK: Record<string, string> = { "1": "✔", "-1": "✘" };
const REDACTED = "(the following has been redacted)";

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Doc) : {});
const lines = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
// Report text is the uploader's: escaped for where it lands in the Markdown (escape.ts).
const text = (v: unknown) => markdownText(String(v ?? ""));

/** Redaction of public reports (§9.5): keep verdict lines of stdout, warnings and errors of stderr. */
export function redact(
  stdout: string[],
  stderr: string[],
): { stdout: string[]; stderr: string[]; redacted: boolean } {
  const keptOut = stdout.filter(
    (l) => ["PASS", "ABORT", "FAIL"].includes(l.slice(l.lastIndexOf(": ") + 2).trim()) && l.includes(": "),
  );
  const keptErr = stderr.filter((l) => l.startsWith("WARNIN") || l.startsWith("ERROR:"));
  const outCut = keptOut.length < stdout.length;
  const errCut = keptErr.length < stderr.length;
  return {
    stdout: outCut ? [REDACTED, ...keptOut] : keptOut,
    stderr: errCut ? [REDACTED, ...keptErr] : keptErr,
    redacted: outCut || errCut,
  };
}

/** The report Markdown (§9.5); `full` = unredacted. */
export function reportMarkdown(data: string, full: boolean, links: Links, scopes: ScopeCatalog): string {
  const doc = obj(JSON.parse(data));
  const run = obj(doc["run"]);
  const spec = obj(doc["spec"]);
  const uuid = String(run["uuid"] ?? "");
  const scopeUuid = String(spec["uuid"] ?? "");
  const scopeName = scopes.get(scopeUuid)?.scope.name ?? String(spec["name"] ?? scopeUuid);
  const assignment = Object.entries(obj(run["assignment"]))
    .map(([k, v]) => `${markdownCode(k)}=${markdownCode(String(v ?? ""))}`)
    .join(", ");
  const out = [
    "## General info",
    "",
    `- uuid: [${text(uuid)}](${links.download(uuid)})`,
    `- subject: ${text(doc["subject"])}`,
    `- scope: [${text(scopeName)}](${links.scope(scopeUuid)})`,
    `- checked at: ${text(doc["checked_at"])}`,
    `- variable assignment: ${assignment}`,
    "",
  ];
  for (const [key, raw] of Object.entries(obj(run["invocations"]))) {
    const inv = obj(raw);
    const rawId = String(inv["id"] ?? key).replace(/\s/g, "");
    const id = markdownText(rawId);
    out.push(`## Invocation ${id} {: #${id} }`, "");
    out.push(
      `- cmd: ${markdownCode(String(inv["cmd"] ?? ""))}`,
      `- rc: ${text(inv["rc"])}`,
      "- channel summary",
    );
    for (const ch of CHANNELS) {
      const n = Number(inv[ch] ?? 0);
      out.push(n > 0 ? `    - **${ch}: ${n}**` : `    - ${ch}: –`);
    }
    out.push("- results");
    for (const [tc, r] of Object.entries(obj(inv["results"]))) {
      const t = markdownText(tc).replace(/\s/g, "");
      out.push(`    - ${t}: ${RESULT_MARK[String(r)] ?? "⚠"}`, `    {: #${t} }`);
    }
    out.push("");
    let stdout = lines(inv["stdout"]);
    let stderr = lines(inv["stderr"]);
    let redacted = false;
    if (!full) ({ stdout, stderr, redacted } = redact(stdout, stderr));
    // Output lines stay raw inside the code block; its fence is longer than any fence among them.
    const fence = markdownFence(stdout);
    out.push(
      "<details><summary>Captured stdout</summary>",
      "",
      `${fence}text`,
      ...stdout,
      fence,
      "",
      "</details>",
    );
    const loud = CHANNELS.some((ch) => Number(inv[ch] ?? 0) > 0);
    out.push(`<details${loud ? " open" : ""}><summary>Captured stderr</summary>`);
    for (const line of stderr) {
      const prefix = line.split(":")[0]!.toLowerCase();
      const shown = markdownHtmlText(line);
      out.push(
        `<pre class="line">${CHANNELS.includes(prefix as never) ? `<strong>${shown}</strong>` : shown}</pre>`,
      );
    }
    out.push("</details>", "");
    if (redacted) out.push(`» [show unredacted (requires login) 🔒](${links.reportFull(uuid, rawId)})`, "");
  }
  return out.join("\n");
}
