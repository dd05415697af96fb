import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { frozenClock } from "../../src/clock.ts";
import { type RunningMonitor, serveMonitor } from "../../src/monitor/serve.ts";
import { localMoment, localTimestamp } from "../../src/standards/timestamp.ts";
import { CHROMIUM_WHY, chromiumAvailable, launchPersistentChromium } from "../support/chromium.ts";
import { requirePart } from "../support/require.ts";
import { CLOUD, fixture, fixtureBytes } from "./harness.ts";

const ARTIFACTS = join(import.meta.dirname, "..", "..", "artifacts", "monitor");
const SAMPLE = "fa07165e-1dc6-44f8-8d86-d22376328c51";
/** The sample report is signed, so its date is fixed: the pages are viewed a day after it was made. */
const SAMPLE_CHECKED_AT = localMoment(
  /^checked_at: (.+)$/m.exec(fixtureBytes("report-example.yaml").toString("utf8"))![1]!,
);
const NOW = new Date(SAMPLE_CHECKED_AT.getTime() + 86_400_000);

describe("monitor pages in real Chromium", () => {
  const available = chromiumAvailable;
  let running: RunningMonitor | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let dir = "";

  before(async () => {
    if (!available) return;
    dir = mkdtempSync(join(tmpdir(), "scs-monitor-browser-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    running = await serveMonitor({
      db: join(dir, "monitor.db"),
      port: 0,
      host: "127.0.0.1",
      bootstrapPath: fixture("bootstrap-example.yaml"),
      overviewFile: fixture("overview-test.yaml"),
      clock: frozenClock(NOW),
      log: () => {},
    });
    const res = await fetch(`${running.url}reports`, {
      method: "POST",
      body: fixtureBytes("report-example.body"),
      headers: { "content-type": "application/x-signed-yaml", authorization: CLOUD },
    });
    assert.equal(res.status, 200);
    context = await launchPersistentChromium(join(dir, "profile"));
    // Playwright's 30 s default is a speed budget a busy machine can miss; this limit only ends a hang.
    context.setDefaultTimeout(180_000);
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await running?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page!.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it("renders the overview with status links and a legend", async (t) => {
    if (!requirePart(t, available, CHROMIUM_WHY)) return;
    const res = await page!.goto(running!.url);
    assert.equal(res?.status(), 200);
    assert.equal(new URL(page!.url()).pathname, "/page/table", "/ redirects to the overview");
    assert.equal(await page!.title(), "SCS compliance overview");
    assert.equal(await page!.locator("h1").textContent(), "SCS compliance overview");
    assert.match((await page!.locator(".legend").textContent()) ?? "", /Legend/);
    assert.equal(await page!.locator("table").first().locator("tbody tr").count(), 2);
    await shot("overview");
  });

  it("follows the status link to the detail page with its testcase × version matrix", async (t) => {
    if (!requirePart(t, available, "Chromium")) return;
    await page!.goto(`${running!.url}page/table`);
    await page!.getByRole("link", { name: "🛑 –" }).first().click();
    await page!.waitForURL(/\/page\/detail\/example-cloud\/scs-compatible-iaas$/);
    assert.equal(await page!.locator("h1").textContent(), "Details for subject example-cloud");
    const firstRow = page!.locator("table tbody tr").first();
    assert.match((await firstRow.textContent()) ?? "", /scs-0102-prop-architecture.*FAIL/s);
    assert.equal(await firstRow.locator('td[title="main"]').count(), 1);
    await shot("detail");
  });

  it("opens the history timeline from the detail page", async (t) => {
    if (!requirePart(t, available, "Chromium")) return;
    await page!.goto(`${running!.url}page/detail/example-cloud/scs-compatible-iaas`);
    await page!.getByRole("link", { name: "History of example-cloud" }).click();
    await page!.waitForURL(/\/page\/history\/example-cloud\/scs-compatible-iaas$/);
    assert.equal(await page!.locator("svg.timeline").count(), 2);
    const box = await page!.locator("svg.timeline").first().boundingBox();
    assert.ok(box !== null && box.width > 100, "the timeline is visible");
    await shot("history");
  });

  it("opens the report from a result date and jumps to the testcase", async (t) => {
    if (!requirePart(t, available, "Chromium")) return;
    await page!.goto(`${running!.url}page/detail/example-cloud/scs-compatible-iaas`);
    await page!
      .locator("table tbody tr")
      .first()
      .getByRole("link", { name: localTimestamp(SAMPLE_CHECKED_AT).slice(0, 10) })
      .click();
    await page!.waitForURL(new RegExp(`/page/report/${SAMPLE}#scs-0102-prop-architecture$`));
    assert.equal(await page!.locator("h1").textContent(), `Report ${SAMPLE} (redacted)`);
    assert.equal(
      await page!.locator("#scs-0102-prop-architecture").textContent(),
      "scs-0102-prop-architecture: ✘",
    );
    assert.match((await page!.locator("body").textContent()) ?? "", /the following has been redacted/);
    await shot("report");
  });

  it("shows the missing testcases and a badge", async (t) => {
    if (!requirePart(t, available, "Chromium")) return;
    await page!.goto(`${running!.url}page/detail/group-example-group/scs-compatible-iaas`);
    await page!.getByRole("link", { name: "Missing testcases of example-cloud-2" }).click();
    await page!.waitForURL(/\/page\/missing\/example-cloud-2\//);
    assert.ok((await page!.locator("table tbody tr").count()) > 10);
    await page!.goto(`${running!.url}page/detail/example-cloud/scs-compatible-iaas`);
    const badgeLoaded = await page!
      .locator('img[alt="badge of example-cloud"]')
      .evaluate(
        (img) =>
          (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (img as unknown as { naturalWidth: number }).naturalWidth > 0,
      );
    assert.ok(badgeLoaded, "the SVG badge loads");
    await page!.goto(`${running!.url}page/scope/scs-compatible-iaas`);
    assert.equal(await page!.locator("h1").textContent(), "SCS-compatible IaaS");
    await shot("scope");
  });
});
