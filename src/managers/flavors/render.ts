/** The flavor plan for people (a terraform-like listing) and for programs (JSON, YAML). */
import { stringify } from "yaml";
import { type PlanFormat, safe } from "../output.ts";
import type { DesiredFlavor } from "./desired.ts";
import type { FlavorChange, FlavorPlan } from "./plan.ts";

const SIGN: Readonly<Record<FlavorChange["action"], string>> = {
  create: "+",
  update: "~",
  replace: "±",
  retire: "-",
};

export function countChanges(plan: FlavorPlan): Record<FlavorChange["action"], number> {
  const counts = { create: 0, update: 0, replace: 0, retire: 0 };
  for (const c of plan.changes) counts[c.action]++;
  return counts;
}

export function summary(plan: FlavorPlan): string {
  if (plan.changes.length === 0) return "nothing to change";
  const c = countChanges(plan);
  return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.retire} to retire`;
}

function sizes(f: Pick<DesiredFlavor, "vcpus" | "ram" | "disk">): string {
  return `${f.vcpus} vCPUs, ${f.ram} MiB RAM, ${f.disk === 0 ? "no disk" : `${f.disk} GB disk`}`;
}

function specs(extraSpecs: Readonly<Record<string, string>>): string {
  return Object.entries(extraSpecs)
    .map(([k, v]) => `${safe(k)}=${safe(v)}`)
    .join(" ");
}

function describeChange(c: FlavorChange): string {
  switch (c.action) {
    case "create":
      return `create: ${sizes(c.flavor)}, ${c.flavor.isPublic ? "public" : "private"}${c.flavor.id ? `, id ${safe(c.flavor.id)}` : ""}; ${specs(c.flavor.extraSpecs)}`;
    case "update":
      return `set extra_specs: ${Object.entries(c.extraSpecs)
        .map(([k, v]) => `${safe(k)} ${c.was[k] === null ? "(absent)" : safe(c.was[k] ?? "")} -> ${safe(v)}`)
        .join(", ")}`;
    case "replace":
      return `replace (${c.reasons.join("; ")}): new ${sizes(c.flavor)}; the old one stays private as ${safe(c.retiredName)}${c.inUse ? " (in use, --force)" : ""}`;
    case "retire":
      return `retire (${c.reasons.join("; ")}): kept private as ${safe(c.retiredName)}${c.inUse ? " (in use, --force)" : ""}`;
  }
}

export function renderPlanTable(plan: FlavorPlan, cloud: string): string {
  const lines = [`Flavor plan for cloud ${safe(cloud)}: ${summary(plan)}.`];
  const width = Math.min(32, Math.max(0, ...plan.changes.map((c) => safe(c.name).length)));
  for (const c of plan.changes)
    lines.push(`  ${SIGN[c.action]} ${safe(c.name).padEnd(width)}  ${describeChange(c)}`);
  if (plan.notices.length > 0) {
    lines.push("", "Left as they are:");
    for (const n of plan.notices) {
      lines.push(`  ! ${safe(n.name)}: ${n.problem}${n.fix ? ` (${n.fix} fixes this)` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The plan as data: what `-f json|yaml` print, stable for scripts. */
export function planDocument(plan: FlavorPlan, cloud: string): Record<string, unknown> {
  return {
    cloud,
    summary: countChanges(plan),
    changes: plan.changes.map(changeDocument),
    notices: plan.notices,
  };
}

function flavorDocument(f: DesiredFlavor): Record<string, unknown> {
  return {
    name: f.name,
    ...(f.id === undefined ? {} : { id: f.id }),
    vcpus: f.vcpus,
    ram: f.ram,
    disk: f.disk,
    is_public: f.isPublic,
    ...(f.description === undefined ? {} : { description: f.description }),
    extra_specs: f.extraSpecs,
  };
}

function changeDocument(c: FlavorChange): Record<string, unknown> {
  switch (c.action) {
    case "create":
      return { action: c.action, name: c.name, flavor: flavorDocument(c.flavor) };
    case "update":
      return { action: c.action, name: c.name, id: c.id, extra_specs: c.extraSpecs, was: c.was };
    case "replace":
      return {
        action: c.action,
        name: c.name,
        old: { id: c.old.id, name: c.old.name, vcpus: c.old.vcpus, ram: c.old.ram, disk: c.old.disk },
        flavor: flavorDocument(c.flavor),
        reasons: c.reasons,
        retired_name: c.retiredName,
        in_use: c.inUse ?? false,
      };
    case "retire":
      return {
        action: c.action,
        name: c.name,
        old: { id: c.old.id, name: c.old.name },
        reasons: c.reasons,
        retired_name: c.retiredName,
        in_use: c.inUse ?? false,
      };
  }
}

export function renderPlan(plan: FlavorPlan, cloud: string, format: PlanFormat): string {
  if (format === "table") return renderPlanTable(plan, cloud);
  const doc = planDocument(plan, cloud);
  return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc);
}
