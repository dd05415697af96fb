/**
 * A fake cloud on the fault server that keeps the state of networks, routers, ports, volumes and
 * servers, for tests of the sample VM's error handling: a step that fails half-way, a guest that
 * never finishes, an interrupted run. What it answers follows the APIs' shapes; how a real cloud
 * behaves is tested on the lab.
 */
import { FaultServer, type Reply, type Seen } from "./fault-server.ts";

interface Thing {
  id: string;
  name: string;
  status: string;
  /** Reads left before the status moves on. */
  reads: number;
  created: string;
  network?: string;
  volume?: string;
  device?: string;
  owner?: string;
  console?: number;
}

export interface VmCloudOptions {
  /** Reads of a new volume before it is available, of a new server before it is ACTIVE. */
  readonly settleReads?: number;
  /** The console output at the n-th read (0-based); default: the end marker from the third on. */
  readonly console?: (read: number) => string;
  /** `METHOD path-pattern` → the reply to give instead (e.g. `POST /servers$` → 500). */
  readonly faults?: Readonly<Record<string, Reply>>;
  /** Where a new server ends up: ACTIVE, or ERROR with a fault. */
  readonly bootsInto?: "ACTIVE" | "ERROR";
  /** Whether the cloud has an external network. */
  readonly external?: boolean;
}

export const GUEST_DONE = "_scs-test-entropy-avail: 256\n_scs-test-end\n";

const json = (status: number, body: unknown): Reply => ({ status, json: body });
const notFound = (): Reply => json(404, { itemNotFound: { code: 404, message: "not found" } });

export class VmCloud {
  readonly server = new FaultServer();
  readonly things = new Map<string, Thing>();
  #next = 0;

  constructor(readonly options: VmCloudOptions = {}) {}

  /** What is left, as `kind name` (ports and subnets belong to their networks). */
  remaining(): string[] {
    return [...this.things.values()]
      .filter((t) => !["port", "subnet"].includes(t.owner ?? "") && !t.id.startsWith("ext"))
      .map((t) => `${t.id.split("-")[0]} ${t.name}`)
      .sort();
  }

