"use strict";
// The page of `mlgan serve`: asks /metadata what the generator makes, then draws /generate and /interpolate
// answers on one canvas — a grid for [C, H, W] images (C = 1 or 3), a scatter of the first two values otherwise.
const $ = (id) => document.getElementById(id);
let meta = null;
let key = sessionStorage.getItem("mlgan-api-key") || "";

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function call(path, body) {
  const headers = {};
  if (key) headers["X-API-Key"] = key;
  const init = { headers };
  if (body !== undefined) {
    init.method = "POST";
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    $("key-box").hidden = false;
    throw new Error("This server needs its API key: enter it above.");
  }
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || "HTTP " + response.status);
  return json;
}

const isImage = (shape) => shape.length === 3 && (shape[0] === 1 || shape[0] === 3);
const intOf = (id, fallback) => { const v = Math.trunc(Number($(id).value)); return Number.isFinite(v) ? v : fallback; };
const chosenClass = () => $("class").value === "" ? null : Number($("class").value);

async function load() {
  try {
    meta = await call("/metadata");
  } catch (e) {
    setStatus(e.message, true);
    return;
  }
  $("model").textContent = `Latent ${meta.latentDimension} (${meta.latentDistribution}), samples [${meta.sampleShape.join(", ")}]` +
    (meta.classCount > 0 ? `, ${meta.classCount} classes` : "") + (meta.architecture ? `, ${meta.architecture}` : "") +
    `; at most ${meta.maxCount} per request.`;
  if (meta.classCount > 0) {
    $("class-label").hidden = false;
    for (let c = 0; c < meta.classCount; c++) $("class").append(new Option(String(c), String(c)));
  }
  $("count").max = String(meta.maxCount);
  if (!isImage(meta.sampleShape)) $("count").value = String(Math.min(512, meta.maxCount)); // a scatter wants many points
  await generate();
}

async function generate() {
  if (!meta) return;
  const count = Math.max(1, Math.min(intOf("count", 16), meta.maxCount));
  const seed = intOf("seed", 1);
  const body = { count, seed };
  const c = chosenClass();
  if (c !== null) body.labels = new Array(count).fill(c);
  await show(() => call("/generate", body), `seed ${seed}`, null);
}

async function newSamples() {
  $("seed").value = String(Math.floor(Math.random() * 2147483647));
  await generate();
}

async function interpolate() {
  if (!meta) return;
  const from = intOf("from", 1), to = intOf("to", 2);
  const steps = Math.max(2, Math.min(intOf("steps", 8), meta.maxCount));
  const body = { from, to, steps };
  const c = chosenClass();
  if (c !== null) body.label = c;
  await show(() => call("/interpolate", body), `seed ${from} → seed ${to}`, steps);
}

async function show(request, what, columns) {
  setStatus("Generating…", false);
  try {
    const answer = await request();
    if (isImage(answer.sampleShape)) drawGrid(answer.samples, answer.sampleShape, columns);
    else drawScatter(answer.samples, columns !== null);
    const canvas = $("view");
    canvas.dataset.renders = String(Number(canvas.dataset.renders || 0) + 1);
    setStatus(`${answer.samples.length} samples, ${what}.`, false);
  } catch (e) {
    setStatus(e.message, true);
  }
}

function valueRange(samples) {
  if (meta.valueRange) return meta.valueRange;
  let lo = Infinity, hi = -Infinity;
  for (const s of samples) for (const v of s) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return Number.isFinite(lo) && hi > lo ? [lo, hi] : [0, 1];
}

function drawGrid(samples, shape, columns) {
  const [c, h, w] = shape, gutter = 2;
  const scale = Math.max(1, Math.floor(96 / Math.max(h, w)));
  const cols = columns || Math.ceil(Math.sqrt(samples.length));
  const rows = Math.ceil(samples.length / cols);
  const canvas = $("view");
  canvas.width = cols * (w * scale + gutter) + gutter;
  canvas.height = rows * (h * scale + gutter) + gutter;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#000";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const [lo, hi] = valueRange(samples);
  const k = 255 / (hi - lo);
  const tile = ctx.createImageData(w * scale, h * scale);
  samples.forEach((sample, n) => {
    for (let y = 0; y < h * scale; y++)
      for (let x = 0; x < w * scale; x++) {
        const p = (y * w * scale + x) * 4, src = Math.floor(y / scale) * w + Math.floor(x / scale);
        for (let ch = 0; ch < 3; ch++) tile.data[p + ch] = Math.max(0, Math.min(255, Math.round((sample[(c === 1 ? 0 : ch) * h * w + src] - lo) * k)));
        tile.data[p + 3] = 255;
      }
    ctx.putImageData(tile, gutter + (n % cols) * (w * scale + gutter), gutter + Math.floor(n / cols) * (h * scale + gutter));
  });
}

function drawScatter(samples, connect) {
  const canvas = $("view"), size = 480, margin = 16;
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#111";
  ctx.fillRect(0, 0, size, size);
  const two = samples.map((s) => [s[0], s.length > 1 ? s[1] : 0]);
  const range = (i) => {
    let lo = Infinity, hi = -Infinity;
    for (const p of two) if (Number.isFinite(p[i])) { lo = Math.min(lo, p[i]); hi = Math.max(hi, p[i]); }
    if (meta.valueRange) { lo = Math.min(lo, meta.valueRange[0]); hi = Math.max(hi, meta.valueRange[1]); }
    return hi > lo ? [lo, hi] : [lo - 1, lo + 1];
  };
  const [x0, x1] = range(0), [y0, y1] = range(1);
  const px = (p) => [margin + (p[0] - x0) / (x1 - x0) * (size - 2 * margin), size - margin - (p[1] - y0) / (y1 - y0) * (size - 2 * margin)];
  if (connect) {
    ctx.strokeStyle = "#4fc3f7";
    ctx.beginPath();
    two.forEach((p, i) => { const [x, y] = px(p); if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y); });
    ctx.stroke();
  }
  ctx.fillStyle = "#ffd54f";
  for (const p of two) {
    const [x, y] = px(p);
    ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
}

function downloadPng() {
  $("view").toBlob((blob) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "mlgan-samples.png";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, "image/png");
}

$("generate").addEventListener("click", generate);
$("new-samples").addEventListener("click", newSamples);
$("interpolate").addEventListener("click", interpolate);
$("download").addEventListener("click", downloadPng);
$("key-use").addEventListener("click", () => {
  key = $("key").value;
  sessionStorage.setItem("mlgan-api-key", key);
  $("key-box").hidden = true;
  load();
});
load();
