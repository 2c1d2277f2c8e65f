// The local host's dashboard: read-only GETs of the same API both hosts serve, redrawn every few seconds.
// Charts are uPlot (vendored into lib/ by the build). Each chart keeps the sum of what it plots in data-sum,
// so a test (or a person with devtools) can tell that it changed.
"use strict";

const params = new URLSearchParams(location.search);
const refreshSeconds = Math.max(1, Number(params.get("refresh")) || 10);
const charts = new Map(); // element id -> uPlot
let busy = false;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
};

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

const time = iso => new Date(iso).toLocaleTimeString();
const rangeHours = () => Number(document.getElementById("range").value);

function fillTable(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...(rows.length ? rows.map(cells => el("tr", {}, ...cells.map(c => el("td", {}, String(c ?? ""))))) :
    [el("tr", {}, el("td", { colspan: "5", class: "empty" }, "none"))]));
}

/** Durable Functions' instance list: running workflows with their step (custom status), and approvals waiting. */
async function refreshWorkflows() {
  const instances = await getJson("/runtime/webhooks/durabletask/instances?runtimeStatus=Running,Pending&top=200");
  const step = s => s == null ? "" : typeof s === "string" ? s : s.stage && s.state ? `${s.stage}: ${s.state}` : s.stage ?? s.state ?? s.step ?? JSON.stringify(s);
  fillTable("workflows", instances.map(i => [i.name, i.instanceId, i.runtimeStatus, step(i.customStatus), time(i.createdTime)]));
  const approvals = instances.filter(i => i.name === "ApprovalOrchestrator" && ["notifying", "waiting", "reminded"].includes(i.customStatus?.state));
  fillTable("approvals", approvals.map(i => [i.instanceId, i.customStatus.stage, i.customStatus.state,
    `${i.customStatus.approvals}/${i.customStatus.requiredApprovals}`, time(i.createdTime)]));
}

function chart(container, id, title, series, data, bars = false) {
  const sum = data.slice(1).flat().reduce((a, v) => a + (Number.isFinite(v) ? v : 0), 0);
  let plot = charts.get(id);
  if (!plot) {
    const box = el("div", { class: "chart", id });
    box.append(el("h4", {}, title));
    container.append(box);
    const palette = ["#2563eb", "#f59e0b", "#dc2626", "#059669"];
    plot = new uPlot({
      width: 360, height: 170,
      scales: { x: { time: !bars } },
      series: [{}, ...series.map((label, i) => ({
        label, stroke: palette[i % palette.length], width: 1.5,
        ...(bars ? { fill: "#93c5fd", paths: uPlot.paths.bars({ size: [0.8] }) } : { points: { size: 4 } }),
      }))],
      axes: [{}, { size: 48 }],
    }, data, box);
    charts.set(id, plot);
  } else {
    plot.setData(data);
  }

  document.getElementById(id).dataset.sum = String(Math.round(sum * 1e6) / 1e6);
}

/** Per-minute series over [from, to): minutes without traffic count as zero. */
function minuteSeries(minutes, from, to, pick) {
  const byMinute = new Map(minutes.map(m => [Math.floor(new Date(m.minute) / 60000), m.summary]));
  const xs = [], ys = pick.map(() => []);
  for (let m = Math.ceil(from / 60000); m < to / 60000; m++) {
    xs.push(m * 60);
    const s = byMinute.get(m);
    pick.forEach((f, i) => ys[i].push(s ? f(s) : (i === 0 && pick.length === 1 ? 0 : null)));
  }
  return [xs, ...ys];
}

function versionCharts(container, model, v, from, to, checks) {
  const key = `chart-${model}-v${v.version}`;
  chart(container, `${key}-requests`, "Requests / min", ["requests"], minuteSeries(v.minutes, from, to, [s => s.requests]));
  chart(container, `${key}-latency`, "Latency (ms)", ["p50", "p95", "p99"],
    minuteSeries(v.minutes, from, to, [s => s.latencyP50Ms, s => s.latencyP95Ms, s => s.latencyP99Ms]));
  chart(container, `${key}-errors`, "Errors / min", ["errors"], minuteSeries(v.minutes, from, to, [s => s.errors]));
  const scores = v.total.scores ?? { edges: [], counts: [0] };
  chart(container, `${key}-scores`, `Score distribution (bins at ${scores.edges.map(e => +e.toFixed(2)).join(", ")})`, ["rows"],
    [scores.counts.map((_, i) => i), scores.counts], true);
  const points = checks.flatMap(c => c.versions.filter(d => d.version === v.version).map(d => [new Date(c.checkedAt) / 1000, d]));
  if (v.drift) points.push([to / 1000, v.drift]);
  const maxFeature = d => Math.max(0, ...d.features.map(f => f.psi ?? 0));
  chart(container, `${key}-drift`, "Drift (PSI): score, worst feature", ["score", "feature"],
    [points.map(p => p[0]), points.map(p => p[1].score?.psi ?? null), points.map(p => maxFeature(p[1]))]);
}

