// Medley's dashboard: asks the server's API and draws what it says. No libraries, nothing from elsewhere.
"use strict";

const state = { token: sessionStorage.getItem("medley-token") || "", watching: new Set(), queue: [], jobs: new Map() };
const $ = (selector) => document.querySelector(selector);

function headers(extra = {}) {
  return state.token ? { ...extra, Authorization: "Bearer " + state.token } : extra;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers || {}) });
  if (response.status === 401) {
    $("#token-form").hidden = false;
    throw new Error("the server wants its token");
  }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new Error(body && body.error ? body.error.message : response.status + " " + response.statusText);
  }
  return body;
}

function text(value) {
  return document.createTextNode(value == null ? "" : String(value));
}

function cell(row, value) {
  const td = row.insertCell();
  if (value instanceof Node) td.appendChild(value); else td.appendChild(text(value));
  return td;
}

// --- Jobs -------------------------------------------------------------------------------------

function renderJob(job) {
  state.jobs.set(job.id, job);
  let row = document.getElementById("job-" + job.id);
  if (!row) {
    row = $("#jobs tbody").insertRow(0);
    row.id = "job-" + job.id;
  }
  row.replaceChildren();
  row.dataset.status = job.status;
  cell(row, job.id);
  cell(row, job.kind + " " + (job.paths || []).join(", "));
  const status = cell(row, job.status);
  status.className = "status status-" + job.status;
  const progress = document.createElement("span");
  progress.className = "files";
  progress.textContent = job.files + " files" + (job.failed ? ", " + job.failed + " failed" : "");
  const note = document.createElement("div");
  note.className = "muted";
  note.textContent = job.error || job.note || "";
  const holder = document.createElement("div");
  holder.append(progress, note);
  cell(row, holder);
  cell(row, job.run_id == null ? "" : job.run_id);
  const actions = cell(row, "");
  if (job.plan && job.status === "done") {
    const review = document.createElement("button");
    review.textContent = "Review plan";
    review.className = "review";
    review.onclick = () => showPlan(job);
    actions.appendChild(review);
  }
  if (job.status === "running" || job.status === "queued") {
    const cancel = document.createElement("button");
    cancel.textContent = "Cancel";
    cancel.onclick = () => api("/v1/jobs/" + job.id, { method: "DELETE" }).catch(showJobError);
    actions.appendChild(cancel);
    watch(job.id);
  }
}

// Follows a job's server-sent events (read with fetch, so the token can go in a header).
async function watch(id) {
  if (state.watching.has(id)) return;
  state.watching.add(id);
  try {
    const response = await fetch("/v1/jobs/" + id + "/events", { headers: headers() });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split("\n")) {
          if (line.startsWith("data: ")) {
            const event = JSON.parse(line.slice(6));
            if (event.job) renderJob(event.job);
          }
        }
      }
    }
  } catch (e) {
    showJobError(e);
  } finally {
    state.watching.delete(id);
    refreshRuns();
  }
}

function showJobError(e) {
  $("#job-error").textContent = e.message;
}

async function startJob(event) {
  event.preventDefault();
  $("#job-error").textContent = "";
  const kind = $("#job-kind").value;
  const request = { kind, paths: $("#job-paths").value.split(",").map((p) => p.trim()).filter(Boolean) };
  if (kind === "plan") {
    request.to = $("#job-to").value.trim();
    request.mode = $("#job-mode").value;
  }
  try {
    const job = await api("/v1/jobs", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request) });
    renderJob(job);
    watch(job.id);
  } catch (e) {
    showJobError(e);
  }
}

async function refreshJobs() {
  try {
    const list = await api("/v1/jobs");
    list.data.slice().reverse().forEach(renderJob);
  } catch (e) {
    showJobError(e);
  }
}

// --- Plan review ------------------------------------------------------------------------------

async function showPlan(job) {
  const panel = $("#plan-panel");
  panel.hidden = false;
  panel.dataset.job = job.id;
  $("#plan-title").textContent = "of " + job.id + " (run " + job.plan.run_id + ")";
  $("#plan-summary").textContent = job.plan.planned + " to do, " + job.plan.skipped + " skipped, "
    + job.plan.conflicts + " conflicts, " + job.plan.duplicates + " duplicates";
  const body = $("#plan tbody");
  body.replaceChildren();
  const items = await api("/v1/jobs/" + job.id + "/plan");
  for (const item of items.data) {
    const row = body.insertRow();
    row.className = item.skipped ? "skipped" : "todo";
    cell(row, item.seq);
    cell(row, item.source);
    cell(row, item.target);
    cell(row, item.skipped ? item.reason : item.role);
  }
}

async function applyPlan() {
  const id = $("#plan-panel").dataset.job;
  try {
    const job = await api("/v1/jobs/" + id + "/apply", { method: "POST" });
    renderJob(job);
    watch(job.id);
    $("#plan-apply").disabled = true;
  } catch (e) {
    showJobError(e);
  }
}

// --- Transcript viewer ------------------------------------------------------------------------

let cues = [];

