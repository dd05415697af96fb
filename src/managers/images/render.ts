/** The image plan for people and for programs (JSON, YAML). */
import { stringify } from "yaml";
import { type PlanFormat, safe } from "../output.ts";
import type { ImageChange, ImagePlan } from "./plan.ts";

const SIGN: Readonly<Record<ImageChange["action"], string>> = {
  register: "+",
  update: "~",
  retire: "±",
  delete: "-",
};

export function countImageChanges(plan: ImagePlan): Record<ImageChange["action"], number> {
  const counts = { register: 0, update: 0, retire: 0, delete: 0 };
  for (const c of plan.changes) counts[c.action]++;
  return counts;
}

export function imageSummary(plan: ImagePlan): string {
  if (plan.changes.length === 0) return "nothing to change";
  const c = countImageChanges(plan);
  return `${c.register} to register, ${c.update} to update, ${c.retire} to rename and hide, ${c.delete} to delete`;
}

const value = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? "(absent)" : safe(String(v));

function describe(c: ImageChange): string {
  switch (c.action) {
    case "register":
      return `register from ${safe(c.image.url ?? c.image.file ?? "")}${c.image.checksum ? ` (${c.image.checksum.algorithm} checked)` : ""}, ${c.image.visibility}, ${c.image.diskFormat}`;
    case "update":
      return `set ${Object.entries(c.set)
        .map(([k, v]) => `${safe(k)} ${value(c.was[k])} -> ${value(v)}`)
        .join(", ")}`;
    case "retire":
      return `old build ${safe(c.id)}: rename to ${safe(c.newName)} and hide`;
    case "delete":
      return `delete ${safe(c.id)}: ${c.reason}`;
  }
}

export function renderImagePlan(plan: ImagePlan, cloud: string, format: PlanFormat): string {
  if (format !== "table") {
    const doc = {
      cloud,
      summary: countImageChanges(plan),
      changes: plan.changes.map((c) =>
        c.action === "register"
          ? {
              action: c.action,
              name: c.name,
              source: c.image.url ?? c.image.file,
              properties: c.image.properties,
            }
          : c.action === "retire"
            ? { action: c.action, name: c.name, id: c.id, new_name: c.newName }
            : c,
      ),
      notices: plan.notices,
    };
    return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc);
  }
  const lines = [`Image plan for cloud ${safe(cloud)}: ${imageSummary(plan)}.`];
  const width = Math.min(32, Math.max(0, ...plan.changes.map((c) => safe(c.name).length)));
  for (const c of plan.changes)
    lines.push(`  ${SIGN[c.action]} ${safe(c.name).padEnd(width)}  ${describe(c)}`);
  if (plan.notices.length > 0) {
    lines.push("", "Left as they are:");
    for (const n of plan.notices)
      lines.push(`  ! ${safe(n.name)}: ${n.problem}${n.fix ? ` (${n.fix} fixes this)` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
