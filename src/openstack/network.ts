/**
 * Neutron: security groups and rules, the default-security-group-rules API (scs-0115), and the
 * networks, subnets and routers the scs-0101 VM testcases build. Neutron lists everything in one
 * answer unless a limit is given, so lists here ask without one.
 */
import { isApiStatus } from "./errors.ts";
import { bool, type Json, numOrNull, obj, str, strings, strOrNull } from "./fields.ts";
import type { Session } from "./session.ts";
import { checkItems, checkShape, DEFAULT_SECURITY_GROUP_RULE, NETWORK, SECURITY_GROUP } from "./shapes.ts";

export type Direction = "ingress" | "egress";

export interface SecurityGroupRule {
  readonly id: string;
  readonly securityGroupId: string;
  readonly direction: Direction;
  /** `IPv4` or `IPv6`. */
  readonly ethertype: string;
  readonly protocol: string | null;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  readonly remoteIpPrefix: string | null;
  readonly remoteGroupId: string | null;
  readonly description: string | null;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly projectId: string;
  readonly stateful: boolean;
  readonly rules: readonly SecurityGroupRule[];
}

function direction(o: Json): Direction {
  return str(o, "direction") === "ingress" ? "ingress" : "egress";
}

export function parseSecurityGroupRule(raw: unknown): SecurityGroupRule {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    securityGroupId: str(o, "security_group_id"),
    direction: direction(o),
    ethertype: str(o, "ethertype"),
    protocol: strOrNull(o, "protocol"),
    portRangeMin: numOrNull(o, "port_range_min"),
    portRangeMax: numOrNull(o, "port_range_max"),
    remoteIpPrefix: strOrNull(o, "remote_ip_prefix"),
    remoteGroupId: strOrNull(o, "remote_group_id"),
    description: strOrNull(o, "description"),
  };
}

export function parseSecurityGroup(raw: unknown): SecurityGroup {
  const o = obj(raw);
  const rules = Array.isArray(o["security_group_rules"]) ? o["security_group_rules"] : [];
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    description: str(o, "description"),
    projectId: str(o, "project_id") || str(o, "tenant_id"),
    stateful: bool(o, "stateful", true),
    rules: rules.map(parseSecurityGroupRule),
  };
}

/** The project's security groups with their rules (Neutron creates `default` on first listing). */
export async function listSecurityGroups(session: Session): Promise<SecurityGroup[]> {
  const raw = await session.list("network", "security-groups", "security_groups", { limit: null });
  checkItems(SECURITY_GROUP, raw, {
    service: "network",
    what: "a security group list",
    key: "security_groups",
  });
  return raw.map(parseSecurityGroup);
}

export async function getSecurityGroup(session: Session, id: string): Promise<SecurityGroup> {
  const res = await session.request<Json>("network", "GET", `security-groups/${encodeURIComponent(id)}`);
  checkShape(SECURITY_GROUP, res.body["security_group"], {
    service: "network",
    what: "a security group",
    root: "security_group",
  });
  return parseSecurityGroup(res.body["security_group"]);
}

export async function createSecurityGroup(
  session: Session,
  spec: { readonly name: string; readonly description?: string },
): Promise<SecurityGroup> {
  const res = await session.request<Json>("network", "POST", "security-groups", {
    body: { security_group: { name: spec.name, description: spec.description ?? "" } },
  });
  return parseSecurityGroup(res.body["security_group"]);
}

export async function deleteSecurityGroup(session: Session, id: string): Promise<void> {
  await session.request("network", "DELETE", `security-groups/${encodeURIComponent(id)}`);
}

/** A rule template applied to new security groups (Neutron 2023.2+). */
export interface DefaultSecurityGroupRule {
  readonly id: string;
  readonly direction: Direction;
  readonly ethertype: string;
  readonly protocol: string | null;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  readonly remoteIpPrefix: string | null;
  /** `PARENT` means "the group the rule is created in". */
  readonly remoteGroupId: string | null;
  readonly remoteAddressGroupId: string | null;
  readonly usedInDefaultSg: boolean;
  readonly usedInNonDefaultSg: boolean;
  readonly description: string | null;
}

export function parseDefaultSecurityGroupRule(raw: unknown): DefaultSecurityGroupRule {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    direction: direction(o),
    ethertype: str(o, "ethertype"),
    protocol: strOrNull(o, "protocol"),
    portRangeMin: numOrNull(o, "port_range_min"),
    portRangeMax: numOrNull(o, "port_range_max"),
    remoteIpPrefix: strOrNull(o, "remote_ip_prefix"),
    remoteGroupId: strOrNull(o, "remote_group_id"),
    remoteAddressGroupId: strOrNull(o, "remote_address_group_id"),
    usedInDefaultSg: bool(o, "used_in_default_sg"),
    usedInNonDefaultSg: bool(o, "used_in_non_default_sg"),
    description: strOrNull(o, "description"),
  };
}

/**
 * The default security group rules, or null when the cloud's Neutron has no such API (before
 * 2023.2 it answers 404 for `/v2.0/default-security-group-rules`).
 */
