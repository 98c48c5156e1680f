// The eventwire dashboard: plain DOM code over the JSON API (/api/...), no build step, nothing fetched from elsewhere.
// Everything shown comes from arbitrary web pages, so data only ever reaches the page as text (text nodes,
// textContent, attribute values), never as HTML, and a link built from data must pass webUrl(). The server's
// Content-Security-Policy forbids inline script and style attributes: styles are set through CSSOM (el's style).
"use strict";

const PAGE = 50;
const FILTERS = ["type", "country", "source", "target", "actor", "modality", "date_from", "date_to", "q"];
// One colour per PLOVER type, assigned in the order of the database's types (sorted by name).
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#b5a000", "#7b4173", "#f28e8e"];

const state = { filters: {}, sort: "-date", offset: 0, event: null, colours: {} };

const $ = (id) => document.getElementById(id);

// attrs: "text" → textContent, "style" → {property: value} set through CSSOM, "on…" → a listener; the rest are attributes.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) {
      if (typeof value !== "function") throw new Error(`el: ${key} must be a function`);
      node.addEventListener(key.slice(2), value);
    }
    else if (key === "text") node.textContent = value;
    else if (key === "style") for (const [name, v] of Object.entries(value)) node.style.setProperty(name, v);
    else if ((key === "href" || key === "src") && !(value instanceof SafeHref)) throw new Error(`el: ${key} must come from webUrl() or appHref()`);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// A link target that was checked: an http(s) URL from data (webUrl) or a path of this app (appHref).
class SafeHref {
  constructor(url) { this.url = url; }
  toString() { return this.url; }
}

// Only http: and https: URLs from data become links; "javascript:", "data:", "vbscript:" in any case and with
// leading blanks or control characters (which URL parsing strips, as the browser would) and relative or
// unparsable values give null, to be shown as text.
function webUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? new SafeHref(url.href) : null;
}

// A path of this app with each data part percent-encoded, so an id cannot leave the path it is put in.
function appHref(path, ...parts) {
  return new SafeHref(path + parts.map((part) => encodeURIComponent(part)).join("/"));
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

// ---- talking to the API -------------------------------------------------------------------------

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (response.status === 503) {
    const wait = Number(response.headers.get("Retry-After") || 2);
    notice(`${body.error || "database busy"} — retrying in ${wait} s`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    return api(path, params);
  }
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  const taken = response.headers.get("X-Eventwire-Snapshot");
  if (taken) state.snapshot = taken;
  return body;
}

function notice(text) {
  const node = $("notice");
  node.textContent = text || "";
  node.hidden = !text;
}

function showError(error) {
  notice(`Error: ${error.message}`);
}

// ---- filters and the URL ------------------------------------------------------------------------

function readForm() {
  const form = new FormData($("filters"));
  state.filters = {};
  for (const name of FILTERS) {
    const value = (form.get(name) || "").trim();
    if (value) state.filters[name] = value;
  }
}

function writeForm() {
  const form = $("filters");
  for (const name of FILTERS) form.elements[name].value = state.filters[name] || "";
  $("sort").value = state.sort;
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) if (params.get(name)) state.filters[name] = params.get(name);
  state.sort = params.get("sort") || "-date";
  state.offset = Number(params.get("offset") || 0);
  state.event = params.get("event");
}

function writeUrl() {
  const params = new URLSearchParams(state.filters);
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.offset) params.set("offset", state.offset);
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

// ---- loading ------------------------------------------------------------------------------------

async function loadStats() {
  const stats = await api("/api/stats");
  const c = stats.counts;
  const stories = c["stories (near-duplicate documents as one)"];
  $("summary").textContent = `${c.documents} articles` +
    (stories !== undefined && stories < c.documents ? ` (${stories} stories, near-duplicates as one)` : "") +
    ` · ${c.events} event mentions · ${c["event clusters"]} events ` +
    `after de-duplication · ${c.quotes} quotes` + (stats.first_day ? ` · ${stats.first_day} to ${stats.last_day}` : "");
  const types = stats.types.map((t) => t.type).filter(Boolean).sort();
  types.forEach((type, i) => { state.colours[type] = PALETTE[i % PALETTE.length]; });
  const select = $("f-type");
  for (const t of stats.types) select.append(el("option", { value: t.type, text: `${t.type} (${t.mentions})` }));
  const list = $("countries");
  for (const c of stats.countries) list.append(el("option", { value: c.country, label: `${c.country} (${c.events})` }));
}

