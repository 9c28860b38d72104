// Drives the dashboard in headless chromium as a user would: watches a transcribe job's progress move,
// reviews and approves a plan, and plays a transcript while its cues light up. Screenshots go to OUT.
// Usage: node dashboard.mjs BASE_URL OUT_DIR TRANSCRIBE_PATH PLAN_PATH LIBRARY_PATH VIEW_PATH
// Prints one JSON line of what it saw; exits non-zero on the first thing that does not happen.
import { chromium } from "playwright-core";

const [base, out, transcribePath, planPath, libraryPath, viewPath] = process.argv.slice(2);
const seen = {};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const requestsElsewhere = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("blob:") && !request.url().startsWith("data:")) {
      requestsElsewhere.push(request.url());
    }
  });
  await page.goto(base + "/");
  await page.waitForSelector("#ready.ok", { timeout: 15000 });
  await page.screenshot({ path: out + "/1-home.png", fullPage: true });

  // A transcribe job: its file count must be seen to move, before the job is done.
  await page.selectOption("#job-kind", "transcribe");
  await page.fill("#job-paths", transcribePath);
  await page.click("#job-start");
  const counts = new Set();
  const started = Date.now();
  let status = "";
  while (Date.now() - started < 120000) {
    const row = page.locator("#jobs tbody tr").first();
    if (await row.count()) {
      status = await row.getAttribute("data-status");
      counts.add(await row.locator(".files").textContent());
      if (counts.size === 2) await page.screenshot({ path: out + "/2-job-running.png", fullPage: true });
      if (status === "done" || status === "failed") break;
    }
    await page.waitForTimeout(25);
  }
  seen.transcribeStatus = status;
  seen.progressSeen = [...counts];
  await page.screenshot({ path: out + "/3-job-done.png", fullPage: true });

  // A plan: review it, approve it, and watch the apply job finish.
  await page.selectOption("#job-kind", "plan");
  await page.fill("#job-paths", planPath);
  await page.fill("#job-to", libraryPath);
  await page.selectOption("#job-mode", "copy");
  await page.click("#job-start");
  await page.locator("button.review").first().click({ timeout: 60000 });
  await page.waitForSelector("#plan tbody tr", { timeout: 15000 });
  seen.planRows = await page.locator("#plan tbody tr").count();
  await page.screenshot({ path: out + "/4-plan-review.png", fullPage: true });
  await page.click("#plan-apply");
  await page.waitForFunction(() => {
    const row = document.querySelector("#jobs tbody tr");
    return row && row.textContent.includes("apply") && row.dataset.status === "done";
  }, null, { timeout: 60000 });
  seen.applied = await page.locator("#jobs tbody tr").first().locator(".files").textContent();
  await page.screenshot({ path: out + "/5-plan-applied.png", fullPage: true });

  // The transcript viewer: play, and a cue lights up as its time comes.
  await page.fill("#viewer-path", viewPath);
  await page.click("#viewer-open");
  await page.waitForSelector("#cues li", { timeout: 15000 });
  seen.cues = await page.locator("#cues li").count();
  await page.evaluate(() => document.querySelector("#player").play());
  await page.waitForSelector("#cue-1.current", { timeout: 20000 });
  seen.currentCue = await page.locator("#cues li.current").textContent();
  seen.playedTo = await page.evaluate(() => document.querySelector("#player").currentTime);
  await page.screenshot({ path: out + "/6-transcript-playing.png", fullPage: true });
  seen.requestsElsewhere = requestsElsewhere;
  console.log(JSON.stringify(seen));
} catch (e) {
  console.log(JSON.stringify({ ...seen, failure: String(e) }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