export async function listDefaultSecurityGroupRules(
  session: Session,
): Promise<DefaultSecurityGroupRule[] | null> {
  try {
    const raw = await session.list(
      "network",
      "default-security-group-rules",
      "default_security_group_rules",
      {
        limit: null,
      },
    );
    checkItems(DEFAULT_SECURITY_GROUP_RULE, raw, {
      service: "network",
      what: "a default security group rule list",
      key: "default_security_group_rules",
    });
    return raw.map(parseDefaultSecurityGroupRule);
  } catch (err) {
    if (isApiStatus(err, 404)) return null;
    throw err;
  }
}

export interface Network {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly projectId: string;
  readonly external: boolean;
  readonly shared: boolean;
  readonly subnetIds: readonly string[];
}

export function parseNetwork(raw: unknown): Network {
  const o = obj(raw);
  return {
    id: str(o, "id"),
    name: str(o, "name"),
    status: str(o, "status"),
    projectId: str(o, "project_id") || str(o, "tenant_id"),
    external: bool(o, "router:external"),
    shared: bool(o, "shared"),
    subnetIds: strings(o["subnets"]),
  };
}

/** Networks the caller sees; `external: true` lists only those with `router:external`. */
export async function listNetworks(
  session: Session,
  filter: { external?: boolean } = {},
): Promise<Network[]> {
  const raw = await session.list("network", "networks", "networks", {
    limit: null,
    ...(filter.external !== undefined ? { query: { "router:external": filter.external } } : {}),
  });
  checkItems(NETWORK, raw, { service: "network", what: "a network list", key: "networks" });
  return raw.map(parseNetwork);
}

export async function createNetwork(session: Session, spec: { readonly name: string }): Promise<Network> {
  const res = await session.request<Json>("network", "POST", "networks", {
    body: { network: { name: spec.name } },
  });
  return parseNetwork(res.body["network"]);
}

export async function deleteNetwork(session: Session, id: string): Promise<void> {
  await session.request("network", "DELETE", `networks/${encodeURIComponent(id)}`);
}

export interface SubnetSpec {
  readonly name: string;
  readonly networkId: string;
  readonly cidr: string;
  readonly ipVersion?: 4 | 6;
  readonly gatewayIp?: string;
  readonly enableDhcp?: boolean;
  readonly allocationPools?: readonly { readonly start: string; readonly end: string }[];
  readonly dnsNameservers?: readonly string[];
}

export async function createSubnet(session: Session, spec: SubnetSpec): Promise<{ readonly id: string }> {
  const subnet: Json = {
    name: spec.name,
    network_id: spec.networkId,
    cidr: spec.cidr,
    ip_version: spec.ipVersion ?? 4,
  };
  if (spec.gatewayIp) subnet["gateway_ip"] = spec.gatewayIp;
  if (spec.enableDhcp !== undefined) subnet["enable_dhcp"] = spec.enableDhcp;
  if (spec.allocationPools) subnet["allocation_pools"] = spec.allocationPools;
  if (spec.dnsNameservers) subnet["dns_nameservers"] = spec.dnsNameservers;
  const res = await session.request<Json>("network", "POST", "subnets", { body: { subnet } });
  return { id: str(obj(res.body["subnet"]), "id") };
}

export async function deleteSubnet(session: Session, id: string): Promise<void> {
  await session.request("network", "DELETE", `subnets/${encodeURIComponent(id)}`);
}

export async function createRouter(
  session: Session,
  spec: { readonly name: string; readonly externalNetworkId?: string },
): Promise<{ readonly id: string }> {
  const router: Json = { name: spec.name };
  if (spec.externalNetworkId) router["external_gateway_info"] = { network_id: spec.externalNetworkId };
  const res = await session.request<Json>("network", "POST", "routers", { body: { router } });
  return { id: str(obj(res.body["router"]), "id") };
}

export async function deleteRouter(session: Session, id: string): Promise<void> {
  await session.request("network", "DELETE", `routers/${encodeURIComponent(id)}`);
}

export async function addRouterInterface(
  session: Session,
  routerId: string,
  subnetId: string,
): Promise<void> {
  await session.request("network", "PUT", `routers/${encodeURIComponent(routerId)}/add_router_interface`, {
    body: { subnet_id: subnetId },
    idempotent: false,
  });
}

export async function removeRouterInterface(
  session: Session,
  routerId: string,
  subnetId: string,
): Promise<void> {
  await session.request("network", "PUT", `routers/${encodeURIComponent(routerId)}/remove_router_interface`, {
    body: { subnet_id: subnetId },
    idempotent: false,
  });
}

/** Detaches one of the router's interface ports (what a cleanup finds, it knows by port). */
export async function removeRouterPort(session: Session, routerId: string, portId: string): Promise<void> {
  await session.request("network", "PUT", `routers/${encodeURIComponent(routerId)}/remove_router_interface`, {
    body: { port_id: portId },
    idempotent: false,
  });
}

/** The ids of the router's interface ports on tenant subnets (not its gateway port). */
export async function listRouterInterfacePorts(session: Session, routerId: string): Promise<string[]> {
  const raw = await session.list("network", "ports", "ports", {
    limit: null,
    query: { device_id: routerId },
  });
  return raw
    .map(obj)
    .filter((port) => str(port, "device_owner").startsWith("network:router_interface"))
    .map((port) => str(port, "id"));
}