  /**
   * What a run that died left behind, created at `created`: network with a router interface,
   * a server on it booted from its volume.
   */
  leave(prefix: string, created: string): void {
    const network = this.#add("network", `${prefix}net`, { created });
    this.#add("subnet", `${prefix}subnet`, { network: network.id, owner: "subnet", created });
    const router = this.#add("router", `${prefix}router`, { created });
    this.#add("port", "", {
      device: router.id,
      network: network.id,
      owner: "port",
      status: "network:router_interface",
    });
    const volume = this.#add("volume", `${prefix}volume`, { status: "in-use", created });
    const server = this.#add("server", `${prefix}server`, { volume: volume.id, console: 0, created });
    this.#add("port", "", { device: server.id, network: network.id, owner: "port" });
  }

  async start(): Promise<this> {
    await this.server.start();
    if (this.options.external !== false) this.#add("ext", "public", { owner: "external" });
    const s = this.server;
    const fault = (method: string, path: string): Reply | undefined => {
      for (const [key, reply] of Object.entries(this.options.faults ?? {})) {
        const [m, pattern] = key.split(" ");
        if (m === method && new RegExp(pattern!).test(path)) return reply;
      }
      return undefined;
    };
    const route = (method: string, path: RegExp, handler: (req: Seen, m: RegExpExecArray) => Reply) =>
      s.on(method, path, (req) => fault(method, req.path) ?? handler(req, path.exec(req.path)!));
    const body = (req: Seen) => JSON.parse(req.body || "{}");

    // Neutron
    route("GET", /^\/network\/v2\.0\/networks$/, (req) => {
      const external = req.query.get("router:external") === "true";
      const name = req.query.get("name");
      const nets = [...this.#of("network"), ...this.#of("ext")].filter(
        (t) => (!external || t.id.startsWith("ext")) && (name === null || t.name === name),
      );
      return json(200, { networks: nets.map((t) => this.#view(t)) });
    });
    route("POST", /^\/network\/v2\.0\/networks$/, (req) =>
      json(201, { network: this.#view(this.#add("network", body(req).network.name)) }),
    );
    route("POST", /^\/network\/v2\.0\/subnets$/, (req) => {
      const spec = body(req).subnet;
      return json(201, {
        subnet: this.#view(this.#add("subnet", spec.name, { network: spec.network_id, owner: "subnet" })),
      });
    });
    route("POST", /^\/network\/v2\.0\/routers$/, (req) =>
      json(201, { router: this.#view(this.#add("router", body(req).router.name)) }),
    );
    route("GET", /^\/network\/v2\.0\/routers$/, (req) => {
      const name = req.query.get("name");
      return json(200, {
        routers: this.#of("router")
          .filter((t) => name === null || t.name === name)
          .map((t) => this.#view(t)),
      });
    });
    route("PUT", /^\/network\/v2\.0\/routers\/([^/]+)\/add_router_interface$/, (req, m) => {
      const subnet = this.things.get(body(req).subnet_id);
      if (!this.things.has(m[1]!) || subnet === undefined) return notFound();
      this.#add("port", "", { device: m[1]!, network: subnet.network!, owner: "port" }).status =
        "network:router_interface";
      return json(200, { subnet_id: subnet.id });
    });
    route("PUT", /^\/network\/v2\.0\/routers\/([^/]+)\/remove_router_interface$/, (req) => {
      const port = this.things.get(body(req).port_id);
      if (port === undefined) return notFound();
      this.things.delete(port.id);
      return json(200, {});
    });
    route("GET", /^\/network\/v2\.0\/ports$/, (req) => {
      const device = req.query.get("device_id");
      const ports = this.#of("port").filter((t) => device === null || t.device === device);
      return json(200, {
        ports: ports.map((t) => ({ id: t.id, device_id: t.device, device_owner: t.status })),
      });
    });
    for (const kind of ["network", "router"]) {
      route("GET", new RegExp(`^/network/v2\\.0/${kind}s/([^/]+)$`), (_req, m) => {
        const thing = this.things.get(m[1]!);
        return thing ? json(200, { [kind]: this.#view(thing) }) : notFound();
      });
      route("DELETE", new RegExp(`^/network/v2\\.0/${kind}s/([^/]+)$`), (_req, m) => {
        const thing = this.things.get(m[1]!);
        if (thing === undefined) return notFound();
        const ports = this.#of("port").filter((p) =>
          kind === "router" ? p.device === thing.id : p.network === thing.id,
        );
        if (ports.length > 0)
          return json(409, { NeutronError: { message: `${kind} ${thing.id} is in use` } });
        this.things.delete(thing.id);
        for (const subnet of this.#of("subnet").filter((t) => t.network === thing.id))
          this.things.delete(subnet.id);
        return { status: 204, text: "" };
      });
    }

    // Cinder
    route("POST", /^\/volume\/v3\/pid\/volumes$/, (req) => {
      const volume = this.#add("volume", body(req).volume.name, { status: "creating" });
      return json(202, { volume: this.#view(volume) });
    });
    route("GET", /^\/volume\/v3\/pid\/volumes\/detail$/, () =>
      json(200, { volumes: this.#of("volume").map((t) => this.#view(t)) }),
    );
    route("GET", /^\/volume\/v3\/pid\/volumes\/((?!detail$)[^/]+)$/, (_req, m) => {
      const volume = this.things.get(m[1]!);
      if (volume === undefined) return notFound();
      if (volume.status === "creating" && volume.reads-- <= 0) volume.status = "available";
      return json(200, { volume: this.#view(volume) });
    });
    route("DELETE", /^\/volume\/v3\/pid\/volumes\/((?!detail$)[^/]+)$/, (_req, m) => {
      const volume = this.things.get(m[1]!);
      if (volume === undefined) return notFound();
      if (volume.status !== "available" && volume.status !== "error") {
        return json(400, { badRequest: { message: `Invalid volume: status is ${volume.status}` } });
      }
      this.things.delete(volume.id);
      return { status: 202, text: "" };
    });

    // Nova
    route("POST", /^\/compute\/v2\.1\/servers$/, (req) => {
      const spec = body(req).server;
      const volumeId = spec.block_device_mapping_v2?.[0]?.uuid as string;
      const volume = this.things.get(volumeId);
      if (volume === undefined) return json(400, { badRequest: { message: "no such volume" } });
      volume.status = "in-use";
      const server = this.#add("server", spec.name, { status: "BUILD", volume: volumeId, console: 0 });
      this.#add("port", "", { device: server.id, network: spec.networks[0].uuid, owner: "port" });
      return json(202, { server: { id: server.id } });
    });
    route("GET", /^\/compute\/v2\.1\/servers\/detail$/, (req) => {
      const pattern = new RegExp(req.query.get("name") ?? "");
      return json(200, {
        servers: this.#of("server")
          .filter((t) => pattern.test(t.name))
          .map((t) => this.#view(t)),
      });
    });
    route("GET", /^\/compute\/v2\.1\/servers\/((?!detail$)[^/]+)$/, (_req, m) => {
      const server = this.things.get(m[1]!);
      if (server === undefined) return notFound();
      if (server.status === "DELETING") {
        this.things.delete(server.id);
        this.things.delete(server.volume!);
        for (const port of this.#of("port").filter((p) => p.device === server.id))
          this.things.delete(port.id);
        return notFound();
      }
      if (server.status === "BUILD" && server.reads-- <= 0)
        server.status = this.options.bootsInto ?? "ACTIVE";
      return json(200, { server: this.#view(server) });
    });
    route("DELETE", /^\/compute\/v2\.1\/servers\/((?!detail$)[^/]+)$/, (_req, m) => {
      const server = this.things.get(m[1]!);
      if (server === undefined) return notFound();
      server.status = "DELETING";
      return { status: 204, text: "" };
    });
    route("POST", /^\/compute\/v2\.1\/servers\/([^/]+)\/action$/, (_req, m) => {
      const server = this.things.get(m[1]!);
      if (server === undefined) return notFound();
      const read = server.console!;
      server.console = read + 1;
      const output = this.options.console?.(read) ?? (read >= 2 ? GUEST_DONE : "booting\n");
      return json(200, { output });
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  #of(kind: string): Thing[] {
    return [...this.things.values()].filter((t) => t.id.startsWith(`${kind}-`));
  }

  #add(kind: string, name: string, more: Partial<Thing> = {}): Thing {
    const thing: Thing = {
      id: `${kind}-${++this.#next}`,
      name,
      status: "ACTIVE",
      reads: this.options.settleReads ?? 1,
      created: "2026-01-01T00:00:00Z",
      ...more,
    };
    this.things.set(thing.id, thing);
    return thing;
  }

  #view(t: Thing): Record<string, unknown> {
    return {
      id: t.id,
      name: t.name,
      status: t.status,
      created_at: t.created,
      created: t.created,
      "router:external": t.id.startsWith("ext"),
      subnets: [],
      ...(t.status === "ERROR" ? { fault: { message: "No valid host was found" } } : {}),
    };
  }
}