async function refresh() {
  writeUrl();
  const params = { ...state.filters };
  try {
    updateDownloads(params);
    await Promise.all([loadEvents(params), loadTimeline(params), loadDyads(params), loadMap(params),
                       loadNetwork(params), loadActor(params)]);
    const stale = await api("/api/health");
    notice(stale.stale ? `An ingest is writing: showing the database as of ${new Date(stale.snapshot_taken).toLocaleString()}.` : "");
  } catch (error) {
    showError(error);
  }
}

async function loadEvents(params) {
  const body = await api("/api/events", { ...params, sort: state.sort, limit: PAGE, offset: state.offset });
  const tbody = $("events").querySelector("tbody");
  tbody.replaceChildren();
  for (const event of body.events) tbody.append(eventRow(event));
  if (!body.events.length) {
    tbody.append(el("tr", {}, el("td", { colspan: 7, class: "muted", text: "No events match these filters." })));
  }
  const first = body.total ? body.offset + 1 : 0;
  const last = body.offset + body.events.length;
  $("events-caption").textContent = `${first}–${last} of ${body.total} event mentions`;
  $("page").textContent = body.total ? `page ${Math.floor(body.offset / PAGE) + 1} of ${Math.ceil(body.total / PAGE)}` : "";
  $("prev").disabled = body.offset === 0;
  $("next").disabled = last >= body.total;
}

function actorCell(actor) {
  if (!actor) return el("td", { class: "muted", text: "—" });
  const name = actor.name || actor.text || "";
  const code = actor.code ? el("button", { type: "button", class: "link code", title: `The actor page of ${actor.code}`,
                                           onclick: (e) => { e.stopPropagation(); applyFilter({ actor: actor.code }); } },
                               actor.code) : null;
  if (actor.inferred) {  // the act's conventional agent ("five were arrested"): the text names nobody
    return el("td", { class: "inferred", title: "Not named in the text: the conventional agent of the act" },
              el("em", { text: `${name} (inferred)` }), code ? " " : null, code);
  }
  return el("td", { title: actor.text ? `“${actor.text}” in the text` : null }, name, code ? " " : null, code);
}

function typeBadge(type) {
  return el("span", { class: "type", style: { "--type-colour": state.colours[type] || "#555" }, text: type || "?" });
}

// Negated, hypothetical and intended mentions are marked wherever an event is shown: they are not
// events that happened, and the exports leave the first two out by default.
const MODALITY_LABELS = { negated: "denied", hypothetical: "hypothetical", intended: "intended" };

function modalityMarks(modality) {
  return Object.entries(MODALITY_LABELS).filter(([key]) => modality && modality[key])
    .map(([key, label]) => el("span", { class: `modality ${key}`, title: `a ${label} event, not one reported as done`,
                                        text: label }));
}

function eventRow(event) {
  const open = () => openEvent(event.id);
  const row = el("tr", { "data-id": event.id, class: event.id === state.event ? "selected" : null },
    el("td", { class: "nowrap", text: event.date.day || "" }),
    actorCell(event.source),
    el("td", {}, typeBadge(event.type), ...modalityMarks(event.modality)),
    actorCell(event.target),
    el("td", {}, el("button", { type: "button", class: "link trigger-link", onclick: open,
                                "aria-label": `Open the article at “${event.trigger.text}”` }, event.trigger.text)),
    el("td", { text: event.location ? [event.location.name, event.location.country].filter(Boolean).join(", ") : "" }),
    el("td", { class: "title-cell" }, el("div", { text: event.document.title || event.doc_id })));
  row.addEventListener("click", (e) => { if (e.target.tagName !== "BUTTON") open(); });
  return row;
}

