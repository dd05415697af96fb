import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import type { Browser, Response } from "playwright-core";
import { frozenClock } from "../../src/clock.ts";
import { type RunningMonitor, serveMonitor } from "../../src/monitor/serve.ts";
import { localTimestamp } from "../../src/standards/timestamp.ts";
import { CHROMIUM_WHY, chromiumAvailable, launchChromium } from "../support/chromium.ts";
import { requirePart } from "../support/require.ts";
import { basic, DIALECTS, freshStore, postgresAvailable, SshKey, sshKeygenAvailable } from "./harness.ts";

// Every page a visitor can reach, filled with values an uploader chose to attack it, in real
// Chromium: no script may run, with the CSP and without it (the escaping alone must hold).

const IAAS = "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f";
const NOW = new Date(2026, 10, 21, 12, 0, 0);
const DAY_MS = 86_400_000;

const XSS = "<script>alert(1)</script>";
const SUBJECTS = [
  "<x>",
  `"><img src=x onerror=alert(1)>`,
  "[x](javascript:alert(1))",
  "..",
  "%2e",
  "a b\u202Eevil\u200B＜script＞",
  "javascript:alert(1)",
];
// Subjects that exist only in a URL someone was sent.
const URL_SUBJECTS = [
  "<svg onload=alert(1)>",
  "[x](javascript:alert(1))",
  "x\n<script>alert(1)</script>",
  "group-<img src=x onerror=alert(1)>",
  "```\n<script>alert(1)</script>\n```",
];
const GROUP = `<g>"'[g](javascript:alert(1))`;
const HOSTILE_TEXT = [
  XSS,
  "```",
  "</code></pre><script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '" onmouseover="alert(1)',
  "<svg onload=alert(1)>",
  "{: #x onclick=alert(1) }",
  "| a | b |\n|---|---|",
  "\u2028<script>alert(1)</script>",
];

/** A report (as JSON, which YAML reads as well) full of hostile values for `subject`. */
function hostileReport(subject: string, uuid: string, checkedAt: string, results: Record<string, number>) {
  return JSON.stringify({
    spec: { uuid: IAAS, name: XSS, url: "javascript:alert(1)" },
    checked_at: checkedAt,
    reference_date: checkedAt.slice(0, 10),
    subject,
    run: {
      uuid,
      argv: [XSS],
      assignment: { [XSS]: "`x`</code><script>alert(1)</script>", "a`b": "``" },
      sections: null,
      forced_version: null,
      forced_tests: null,
      invocations: {
        [`inv"><script>alert(1)</script>`]: {
          id: `inv"><script>alert(1)</script> {: #y }`,
          cmd: "```\n<script>alert(1)</script>",
          results: { ...results, [`<svg onload=alert(1)>`]: 1, "[t](javascript:alert(1))": -1 },
          rc: `<b onmouseover=alert(1)>0</b>`,
          // Kept by the redaction (they end in ": PASS"/": FAIL"): the fence breakers among them.
          stdout: [...HOSTILE_TEXT, ...HOSTILE_TEXT.map((l) => `${l}: PASS`), "```: FAIL", "````text: FAIL"],
          stderr: HOSTILE_TEXT.flatMap((l) => [`ERROR: ${l}`, `WARNING: ${l}`, l]),
          info: 0,
          warning: 1,
          error: 1,
          critical: 0,
        },
      },
    },
  });
}

const RESULTS = {
  "scs-0100-syntax-check": 1,
  "scs-0100-semantics-check": -1,
  "scs-0102-prop-architecture": 1,
};
const OLD_RESULTS = { "scs-0101-entropy-avail": 1, "scs-0101-fips-test": -1, "scs-0117-test-backup": 0 };

const EXPECTED_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};
const CSP =
  /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/;

interface Findings {
  pages: string[];
  dialogs: string[];
  violations: string[];
  headerProblems: string[];
  domProblems: string[];
}

/**
 * What a page holds that could run or lead to script: elements, handlers, style attributes,
 * links to anything but http(s). Runs in the page (a string: the project has no DOM types).
 */
const INSPECT = `(() => {
  const problems = [];
  for (const tag of ["script", "iframe", "object", "embed", "base", "form", "frame", "meta[http-equiv]"]) {
    const n = document.querySelectorAll(tag).length;
    if (n > 0) problems.push(n + " <" + tag + ">");
  }
  for (const el of document.querySelectorAll("*")) {
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on") || lower === "style") problems.push("<" + el.tagName + " " + name + ">");
      if (["href", "src", "action", "formaction", "xlink:href"].includes(lower)) {
        const protocol = new URL(el.getAttribute(name), document.baseURI).protocol;
        if (protocol !== "http:" && protocol !== "https:")
          problems.push("<" + el.tagName + " " + name + "=" + el.getAttribute(name) + ">");
      }
    }
  }
  return problems;
})()`;
const LINKS = `[...document.querySelectorAll("a[href], img[src]")].map((e) => e.href || e.src)`;

