// Lighthouse (mobile preset, simulated throttling) over pages of a locally served site.
//
//   node lighthouse.mjs <base-url> <report.json> <path> [<path> ...]
//
// Each page is audited LH_RUNS times (default 5) and the run with the median
// performance score is reported, as Lighthouse advises for its variance.
// Writes, per path: the four category scores, bytes transferred on first load,
// and the failing audits of each category, so a failed gate says which page and rule.
// Also a snapshot of the home page with the search open and results showing
// (key "search-open"): accessibility and best practices, which snapshots measure.
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { startFlow } from "lighthouse";
import puppeteer from "puppeteer-core";

const [base, reportPath, ...paths] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const RUNS = Number(process.env.LH_RUNS || 5);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-quic",
  ],
});

function failingAudits(lhr, categories) {
  const failing = {};
  for (const id of categories) {
    failing[id] = lhr.categories[id].auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative"
               && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable")
      .map((audit) => `${audit.id} (${audit.score}): ${audit.title}`);
  }
  return failing;
}

async function searchOpenSnapshot() {
  const categories = ["accessibility", "best-practices"];
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  try {
    const flow = await startFlow(page, { config: { extends: "lighthouse:default",
                                                   settings: { onlyCategories: categories } } });
    // Snapshots measure the page as it is: put it in the same phone viewport
    // that Lighthouse's mobile preset emulates for the navigations above.
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    await page.goto(base, { waitUntil: "networkidle0" });
    await page.click("label.md-header__button[for=__search]");
    await page.type("input.md-search__input", "monitoring", { delay: 40 });
    await page.waitForSelector("li.md-search-result__item");
    await flow.snapshot({ name: "search open with results" });
    const lhr = (await flow.createFlowResult()).steps[0].lhr;
    return {
      scores: Object.fromEntries(categories.map((id) => [id, lhr.categories[id].score])),
      failing: failingAudits(lhr, categories),
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
    };
  } finally {
    await page.close();
    browser.disconnect();
  }
}

const report = {};
try {
  for (const path of paths) {
    const url = base + path;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error",
                                              onlyCategories: CATEGORIES });
      runs.push(lhr);
    }
    runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const lhr = runs[Math.floor(runs.length / 2)];
    const failing = failingAudits(lhr, CATEGORIES);
    report[path] = {
      scores: Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id].score])),
      bytes: lhr.audits["total-byte-weight"].numericValue,
      metrics: {
        fcp_ms: lhr.audits["first-contentful-paint"].numericValue,
        lcp_ms: lhr.audits["largest-contentful-paint"].numericValue,
        tbt_ms: lhr.audits["total-blocking-time"].numericValue,
        cls: lhr.audits["cumulative-layout-shift"].numericValue,
      },
      failing,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
      performanceRuns: runs.map((run) => run.categories.performance.score),
    };
  }
  report["search-open"] = await searchOpenSnapshot();
} finally {
  await chrome.kill();
}
writeFileSync(reportPath, JSON.stringify(report, null, 2));