async function loadDyads(params) {
  const body = await api("/api/dyads", { ...params, limit: 15 });
  const tbody = $("dyads").querySelector("tbody");
  tbody.replaceChildren();
  for (const d of body.dyads) {
    const pick = () => {
      state.filters.source = d.source || "";
      state.filters.target = d.target || "";
      if (!state.filters.source) delete state.filters.source;
      if (!state.filters.target) delete state.filters.target;
      state.offset = 0;
      writeForm();
      refresh();
    };
    tbody.append(el("tr", {},
      el("td", {}, el("button", { type: "button", class: "link", onclick: pick, title: "Show these events" }, d.source || "—")),
      el("td", { text: d.target || "—" }),
      el("td", { class: "num", text: d.events }),
      el("td", { class: "num", text: d.documents })));
  }
  if (!body.dyads.length) tbody.append(el("tr", {}, el("td", { colspan: 4, class: "muted", text: "No dyads." })));
}

// ---- the timeline (inline SVG) ------------------------------------------------------------------

function nextBucket(day, interval) {
  const d = new Date(`${day}T00:00:00Z`);
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

function bucketEnd(day, interval) {
  const d = new Date(`${nextBucket(day, interval)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function bucketLabel(day, interval) {
  return interval === "year" ? day.slice(0, 4) : interval === "month" ? day.slice(0, 7) : day;
}

async function loadTimeline(params) {
  const body = await api("/api/timeline", params);
  const box = $("timeline");
  box.replaceChildren();
  $("timeline-interval").textContent = body.buckets.length ? `events per ${body.interval}` +
    (body.undated ? ` · ${body.undated} undated` : "") : "";
  const legend = $("legend");
  legend.replaceChildren();
  if (!body.buckets.length) {
    box.append(el("p", { class: "muted", text: "No dated events match these filters." }));
    return;
  }
  // the axis covers the bulk of the data (body.range); the few days outside it are listed under the chart
  const outliers = body.outliers || [];
  const note = $("timeline-outliers");
  note.hidden = !outliers.length;
  note.textContent = outliers.length ? `Not drawn, outside ${body.range.from} – ${body.range.to}: ` +
    outliers.map((o) => `${o.day} (${o.events})`).join(", ") : "";
  const inRange = outliers.length ? body.buckets.filter((b) => bucketEnd(b.start, body.interval) >= body.range.from &&
                                                               b.start <= body.range.to) : body.buckets;
  if (!inRange.length) return;
  // every bucket from the first to the last, empty ones included, so the x axis is time
  const byStart = new Map(inRange.map((b) => [b.start, b]));
  const buckets = [];
  for (let day = inRange[0].start; day <= inRange[inRange.length - 1].start; day = nextBucket(day, body.interval)) {
    buckets.push(byStart.get(day) || { start: day, total: 0, by_type: {} });
    if (buckets.length > 2000) break;
  }
  const width = 900, height = 170, left = 34, bottom = 22, top = 8;
  const max = Math.max(...buckets.map((b) => b.total));
  const step = (width - left) / buckets.length;
  const barWidth = Math.min(36, Math.max(1, step * 0.8));
  const y = (n) => (height - bottom - top) * n / max;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart",
                             "aria-label": `Events per ${body.interval} from ${body.first_day} to ${body.last_day}, at most ${max}` });
  chart.append(svg("line", { x1: left, x2: width, y1: height - bottom, y2: height - bottom, class: "axis" }));
  for (const tick of [0, max]) {
    const t = svg("text", { x: left - 4, y: height - bottom - y(tick) + 4, "text-anchor": "end", class: "tick" });
    t.textContent = tick;
    chart.append(t);
  }
  const every = Math.ceil(buckets.length / 8);
  buckets.forEach((bucket, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let base = height - bottom;
    const group = svg("g", { class: bucket.total ? "bar" : "bar empty" });
    for (const type of body.types) {
      const n = bucket.by_type[type];
      if (!n) continue;
      const h = y(n);
      base -= h;
      group.append(svg("rect", { x, y: base, width: barWidth, height: h, fill: state.colours[type] || "#555" }));
    }
    const label = bucketLabel(bucket.start, body.interval);
    const title = svg("title");
    title.textContent = `${label}: ${bucket.total} events` +
      Object.entries(bucket.by_type).map(([t, n]) => `\n${t} ${n}`).join("");
    group.append(title);
    if (bucket.total) {
      // a click narrows the dates to this bar
      group.append(svg("rect", { x: left + i * step, y: top, width: step, height: height - bottom - top, class: "hit" }));
      group.addEventListener("click", () => {
        state.filters.date_from = bucket.start;
        state.filters.date_to = bucketEnd(bucket.start, body.interval);
        state.offset = 0;
        writeForm();
        refresh();
      });
    }
    chart.append(group);
    if (i % every === 0) {
      const t = svg("text", { x: left + i * step, y: height - 6, class: "tick" });
      t.textContent = label;
      chart.append(t);
    }
  });
  box.append(chart);
  for (const type of body.types) {
    const total = body.buckets.reduce((sum, b) => sum + (b.by_type[type] || 0), 0);
    legend.append(el("li", {}, el("span", { class: "swatch", style: { background: state.colours[type] || "#555" } }),
                     `${type} ${total}`));
  }
}

// ---- downloads of what is on screen -----------------------------------------------------------

function updateDownloads(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  for (const [id, path] of [["download-csv", "/api/events.csv"], ["download-geojson", "/api/events.geojson"]]) {
    $(id).setAttribute("href", appHref(query ? `${path}?${query}` : path));  // URLSearchParams encoded the values
  }
}

function applyFilter(changes) {
  for (const [name, value] of Object.entries(changes)) {
    if (value) state.filters[name] = value; else delete state.filters[name];
  }
  state.offset = 0;
  writeForm();
  refresh();
}

// ---- the map: Natural Earth outlines shipped with the package (world-110m.json), no tiles -------

let basemap = null;

async function loadMap(params) {
  if (!basemap) {
    const response = await fetch("/static/world-110m.json");
    basemap = await response.json();
  }
  const body = await api("/api/map", params);
  const [x0, y0, width, height] = basemap.viewBox;
  const chart = svg("svg", { viewBox: `${x0} ${y0} ${width} ${height}`, role: "img",
                             "aria-label": `Map of ${body.points.length} places where events happened` });
  const counts = new Map(body.countries.map((c) => [c.country, c.events]));
  for (const [code, country] of Object.entries(basemap.countries)) {
    const n = counts.get(code);
    const path = svg("path", { d: country.d, class: n ? "land has-events" : "land", "data-country": code });
    const title = svg("title");
    title.textContent = n ? `${country.name}: ${n} events (click to filter)` : country.name;
    path.append(title);
    if (n) path.addEventListener("click", () => applyFilter({ country: code }));
    chart.append(path);
  }
  const max = Math.max(1, ...body.points.map((p) => p.events));
  for (const point of body.points) {
    const circle = svg("circle", { cx: ((point.lon + 180) * 2).toFixed(1), cy: ((90 - point.lat) * 2).toFixed(1),
                                   r: (1.5 + 6 * Math.sqrt(point.events / max)).toFixed(1),
                                   class: `point quad-${point.quad || 0}`, "data-country": point.country || "" });
    const title = svg("title");
    title.textContent = `${point.name}, ${point.country}: ${point.events} events (click to filter by country)`;
    circle.append(title);
    if (point.country) circle.addEventListener("click", () => applyFilter({ country: point.country }));
    chart.append(circle);
  }
  $("map").replaceChildren(chart);
  const atCountry = body.countries.reduce((sum, c) => sum + c.without_coordinates, 0);
  $("map-caption").textContent = `${body.points.length} places` +
    (atCountry ? ` · ${atCountry} events placed only at country level (shaded)` : "") +
    (body.unplaced ? ` · ${body.unplaced} with no place` : "");
}

// ---- the dyad network: actors placed by a small force layout, edges weighted by events --------------

const NETWORK_LABELS = 12;  // only the most connected actors are labelled; the others on hover and in their title

// Positions for the nodes: a deterministic force layout (Fruchterman–Reingold from a circle, the same
// picture for the same data): actors repel each other, the edges of a dyad pull its actors together, a pull
// to the centre keeps unconnected groups near. The result is scaled into the box, then overlapping circles
// are pushed apart until no two touch.
function forceLayout(nodes, edges, size, radiusOf) {
  const n = nodes.length, centre = size / 2, margin = 24;
  const pos = nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    return { x: centre + size / 3 * Math.cos(angle), y: centre + size / 3 * Math.sin(angle) };
  });
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const k = (size - 2 * margin) / Math.sqrt(Math.max(1, n));  // the ideal distance between two actors
  let temperature = size / 10;
  for (let step = 0; step < 300; step++) {
    const shift = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        if (Math.abs(dx) + Math.abs(dy) < 0.01) { dx = 0.01 * (i - j); dy = 0.01; }
        const d = Math.hypot(dx, dy), push = k * k / d;
        shift[i].x += dx / d * push; shift[i].y += dy / d * push;
        shift[j].x -= dx / d * push; shift[j].y -= dy / d * push;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y, d = Math.max(0.01, Math.hypot(dx, dy));
      const pull = d * d / k;
      shift[a].x -= dx / d * pull; shift[a].y -= dy / d * pull;
      shift[b].x += dx / d * pull; shift[b].y += dy / d * pull;
    }
    for (let i = 0; i < n; i++) {
      shift[i].x += (centre - pos[i].x) * 0.3; shift[i].y += (centre - pos[i].y) * 0.3;
      const d = Math.max(0.01, Math.hypot(shift[i].x, shift[i].y)), move = Math.min(d, temperature);
      pos[i].x += shift[i].x / d * move; pos[i].y += shift[i].y / d * move;
    }
    temperature = Math.max(0.5, temperature * 0.98);
  }
  // into the box
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const span = Math.max(1, Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const scale = (size - 2 * margin - 60) / span, left = Math.min(...xs), top = Math.min(...ys);
  for (const p of pos) { p.x = margin + 30 + (p.x - left) * scale; p.y = margin + 30 + (p.y - top) * scale; }
  // overlapping circles pushed apart, a pair at a time
  for (let round = 0; round < 200; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y, d = Math.hypot(dx, dy);
        const room = radiusOf(nodes[i]) + radiusOf(nodes[j]) + 4;
        if (d >= room) continue;
        const ux = d > 0.01 ? dx / d : 1, uy = d > 0.01 ? dy / d : 0, half = (room - d) / 2 + 0.5;
        pos[i].x -= ux * half; pos[i].y -= uy * half; pos[j].x += ux * half; pos[j].y += uy * half;
        moved = true;
      }
    }
    for (const p of pos) {
      p.x = Math.min(size - margin, Math.max(margin, p.x));
      p.y = Math.min(size - margin, Math.max(margin, p.y));
    }
    if (!moved) break;
  }
  return new Map(nodes.map((node, i) => [node.code, pos[i]]));
}

// Where the labels of the most connected actors go: for each in turn, the first spot around its circle (right,
// left, above, below, then the diagonals, near and a little further out) where the label's box crosses no
// label placed before, no other actor's circle and stays in the view box; an actor with no such spot keeps
// its name in its title and on hover, like the others.
function placeLabels(nodes, place, radiusOf, size, count) {
  const LETTER = 7, LINE = 19;  // 10px text with its 3px halo: ~7 view-box units a letter, ~18 high
  const circles = nodes.map((node) => ({ code: node.code, ...place.get(node.code), r: radiusOf(node) }));
  const placed = [], labels = new Map();
  const crosses = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const hitsCircle = (box, code) => circles.some((c) => c.code !== code &&
    Math.hypot(Math.max(box.x - c.x, 0, c.x - box.x - box.width), Math.max(box.y - c.y, 0, c.y - box.y - box.height)) < c.r + 1);
  const ANGLES = [0, 180, 270, 90, 315, 45, 225, 135];
  for (const node of nodes.slice(0, count)) {
    const at = place.get(node.code), r = radiusOf(node), width = LETTER * node.code.length + 6;
    for (const gap of [3, 14]) {
      const spot = ANGLES.map((degrees) => {
        const cos = Math.cos(degrees * Math.PI / 180), sin = Math.sin(degrees * Math.PI / 180);
        const px = at.x + (r + gap) * cos, py = at.y + (r + gap) * sin;
        const x = cos > 0.3 ? px : cos < -0.3 ? px - width : px - width / 2;
        const y = sin > 0.3 ? py : sin < -0.3 ? py - LINE : py - LINE / 2;
        return { box: { x, y, width, height: LINE }, x: x + 3, y: y + LINE - 6, anchor: "start" };
      }).find(({ box }) => box.x >= 0 && box.y >= 0 && box.x + box.width <= size && box.y + box.height <= size
        && !placed.some((other) => crosses(box, other)) && !hitsCircle(box, node.code));
      if (spot) {
        placed.push(spot.box);
        labels.set(node.code, spot);
        break;
      }
    }
  }
  return labels;
}

async function loadNetwork(params) {
  const body = await api("/api/network", { ...params, limit: 40 });
  const box = $("network");
  if (!body.nodes.length) {
    box.replaceChildren(el("p", { class: "muted", text: "No events between two coded actors match these filters." }));
    return;
  }
  const size = 560;
  const biggest = Math.max(1, ...body.nodes.map((n) => n.events));
  const radiusOf = (node) => 3 + 7 * Math.sqrt(node.events / biggest);
  const place = forceLayout(body.nodes, body.edges, size, radiusOf);
  const labels = placeLabels(body.nodes, place, radiusOf, size, NETWORK_LABELS);  // the nodes come most connected first
  const chart = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img",
                             "aria-label": `Network of ${body.nodes.length} actors and ${body.edges.length} dyads` });
  const heaviest = Math.max(1, ...body.edges.map((e) => e.events));
  for (const edge of body.edges) {
    const a = place.get(edge.source), b = place.get(edge.target);
    const kind = edge.cooperation > edge.conflict ? "cooperation" : edge.conflict > edge.cooperation ? "conflict" : "mixed";
    // a curve bent to the right of A → B, so A → B and B → A are two lines
    const dx = b.x - a.x, dy = b.y - a.y;
    const mx = (a.x + b.x) / 2 - dy * 0.15, my = (a.y + b.y) / 2 + dx * 0.15;
    const line = svg("path", { d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`,
                               class: `edge ${kind}`, "stroke-width": (1 + 5 * edge.events / heaviest).toFixed(1),
                               "data-source": edge.source, "data-target": edge.target });
    const title = svg("title");
    title.textContent = `${edge.source} → ${edge.target}: ${edge.events} events (${edge.cooperation} cooperation, ${edge.conflict} conflict)`;
    line.append(title);
    chart.append(line);
  }
  for (const node of body.nodes) {
    const at = place.get(node.code), r = radiusOf(node);
    const shown = labels.get(node.code);
    const group = svg("g", { class: shown ? "node labelled" : "node", "data-code": node.code });
    group.append(svg("circle", { cx: at.x.toFixed(1), cy: at.y.toFixed(1), r: r.toFixed(1) }));
    const spot = shown || { x: at.x + r + 3, y: at.y + 4, anchor: "start" };  // an unlabelled name shows on hover
    const label = svg("text", { x: spot.x.toFixed(1), y: spot.y.toFixed(1), "text-anchor": spot.anchor });
    label.textContent = node.code;
    group.append(label);
    const title = svg("title");
    title.textContent = `${node.code}: ${node.events} events in these dyads (click: its events)`;
    group.append(title);
    group.addEventListener("click", () => applyFilter({ actor: node.code, source: "", target: "" }));
    chart.append(group);
  }
  box.replaceChildren(chart);
}