async function crawl(browser: Browser, seeds: string[], bypassCSP: boolean): Promise<Findings> {
  const origin = new URL(seeds[0]!).origin;
  const context = await browser.newContext({ bypassCSP });
  const page = await context.newPage();
  const f: Findings = { pages: [], dialogs: [], violations: [], headerProblems: [], domProblems: [] };
  page.on("dialog", (d) => {
    f.dialogs.push(`${page.url()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) f.violations.push(`${page.url()}: ${m.text()}`);
  });
  const checkHeaders = (url: string, h: Record<string, string>) => {
    for (const [name, value] of Object.entries(EXPECTED_HEADERS))
      if (h[name] !== value) f.headerProblems.push(`${url}: ${name}=${h[name]}`);
    if (!CSP.test(h["content-security-policy"] ?? ""))
      f.headerProblems.push(`${url}: content-security-policy=${h["content-security-policy"]}`);
  };
  page.on("response", (r: Response) => {
    if (new URL(r.url()).origin === origin) checkHeaders(r.url(), r.headers());
  });
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0 && seen.size < 400) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    let res: Response | null;
    try {
      res = await page.goto(url);
    } catch {
      // A 401 asking for Basic credentials (a full report, a download) ends Chromium's navigation.
      const r = await context.request.get(url);
      checkHeaders(url, r.headers());
      f.pages.push(`${r.status()} ${url}`);
      continue;
    }
    f.pages.push(`${res?.status()} ${url}`);
    // Give anything that would run on its own (onload, onerror of a broken image) the chance to.
    await page.waitForLoadState("load");
    // Markdown, JSON and YAML are shown by Chromium's own text viewer (nosniff): no markup of ours.
    if (!/html|svg/.test(res?.headers()["content-type"] ?? "")) continue;
    for (const p of await page.evaluate<string[]>(INSPECT)) f.domProblems.push(`${url}: ${p}`);
    const links = await page.evaluate<string[]>(LINKS);
    for (const link of links) {
      const u = new URL(link);
      u.hash = "";
      if (u.origin === origin && !seen.has(u.href)) queue.push(u.href);
    }
  }
  await context.close();
  return f;
}

for (const dialect of DIALECTS) {
  describe(`hostile values on every page, ${dialect}, in real Chromium`, () => {
    let available = false;
    let why = "";
    let running: RunningMonitor | undefined;
    let browser: Browser | undefined;
    let disposeStore: (() => Promise<void>) | undefined;
    let key: SshKey | undefined;
    let dir = "";

    before(async () => {
      const pg = dialect === "sqlite" || (await postgresAvailable());
      available = chromiumAvailable && sshKeygenAvailable && pg;
      why = `${CHROMIUM_WHY}, ssh-keygen and the ${dialect} database`;
      if (!available) return;
      dir = mkdtempSync(join(tmpdir(), "scs-monitor-hostile-"));
      key = new SshKey();
      const { type, blob } = key.publicKey;
      writeFileSync(
        join(dir, "bootstrap.yaml"),
        JSON.stringify({
          accounts: [
            {
              subject: "hostile-robot",
              roles: ["append_any"],
              api_keys: [bcrypt.hashSync("robot-pw", 4)],
              keys: [{ public_key: blob, public_key_type: type, public_key_name: "k" }],
            },
            // The robot reports for them all (delegation); two share a hostile group name.
            ...SUBJECTS.map((subject, i) => ({
              subject,
              delegates: ["hostile-robot"],
              ...(i < 2 ? { group: GROUP } : {}),
            })),
          ],
        }),
      );
      const entries = [...SUBJECTS, `group-${GROUP}`].map((subject, i) => ({
        name: `Cloud ${i}`,
        link: "https://example.invalid/",
        description: "hostile subject",
        operator: "Example",
        subject,
        healthmon: "n/a",
      }));
      writeFileSync(
        join(dir, "overview.yaml"),
        JSON.stringify({
          sections: [
            {
              key: "certified-iaas",
              scope: "scs-compatible-iaas",
              columns: ["Name", "Description", "Operator", "SCS-compatible IaaS", "HealthMon"],
              entries,
            },
          ],
        }),
      );
      let db = join(dir, "monitor.db");
      if (dialect === "postgres") {
        const fresh = await freshStore("postgres");
        disposeStore = fresh.dispose;
        db = fresh.url!;
      }
      running = await serveMonitor({
        db,
        port: 0,
        host: "127.0.0.1",
        bootstrapPath: join(dir, "bootstrap.yaml"),
        overviewFile: join(dir, "overview.yaml"),
        clock: frozenClock(NOW),
        log: () => {},
      });
      const upload = async (report: string) => {
        const res = await fetch(`${running!.url}reports`, {
          method: "POST",
          body: key!.body(report),
          headers: {
            "content-type": "application/x-signed-json",
            authorization: basic("hostile-robot", "robot-pw"),
          },
        });
        assert.equal(res.status, 200, `${res.status} ${await res.text()}`);
      };
      for (const [i, subject] of SUBJECTS.entries()) {
        // An old report whose results have expired (the missing-testcases page links to it) and a
        // recent one (the detail page links to it); both uuids are attacks of their own.
        const old = localTimestamp(new Date(NOW.getTime() - 600 * DAY_MS));
        const recent = localTimestamp(new Date(NOW.getTime() - DAY_MS));
        await upload(hostileReport(subject, `old-${i}"><img src=x onerror=alert(1)>`, old, OLD_RESULTS));
        await upload(
          hostileReport(subject, `new-${i}')"><script>alert(1)</script>[x](javascript:1)`, recent, RESULTS),
        );
      }
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await running?.close();
      await disposeStore?.();
      key?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const bypassCSP of [false, true]) {
      it(`runs no script and links nowhere but http(s) ${bypassCSP ? "with the CSP disabled" : "under the CSP"}`, async (t) => {
        if (!requirePart(t, available, why)) return;
        // The overview, and links an attacker could send: markup in the URL path as the subject.
        const seeds = [`${running!.url}page/table`];
        for (const [view, n] of [
          ["page", URL_SUBJECTS.length],
          ["fragment", 2],
          ["markdown", 1],
        ] as const)
          for (const subject of URL_SUBJECTS.slice(0, n))
            seeds.push(`${running!.url}${view}/detail/${encodeURIComponent(subject)}/scs-compatible-iaas`);
        for (const subject of URL_SUBJECTS)
          for (const page of ["history", "missing"])
            seeds.push(`${running!.url}page/${page}/${encodeURIComponent(subject)}/scs-compatible-iaas`);
        const f = await crawl(browser!, seeds, bypassCSP);
        t.diagnostic(`${f.pages.length} pages and downloads visited`);
        assert.deepEqual(f.dialogs, [], "no script ran");
        assert.deepEqual(
          f.domProblems,
          [],
          "no script, handler, style attribute or non-http(s) link in any page",
        );
        assert.deepEqual(f.headerProblems, [], "every response carries the security headers");
        if (!bypassCSP) assert.deepEqual(f.violations, [], "nothing on the pages needed the CSP to stop it");
        const reached = (re: RegExp) => f.pages.filter((p) => re.test(p));
        // The crawl saw every kind of page, for the hostile subjects and reports.
        assert.ok(reached(/^200 .*\/page\/detail\//).length >= SUBJECTS.length, f.pages.join("\n"));
        assert.ok(
          reached(/^200 .*\/page\/report\/(old|new)-/).length >= 2 * SUBJECTS.length - 2,
          f.pages.join("\n"),
        );
        assert.ok(reached(/^200 .*\/page\/missing\//).length >= SUBJECTS.length - 2, f.pages.join("\n"));
        assert.ok(reached(/^200 .*\/page\/history\//).length >= SUBJECTS.length - 2, f.pages.join("\n"));
        assert.ok(reached(/^401 .*\/page\/report_full\//).length >= 1, f.pages.join("\n"));
        assert.ok(reached(/\/reports\/(old|new)-/).length >= 1, f.pages.join("\n"));
      });
    }

    it("shows the hostile values as text", async (t) => {
      if (!requirePart(t, available, why)) return;
      const context = await browser!.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const uuid = `new-0')"><script>alert(1)</script>[x](javascript:1)`;
      await page.goto(
        `${running!.url}page/report/${encodeURIComponent(uuid).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
      );
      assert.equal(await page.locator("h1").textContent(), `Report ${uuid} (redacted)`);
      const body = (await page.locator("body").textContent()) ?? "";
      assert.ok(body.includes("subject: <x>"), body);
      assert.ok(
        body.includes("</code></pre><script>alert(1)</script>: PASS"),
        "a fence breaker stays in the block",
      );
      const stdout = (await page.locator("pre > code").first().textContent()) ?? "";
      assert.match(stdout, /^```: FAIL$/m, "the fence breaker is a line of the captured output");
      assert.match(stdout, /^<svg onload=alert\(1\)>: PASS$/m);
      const detail = `${running!.url}page/detail/${encodeURIComponent(SUBJECTS[2]!).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}/scs-compatible-iaas`;
      await page.goto(detail);
      assert.equal(await page.locator("h1").textContent(), `Details for subject ${SUBJECTS[2]}`);
      assert.equal(await page.locator("h2").first().textContent(), `${SUBJECTS[2]}: SCS-compatible IaaS`);
      await context.close();
    });
  });
}