async function refreshModel(section, name, from, to) {
  const fromIso = new Date(from).toISOString(), toIso = new Date(to).toISOString();
  const [model, stats, drift, review] = await Promise.all([
    getJson(`/api/models/${name}`),
    getJson(`/api/models/${name}/stats?from=${fromIso}&to=${toIso}`),
    getJson(`/api/models/${name}/drift?from=${fromIso}&to=${toIso}`),
    getJson(`/api/models/${name}/review?limit=1&count=true`),
  ]);
  let card = document.getElementById(`model-${name}`);
  if (!card) {
    card = el("div", { class: "model", id: `model-${name}` }, el("h2", {}, name), el("div", { class: "facts" }), el("div", { class: "versions" }));
    section.append(card);
  }

  const d = model.deployment ?? {};
  const trial = d.mode && d.mode !== "single" && d.challenger != null;
  const weights = trial ? `v${d.champion} ${100 - d.challengerWeight}% / v${d.challenger} ${d.challengerWeight}%` : `v${d.champion} 100%`;
  const level = d.automation?.level ?? "full";
  const facts = [["champion", `v${d.champion ?? "none"}`], ["mode", d.mode ?? "single"], ["weights", weights],
    ["last known good", d.lastKnownGood != null ? `v${d.lastKnownGood}` : "none"],
    ["automation", level + (d.automation?.reviewThreshold != null ? ` (< ${d.automation.reviewThreshold} reviewed)` : "")],
    ["review queue", review.pending], ["versions", model.versions.map(m => `v${m.version}`).join(", ")]];
  card.querySelector(".facts").replaceChildren(...facts.map(([k, v]) =>
    el("span", k === "automation" ? { class: `level-${level}` } : {}, el("b", {}, `${k}: `), String(v))));
  card.dataset.reviewQueue = String(review.pending);

  const versions = card.querySelector(".versions");
  for (const v of stats.versions) {
    let box = document.getElementById(`version-${name}-${v.version}`);
    if (!box) {
      box = el("div", { id: `version-${name}-${v.version}` }, el("h3", {}), el("div", { class: "charts" }));
      versions.append(box);
    }
    box.querySelector("h3").textContent =
      `version ${v.version}: ${v.summary.requests} requests, ${v.summary.errors} errors, p95 ${v.summary.latencyP95Ms?.toFixed(2) ?? "-"} ms`;
    versionCharts(box.querySelector(".charts"), name, v, from, to, drift.checks);
  }
  if (!stats.versions.length && !versions.querySelector("p")) versions.append(el("p", { class: "muted" }, "no traffic in this range yet"));
  if (stats.versions.length) versions.querySelector("p")?.remove();
}

async function refresh() {
  if (busy) return;
  busy = true;
  const status = document.getElementById("updated");
  try {
    const to = Date.now(), from = to - rangeHours() * 3600_000;
    const { models } = await getJson("/api/models");
    const section = document.getElementById("models");
    await Promise.all([refreshWorkflows(), ...models.map(m => refreshModel(section, m.name, from, to))]);
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes ?? 0) + 1);
    status.textContent = `updated ${new Date().toLocaleTimeString()} (every ${refreshSeconds} s)`;
  } catch (e) {
    status.textContent = `refresh failed: ${e.message}`;
  } finally {
    busy = false;
  }
}

document.getElementById("range").addEventListener("change", () => { charts.forEach(c => c.destroy()); charts.clear();
  document.getElementById("models").replaceChildren(); refresh(); });
refresh();
setInterval(refresh, refreshSeconds * 1000);