// ---- the actor page: what an actor did and had done to it over time, and what it said -------------

async function loadActor(params) {
  const view = $("actor-view");
  const code = params.actor;
  view.hidden = !code;
  if (!code) return;
  const rest = { ...params };
  delete rest.actor;
  const [by, against, quotes, types] = await Promise.all([
    api("/api/timeline", { ...rest, source: code, interval: "month" }),
    api("/api/timeline", { ...rest, target: code, interval: "month" }),
    api("/api/quotes", { actor: code, limit: 10 }),
    api(String(appHref("/api/actors/", code)) + "/types", rest)]);
  actorTypes(code, types.types);
  const total = (body) => body.buckets.reduce((sum, b) => sum + b.total, 0);
  $("actor-code").textContent = code;
  $("actor-counts").textContent = `${total(by)} events by ${code} (as source), ${total(against)} against it ` +
    `(as target), ${quotes.total} quotes by its speakers`;
  // one row of bars per role, months on a shared axis
  const months = [...new Set([...by.buckets, ...against.buckets].map((b) => b.start))].sort();
  const box = $("actor-timeline");
  box.replaceChildren();
  if (months.length) {
    const width = 900, row = 60, left = 90;
    const step = (width - left) / months.length;
    const max = Math.max(1, ...by.buckets.map((b) => b.total), ...against.buckets.map((b) => b.total));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${2 * row + 20}`, role: "img",
                               "aria-label": `Events by and against ${code} per month` });
    [["by", by, "#1f77b4"], ["against", against, "#d62728"]].forEach(([role, body, colour], r) => {
      const label = svg("text", { x: 0, y: r * row + row / 2, class: "tick" });
      label.textContent = role === "by" ? "as source" : "as target";
      chart.append(label);
      const counts = new Map(body.buckets.map((b) => [b.start, b.total]));
      months.forEach((month, i) => {
        const n = counts.get(month) || 0;
        if (!n) return;
        const h = (row - 10) * n / max;
        const bar = svg("rect", { x: left + i * step, y: r * row + row - h, width: Math.max(1, step * 0.8), height: h,
                                  fill: colour, class: `actor-bar ${role}` });
        const title = svg("title");
        title.textContent = `${month.slice(0, 7)}: ${n} events ${role === "by" ? "by" : "against"} ${code}`;
        bar.append(title);
        chart.append(bar);
      });
    });
    const first = svg("text", { x: left, y: 2 * row + 16, class: "tick" });
    first.textContent = months[0].slice(0, 7);
    const last = svg("text", { x: width, y: 2 * row + 16, "text-anchor": "end", class: "tick" });
    last.textContent = months[months.length - 1].slice(0, 7);
    chart.append(first, last);
    box.append(chart);
  }
  $("actor-quotes").replaceChildren(...quotes.quotes.map((q) => el("li", {},
    el("strong", { text: q.speaker.name || q.speaker.text || "?" }), ": “", q.content ? q.content.text : "", "” ",
    el("span", { class: "muted", text: `(${q.document.title || q.doc_id})` }))));
  if (!quotes.quotes.length) $("actor-quotes").append(el("li", { class: "muted", text: "No quotes by this actor." }));
}

// Per PLOVER type, the events by the actor and against it: a row each, with bars on one scale.
function actorTypes(code, types) {
  const body = $("actor-types").querySelector("tbody");
  const most = Math.max(1, ...types.map((t) => Math.max(t.by, t.against)));
  const bar = (n, role) => el("td", { class: "num" },
    el("span", { class: `type-bar ${role}`, style: { width: `${(60 * n / most).toFixed(0)}px` } }), ` ${n}`);
  body.replaceChildren(...types.map((t) => el("tr", { "data-type": t.type },
    el("td", {}, typeBadge(t.type)), bar(t.by, "by"), bar(t.against, "against"))));
  if (!types.length) body.append(el("tr", {}, el("td", { colspan: 3, class: "muted", text: `No events of ${code} match these filters.` })));
}

// ---- the document view: the article with the event's characters marked --------------------------

// Spans [{start, end, cls, label}] over text → nodes: each stretch between boundaries carries every class covering it.
function marked(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const on = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!on.length) { nodes.push(document.createTextNode(piece)); continue; }
    const attrs = { class: [...new Set(on.map((s) => s.cls))].join(" "), title: on.map((s) => s.label).join("; ") };
    const key = on.find((s) => s.event);
    if (key) attrs["data-event"] = key.event;
    nodes.push(el("mark", attrs, piece));
  }
  return nodes;
}

function describe(actor) {
  if (!actor) return "";
  return `${actor.name || actor.text}${actor.code ? ` (${actor.code})` : ""}`;
}

function eventSpans(event, inTitle, record) {
  const spans = [];
  const wanted = (span) => span && span.start !== null && span.start !== undefined;
  if (Boolean(event.headline) !== inTitle) return spans;
  if (wanted(event.trigger)) spans.push({ ...event.trigger, cls: "trg", label: `trigger: ${event.plover.type}` });
  if (wanted(event.source) && event.source.text) spans.push({ ...event.source, cls: "src", label: `source: ${describe(event.source)}` });
  if (wanted(event.target) && event.target.text) spans.push({ ...event.target, cls: "tgt", label: `target: ${describe(event.target)}` });
  return spans;
}

async function openEvent(id) {
  try {
    const event = await api(`/api/events/${encodeURIComponent(id)}`);
    const record = await api(appHref("/api/documents/", event.doc_id).url);
    state.event = id;
    writeUrl();
    for (const row of $("events").querySelectorAll("tbody tr")) row.classList.toggle("selected", row.dataset.id === id);
    renderDocument(record, event.event_id);
  } catch (error) {
    showError(error);
  }
}

// The article's own address: a link when it is a web address, otherwise the text itself, inert.
function originalLink(url) {
  if (!url) return "";
  const href = webUrl(url);
  if (href) return el("a", { href, rel: "noopener noreferrer", class: "original", text: "original" });
  return el("span", { class: "original-text", title: "not a web address, so not a link", text: `original: ${url}` });
}

function renderDocument(record, eventId) {
  const event = record.events.find((e) => e.id === eventId);
  $("doc-empty").hidden = true;
  $("doc-body").hidden = false;
  const spans = eventSpans(event, false, record);
  for (const q of record.quotes) {
    spans.push({ ...q.content, cls: "quote", label: `${q.kind} quote` + (q.speaker ? ` by ${q.speaker.text}` : "") });
    if (q.speaker && q.speaker.start !== null) spans.push({ ...q.speaker, cls: "spk", label: "speaker" });
  }
  for (const other of record.events) {
    if (other.id === eventId || other.headline || !other.trigger) continue;
    spans.push({ ...other.trigger, cls: "other", label: `${other.plover.type} (another event: click to show)`,
                 event: `${record.doc_id}:${other.id}` });
  }
  const title = record.title || "(no title)";
  $("doc-title").replaceChildren(...marked(title, eventSpans(event, true, record)));
  const meta = [record.source.outlet, record.published, record.dateline && record.dateline.text, record.byline]
    .filter(Boolean).join(" · ");
  $("doc-meta").replaceChildren(meta, record.source.url ? " · " : "", originalLink(record.source.url));
  const where = event.location ? [event.location.name, event.location.country].filter(Boolean).join(", ") : "";
  $("doc-event").replaceChildren(
    el("p", {}, el("strong", { text: describe(event.source) || "?" }), " → ", typeBadge(event.plover.type),
       ...modalityMarks(event.modality),
       ` (CAMEO ${event.cameo ? event.cameo.code : "?"}) → `, el("strong", { text: describe(event.target) || "?" })),
    el("p", { class: "muted", text: [event.date && event.date.value, where, `confidence ${event.confidence}`,
                                      event.rule].filter(Boolean).join(" · ") }));
  const text = $("doc-text");
  text.replaceChildren(...marked(record.text, spans));
  for (const mark of text.querySelectorAll("mark[data-event]")) {
    mark.addEventListener("click", () => openEvent(mark.dataset.event));
  }
  const list = $("doc-events");
  list.replaceChildren(...record.events.map((e) => el("li", {},
    el("button", { type: "button", class: "link", "aria-current": e.id === eventId ? "true" : null,
                   onclick: () => openEvent(`${record.doc_id}:${e.id}`) },
       `${describe(e.source) || "?"} → ${e.plover.type} → ${describe(e.target) || "?"}: “${e.trigger.text}”`))));
  $("doc-json").setAttribute("href", appHref("/api/documents/", record.doc_id));
  const trigger = (event.headline ? $("doc-title") : text).querySelector("mark.trg");
  $("doc-heading").focus({ preventScroll: true });
  // scroll the article text (not the page) so the trigger is in the middle of it
  const panel = text;
  if (trigger && !event.headline) {
    const offset = trigger.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTop = Math.max(0, offset - panel.clientHeight / 2);
  }
}

// ---- wiring -------------------------------------------------------------------------------------

async function start() {
  readUrl();
  try {
    await loadStats();
  } catch (error) {
    showError(error);
    return;
  }
  writeForm();
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); readForm(); state.offset = 0; refresh(); });
  $("reset").addEventListener("click", () => { state.filters = {}; state.offset = 0; writeForm(); refresh(); });
  $("sort").addEventListener("change", () => { state.sort = $("sort").value; state.offset = 0; refresh(); });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); });
  $("next").addEventListener("click", () => { state.offset += PAGE; refresh(); });
  await refresh();
  if (state.event) openEvent(state.event);
}

document.addEventListener("DOMContentLoaded", start);