async function openTranscript(event) {
  event.preventDefault();
  $("#viewer-error").textContent = "";
  const path = $("#viewer-path").value.trim();
  try {
    const transcript = await api("/v1/library/transcript?path=" + encodeURIComponent(path));
    // The audio is fetched with the token and played from memory: an <audio src> could not send it.
    const audio = await fetch("/v1/library/audio?path=" + encodeURIComponent(path), { headers: headers() });
    if (!audio.ok) throw new Error("cannot load the audio: " + audio.status);
    const player = $("#player");
    player.src = URL.createObjectURL(await audio.blob());
    cues = (transcript.segments || []).map((s) => ({ start: s.start, end: s.end, text: s.text }));
    const list = $("#cues");
    list.replaceChildren();
    cues.forEach((cue, i) => {
      const item = document.createElement("li");
      item.id = "cue-" + i;
      const time = document.createElement("time");
      time.textContent = clock(cue.start);
      item.append(time, text(cue.text));
      item.onclick = () => { player.currentTime = cue.start; player.play(); };
      list.appendChild(item);
    });
  } catch (e) {
    $("#viewer-error").textContent = e.message;
  }
}

function clock(seconds) {
  const m = Math.floor(seconds / 60);
  const s = (seconds % 60).toFixed(1).padStart(4, "0");
  return m + ":" + s;
}

function highlight() {
  const now = $("#player").currentTime;
  cues.forEach((cue, i) => {
    const item = document.getElementById("cue-" + i);
    const current = now >= cue.start && now < cue.end;
    if (item.classList.contains("current") !== current) {
      item.classList.toggle("current", current);
      if (current) item.scrollIntoView({ block: "nearest" });
    }
  });
}

// --- Queue charts, from /metrics ---------------------------------------------------------------

function metric(lines, name, label) {
  const line = lines.find((l) => l.startsWith(name + (label ? "{" : " ")) && (!label || l.includes(label)));
  return line ? parseFloat(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

async function refreshQueue() {
  let scrape;
  try {
    scrape = await api("/metrics");
  } catch (e) {
    return;
  }
  const lines = scrape.split("\n").filter((l) => !l.startsWith("#"));
  const interactive = metric(lines, "medley_queue_depth", 'priority="interactive"');
  const bulk = metric(lines, "medley_queue_depth", 'priority="bulk"');
  state.queue.push([interactive, bulk]);
  if (state.queue.length > 120) state.queue.shift();
  drawQueue();
  const buckets = lines.filter((l) => l.startsWith("medley_batch_size_bucket"))
    .map((l) => [l.match(/le="([^"]+)"/)[1], parseFloat(l.slice(l.lastIndexOf(" ") + 1))]);
  drawBatches(buckets);
  $("#queue-figures").textContent = "pending " + metric(lines, "medley_pending_items") + " · batch limit "
    + metric(lines, "medley_batch_limit") + " · windows done " + metric(lines, "medley_windows_total")
    + " · refused " + lines.filter((l) => l.startsWith("medley_refused_total"))
      .reduce((sum, l) => sum + parseFloat(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

function drawQueue() {
  const canvas = $("#queue-chart");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  const top = Math.max(4, ...state.queue.map(([a, b]) => Math.max(a, b)));
  [["#1f5fbf", 0], ["#c77d00", 1]].forEach(([colour, k]) => {
    g.strokeStyle = colour;
    g.beginPath();
    state.queue.forEach((point, i) => {
      const x = (i / 119) * (canvas.width - 10) + 5;
      const y = canvas.height - 5 - (point[k] / top) * (canvas.height - 20);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  });
  g.fillStyle = "#7a8190";
  g.fillText(String(top), 4, 12);
}

function drawBatches(buckets) {
  const canvas = $("#batch-chart");
  const g = canvas.getContext("2d");
  g.clearRect(0, 0, canvas.width, canvas.height);
  // Cumulative buckets to counts per bucket.
  const counts = buckets.map(([le, n], i) => [le, n - (i > 0 ? buckets[i - 1][1] : 0)]).filter(([le]) => le !== "+Inf");
  const top = Math.max(1, ...counts.map(([, n]) => n));
  const width = (canvas.width - 10) / Math.max(1, counts.length);
  counts.forEach(([le, n], i) => {
    const h = (n / top) * (canvas.height - 30);
    g.fillStyle = "#2f8f4e";
    g.fillRect(5 + i * width + 4, canvas.height - 15 - h, width - 8, h);
    g.fillStyle = "#7a8190";
    g.fillText("≤" + parseFloat(le), 5 + i * width + 4, canvas.height - 3);
  });
}

// --- Runs and status -----------------------------------------------------------------------------

async function refreshRuns() {
  try {
    const runs = await api("/v1/runs");
    const body = $("#runs tbody");
    body.replaceChildren();
    for (const run of runs.data) {
      const row = body.insertRow();
      cell(row, run.id);
      cell(row, run.command);
      cell(row, run.status).className = "status-" + (run.status === "ok" ? "done" : run.status);
      cell(row, run.total);
      cell(row, run.failed);
      cell(row, new Date(run.started_at * 1000).toLocaleString());
    }
  } catch (e) {
    // No library on this server: the panel stays empty.
  }
}

async function refreshStatus() {
  try {
    const models = await api("/v1/models");
    $("#model").textContent = models.data.map((m) => m.id).join(" · ");
    const ready = await fetch("/readyz");
    $("#ready").textContent = ready.ok ? "ready" : "starting";
    $("#ready").className = "badge" + (ready.ok ? " ok" : "");
  } catch (e) {
    $("#model").textContent = e.message;
  }
}

$("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("#token").value;
  sessionStorage.setItem("medley-token", state.token);
  $("#token-form").hidden = true;
  start();
});
$("#job-form").addEventListener("submit", startJob);
$("#plan-apply").addEventListener("click", applyPlan);
$("#viewer-form").addEventListener("submit", openTranscript);
$("#player").addEventListener("timeupdate", highlight);

function start() {
  refreshStatus();
  refreshJobs();
  refreshRuns();
  refreshQueue();
}
start();
setInterval(refreshQueue, 1000);
