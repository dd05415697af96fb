/**
 * Called by up.sh once Keystone answers: makes the lab's identity objects exist, idempotently.
 * - project `service` and one user per service (roles admin and service there);
 * - project `lab-project` with user `lab-member` (roles member and reader, never admin or manager:
 *   the SCS checks refuse to run with those);
 * - the catalog: one service and public/internal/admin endpoints per API.
 * Passwords come from LAB_ADMIN_PASSWORD, LAB_MEMBER_PASSWORD and LAB_SERVICE_PASSWORD. Existing
 * users get their password re-applied only with LAB_APPLY_PASSWORDS=1 (up.sh sets it when the
 * passwords changed): each change costs Keystone a password hash, half a second.
 */
import { oneLine } from "../../../src/errors.ts";
import { Session } from "./rest.ts";

const HOST = "127.0.0.1";
const REGION = "RegionOne";
const env = process.env;
const adminPassword = env["LAB_ADMIN_PASSWORD"] || "lab-admin-secret";
const memberPassword = env["LAB_MEMBER_PASSWORD"] || "lab-member-secret";
const servicePassword = env["LAB_SERVICE_PASSWORD"] || "lab-service-secret";
const applyPasswords = env["LAB_APPLY_PASSWORDS"] === "1";

const SERVICE_USERS = ["glance", "nova", "placement", "cinder", "neutron"];
const CATALOG: { name: string; type: string; url: string; description: string }[] = [
  { name: "glance", type: "image", url: `http://${HOST}:9292`, description: "Image" },
  { name: "nova", type: "compute", url: `http://${HOST}:8774/v2.1`, description: "Compute" },
  { name: "placement", type: "placement", url: `http://${HOST}:8778`, description: "Placement" },
  // cinder answers under two service types; the SCS checks accept either
  {
    name: "cinderv3",
    type: "volumev3",
    url: `http://${HOST}:8776/v3/%(project_id)s`,
    description: "Block Storage",
  },
  {
    name: "cinder",
    type: "block-storage",
    url: `http://${HOST}:8776/v3/%(project_id)s`,
    description: "Block Storage",
  },
  { name: "neutron", type: "network", url: `http://${HOST}:9696`, description: "Networking" },
];

interface Named {
  id: string;
  name: string;
}

async function main(): Promise<void> {
  const s = await Session.login({
    name: "lab-admin",
    authUrl: `http://${HOST}:5000/v3`,
    username: "admin",
    password: adminPassword,
    projectName: "admin",
    userDomainName: "Default",
    projectDomainName: "Default",
    regionName: REGION,
    interface: "public",
  });
  const ks = `http://${HOST}:5000/v3`;
  const list = async <T>(collection: string): Promise<T[]> =>
    (await s.request<Record<string, T[]>>("GET", `${ks}/${collection}`))[collection] ?? [];
  const create = async <T>(collection: string, key: string, body: object): Promise<T> =>
    (await s.request<Record<string, T>>("POST", `${ks}/${collection}`, { json: { [key]: body } }))[key] as T;

  // Read everything once (a lab's identity is small); write only what is missing. Keystone is
  // CPU-bound on this machine, so every request saved counts on each `up`.
  const [roleList, projectList, userList, services, endpoints, assignments] = await Promise.all([
    list<Named>("roles"),
    list<Named & { domain_id: string }>("projects"),
    list<Named & { domain_id: string }>("users"),
    list<Named & { type: string }>("services"),
    list<{ id: string; service_id: string; interface: string; url: string }>("endpoints"),
    list<{ role: { id: string }; user?: { id: string }; scope?: { project?: { id: string } } }>(
      "role_assignments",
    ),
  ]);

  const roles = new Map(roleList.map((r) => [r.name, r]));
  for (const name of ["admin", "member", "reader", "service"]) {
    if (!roles.has(name)) roles.set(name, await create<Named>("roles", "role", { name }));
  }
  const roleId = (name: string) => (roles.get(name) as Named).id;

  const project = async (name: string, description: string): Promise<Named> =>
    projectList.find((p) => p.name === name && p.domain_id === "default") ??
    create<Named>("projects", "project", { name, description, domain_id: "default", enabled: true });
  const user = async (name: string, password: string, home: Named): Promise<Named> => {
    const found = userList.find((u) => u.name === name && u.domain_id === "default");
    if (!found) {
      return create<Named>("users", "user", {
        name,
        password,
        domain_id: "default",
        default_project_id: home.id,
      });
    }
    if (applyPasswords) {
      await s.request("PATCH", `${ks}/users/${found.id}`, { json: { user: { password, enabled: true } } });
    }
    return found;
  };
  const has = (u: Named, p: Named, role: string) =>
    assignments.some(
      (a) => a.user?.id === u.id && a.scope?.project?.id === p.id && a.role.id === roleId(role),
    );
  const grant = async (u: Named, p: Named, role: string) => {
    if (!has(u, p, role))
      await s.request("PUT", `${ks}/projects/${p.id}/users/${u.id}/roles/${roleId(role)}`);
  };

  const [service, labProject] = await Promise.all([
    project("service", "OpenStack service users of the lab"),
    project("lab-project", "The lab's non-admin project (cloud lab-member)"),
  ]);
  await Promise.all(
    SERVICE_USERS.map(async (name) => {
      const u = await user(name, servicePassword, service);
      await Promise.all([grant(u, service, "admin"), grant(u, service, "service")]);
    }),
  );
  const member = await user("lab-member", memberPassword, labProject);
  await Promise.all([grant(member, labProject, "member"), grant(member, labProject, "reader")]);
  // The SCS checks abort for a user with admin or manager; take such grants away again.
  for (const forbidden of ["admin", "manager"]) {
    if (roles.has(forbidden) && has(member, labProject, forbidden)) {
      await s.request(
        "DELETE",
        `${ks}/projects/${labProject.id}/users/${member.id}/roles/${roleId(forbidden)}`,
      );
    }
  }

  await Promise.all(
    CATALOG.map(async (entry) => {
      const found = services.find((x) => x.type === entry.type && x.name === entry.name);
      const serviceId =
        found?.id ??
        (
          await create<Named>("services", "service", {
            name: entry.name,
            type: entry.type,
            description: entry.description,
            enabled: true,
          })
        ).id;
      for (const iface of ["public", "internal", "admin"]) {
        const ep = endpoints.find((e) => e.service_id === serviceId && e.interface === iface);
        if (!ep) {
          const endpoint = { service_id: serviceId, interface: iface, url: entry.url, region_id: REGION };
          await s.request("POST", `${ks}/endpoints`, { json: { endpoint } });
        } else if (ep.url !== entry.url) {
          await s.request("PATCH", `${ks}/endpoints/${ep.id}`, { json: { endpoint: { url: entry.url } } });
        }
      }
    }),
  );
  console.log(`keystone: service users, lab-member and ${CATALOG.length} catalog entries ensured`);
}

main().catch((err: unknown) => {
  console.error(`keystone setup failed: ${oneLine(err)}`);
  process.exitCode = 1;
});
