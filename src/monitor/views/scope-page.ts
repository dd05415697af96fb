import type { MonitorScope } from "../evaluation/scope-catalog.ts";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Scope overview Markdown (§9.4): one column per version valid at load time. */
export function scopeMarkdown(scope: MonitorScope): string {
  const versions = scope.valid;
  const out: string[] = [];
  out.push(`| Scope versions -> |${versions.map((v) => ` ${v.version.name} |`).join("")}`);
  out.push(`|---|${versions.map(() => "---|").join("")}`);
  out.push(`| State |${versions.map((v) => ` ${capitalise(v.validity)} |`).join("")}`);
  out.push(`| Stabilized at |${versions.map((v) => ` ${v.version.stabilizedAt ?? ""} |`).join("")}`);
  out.push(`| **Modules** |${versions.map(() => " |").join("")}`);
  const used = new Set(versions.flatMap((v) => v.version.includes.map((i) => i.moduleId)));
  for (const id of [...used].sort()) {
    const m = scope.scope.modules.get(id);
    const name = m?.name ?? id;
    const first = id.startsWith("scs-") ? `[${id}: ${name}](${m?.url ?? ""})` : `[${name}](${m?.url ?? ""})`;
    const cells = versions.map((v) => {
      const inc = v.version.includes.find((i) => i.moduleId === id);
      if (inc === undefined) return " |";
      let text = "X";
      if (inc.parameters.size > 0) {
        // Reference quirk kept: the closing parenthesis follows every parameter.
        text += " (";
        for (const [key, value] of inc.parameters) {
          const v = String(value);
          text += v.startsWith("https://") ? `[${key}](${v})` : `${key}=${v}`;
          text += ")";
        }
      }
      return ` ${text} |`;
    });
    out.push(`| ${first} |${cells.join("")}`);
  }
  return `${out.join("\n")}\n`;
}
