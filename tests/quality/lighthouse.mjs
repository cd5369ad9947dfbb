// Lighthouse (mobile preset, simulated throttling) over pages of a locally served site.
//
//   node lighthouse.mjs <base-url> <report.json> <path> [<path> ...]
//
// Writes, per path: the four category scores, bytes transferred on first load,
// and the failing audits of each category, so a failed gate says which page and rule.
import { writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [base, reportPath, ...paths] = process.argv.slice(2);
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-quic",
  ],
});

const report = {};
try {
  for (const path of paths) {
    const url = base + path;
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    const failing = {};
    for (const id of CATEGORIES) {
      failing[id] = lhr.categories[id].auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative"
                 && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable")
        .map((audit) => `${audit.id} (${audit.score}): ${audit.title}`);
    }
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
    };
  }
} finally {
  await chrome.kill();
}
writeFileSync(reportPath, JSON.stringify(report, null, 2));
