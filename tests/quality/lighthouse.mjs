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
//
// The simulated phone is the same however busy the machine is. Lighthouse
// simulates the phone's CPU by multiplying the wall time of each main-thread
// task it observed here by 4 (the mobile preset). On a busy machine the
// page's main thread waits for a core in the middle of its tasks, so their
// wall time grows though their work does not, and 4x of that fails pages that
// are fine. Chrome's trace records, beside each task's wall time, its thread
// time: the CPU time it actually ran. So each run is gathered first; then
// every main-thread task in the trace is shrunk in place to its thread time
// (with the events inside it, so they stay nested) before Lighthouse audits:
// the phone runs 4x the work, not 4x the waiting. On an idle machine thread
// time and wall time agree and nothing changes. A script that burns 300 ms of
// CPU still costs 1.2 s on the phone and fails the gate (the canary in
// test_lighthouse.py). The report keeps, per run, how much of the tasks'
// wall time they ran and Lighthouse's BenchmarkIndex, for the record.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import * as chromeLauncher from "chrome-launcher";
import { startFlow } from "lighthouse";
import { ProcessedTrace } from "lighthouse/core/computed/processed-trace.js";
import { navigationGather } from "lighthouse/core/gather/navigation-runner.js";
import { TraceProcessor } from "lighthouse/core/lib/tracehouse/trace-processor.js";
import { Runner } from "lighthouse/core/runner.js";
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

// Shrink each main-thread task of the trace to its thread time, moving the
// events inside it along (start and end mapped linearly from the task's
// start), so nesting holds. Returns thread time / wall time over all tasks.
async function mainThreadTasksToThreadTime(trace) {
  const { mainThreadEvents } = await ProcessedTrace.request(trace, { computedCache: new Map() });
  const tasks = mainThreadEvents.filter((event) =>
    TraceProcessor.isScheduleableTask(event) && event.dur > 0 && event.tdur !== undefined);
  if (!tasks.length) throw new Error("the trace has no main-thread tasks with thread times");
  let wall = 0, thread = 0, next = 0, previousEnd = -Infinity;
  for (const task of tasks) {  // both lists are sorted by start
    if (task.ts < previousEnd) continue;  // a task nested in one already shrunk along with it
    const start = task.ts, end = task.ts + task.dur, share = Math.min(1, task.tdur / task.dur);
    previousEnd = end;
    const at = (ts) => start + (ts - start) * share;
    wall += task.dur;
    thread += task.dur * share;
    while (next < mainThreadEvents.length && mainThreadEvents[next].ts < start) next++;
    for (; next < mainThreadEvents.length && mainThreadEvents[next].ts < end; next++) {
      const event = mainThreadEvents[next];
      if (event.dur !== undefined) event.dur = at(Math.min(event.ts + event.dur, end)) - at(event.ts);
      event.ts = at(event.ts);
    }
  }
  return thread / wall;
}

// One Lighthouse run of `url`, its phone's CPU 4x the work the page did here.
async function auditOnce(url) {
  const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES };
  const { artifacts, runnerOptions } = await navigationGather(undefined, url, { flags });
  const share = await mainThreadTasksToThreadTime(artifacts.Trace);
  runnerOptions.computedCache.clear();  // nothing computed from the trace before it changed
  const { lhr } = await Runner.audit(artifacts, runnerOptions);
  return { lhr, share };
}

const report = {};
try {
  for (const path of paths) {
    const url = base + path;
    const runs = [], machine = [];
    for (let i = 0; i < RUNS; i++) {
      const loadAverage1min = Number(loadavg()[0].toFixed(2));
      const { lhr, share } = await auditOnce(url);
      runs.push(lhr);
      machine.push({
        loadAverage1min,
        benchmarkIndex: lhr.environment.benchmarkIndex,
        mainThreadRunningShare: Number(share.toFixed(3)),
        performance: lhr.categories.performance.score,
        tbt_ms: Math.round(lhr.audits["total-blocking-time"].numericValue),
      });
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
      performanceRuns: machine.map((run) => run.performance),
      runs: machine,
    };
    writeFileSync(reportPath, JSON.stringify(report, null, 2));  // so far, should a later page time out
  }
  report["search-open"] = await searchOpenSnapshot();
} finally {
  await chrome.kill();
}
writeFileSync(reportPath, JSON.stringify(report, null, 2));
