// The situation page: every panel is built from the JSON API with createElement/textContent.
// Data only ever becomes text nodes, and no handler is written inline (the CSP forbids them).
(function () {
  "use strict";

  const COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
  };
  const SVGNS = "http://www.w3.org/2000/svg";
  const state = { events: [], days: [], dayCounts: {}, start: null, end: null, actor: null, search: "", sortKey: "event_date", sortDir: 1, selected: null };
  let map = null;
  let markerLayer = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escapeHTML(text) { return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; }); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  async function getJSON(url) {
    const res = await fetch(url);  // no extra headers, so preloaded responses are reused
    if (!res.ok) throw new Error(url + ": " + res.status);
    return res.json();
  }
  function day(e) { return (e.event_date || "").slice(0, 10); }
  function actorsOf(e) { return [e.actor1, e.actor2].concat(e.assoc_actor_1 || [], e.assoc_actor_2 || []).filter(Boolean); }

  // The page's head lists (and preloads) the pages of the compact listing; all are requested at
  // once, as soon as this script runs, while the map and the basemap load.
  async function loadEvents() {
    const urls = Array.from(document.querySelectorAll("link[data-events]"), function (l) { return l.getAttribute("href"); });
    if (!urls.length) urls.push("/api/events?view=rows&limit=5000&offset=0");
    const pages = await Promise.all(urls.map(getJSON));
    for (let offset = urls.length * pages[0].limit; offset < pages[0].total; offset += pages[0].limit) {
      pages.push(await getJSON("/api/events?view=rows&limit=" + pages[0].limit + "&offset=" + offset));
    }
    const events = [];
    for (const page of pages) {
      const cols = page.columns;
      for (const row of page.rows) {
        const e = {};
        for (let i = 0; i < cols.length; i++) e[cols[i]] = row[i];
        events.push(e);
      }
    }
    return events;
  }

  function filtered() {
    const q = state.search.trim().toLowerCase();
    return state.events.filter(function (e) {
      const d = day(e);
      if ((state.start || state.end) && !d) return false;
      if (state.start && d < state.start) return false;
      if (state.end && d > state.end) return false;
      if (state.actor && actorsOf(e).indexOf(state.actor) < 0) return false;
      if (!q) return true;
      const hay = [e.event_type, e.sub_event_type, e.location, e.admin1, e.country, d].concat(actorsOf(e)).join(" ").toLowerCase();
      return hay.indexOf(q) >= 0;
    });
  }

  function refresh() {
    const rows = filtered();
    document.getElementById("count-events").textContent = String(rows.length);
    const parts = [];
    if (state.start || state.end) parts.push("days " + (state.start || "…") + " to " + (state.end || "…"));
    if (state.actor) parts.push("actor " + state.actor);
    if (state.search) parts.push("search “" + state.search + "”");
    document.getElementById("filter-state").textContent = parts.length ? "Filtered by " + parts.join(", ") + "." : "";
    drawMarkers(rows);
    drawTable(rows);
    drawTimeline();
  }

  // ---- map -------------------------------------------------------------------------------
  // Online tiles only when the server was started with --tiles; otherwise the packaged borders.
  async function drawBasemap() {
    const tiles = document.getElementById("map").dataset;
    if (tiles.tiles) {
      L.tileLayer(tiles.tiles, { attribution: "", maxZoom: 18 }).addTo(map);
      // attribution text goes in as text: Leaflet would parse it as HTML
      if (tiles.tilesAttribution) map.attributionControl.addAttribution(escapeHTML(tiles.tilesAttribution));
      return;
    }
    map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
    try {
      const world = await getJSON("/static/vendor/world-atlas/countries-110m.json");
      const land = topojson.feature(world, world.objects.countries);
      // drawn under whatever markers are already there
      L.geoJSON(land, { style: { color: "#777", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map).bringToBack();
    } catch (err) { console.warn("basemap", err); }
  }

  function initMap() {
    map = L.map("map", { worldCopyJump: true, attributionControl: true, maxZoom: 18 }).setView([34, 38], 5);
    map.attributionControl.setPrefix(false);
    markerLayer = L.layerGroup().addTo(map);
    map.on("zoomend", function () { if (markerLayer) renderMarkers(); });
    const legend = document.getElementById("legend");
    for (const [name, color] of Object.entries(COLORS)) {
      const item = el("span");
      const dot = el("i");
      dot.style.background = color;
      item.appendChild(dot);
      item.appendChild(document.createTextNode(name));
      legend.appendChild(item);
    }
  }

  // Markers are clustered on a screen grid at the current zoom: a cell holding several events
  // becomes one count badge (click zooms to them), so 10,000 events stay a few hundred shapes.
  const CLUSTER_PX = 48;
  const TABLE_ROWS = 200;
  let markerRows = [];

  function drawMarkers(rows) {
    if (!markerLayer) return;
    markerRows = rows.filter(function (e) { return e.latitude !== null && e.longitude !== null; });
    if (markerRows.length && !map._fitted) {
      map._fitted = true;
      let south = 90, west = 180, north = -90, east = -180;
      for (const e of markerRows) {
        south = Math.min(south, e.latitude); north = Math.max(north, e.latitude);
        west = Math.min(west, e.longitude); east = Math.max(east, e.longitude);
      }
      // not animated, so markers are drawn once; a changed zoom draws them through "zoomend"
      const zoom = map.getZoom();
      map.fitBounds([[south, west], [north, east]], { maxZoom: 8, padding: [20, 20], animate: false });
      if (map.getZoom() !== zoom) return;
    }
    renderMarkers();
  }

  // Web Mercator in world units (0..1), the projection of Leaflet's default CRS; cached per event,
  // since Leaflet's own map.project allocates objects and costs more than the clustering itself.
  function mercator(e) {
    if (e._mx === undefined) {
      const lat = Math.max(Math.min(e.latitude, 85.0511287798), -85.0511287798) * Math.PI / 180;
      e._mx = e.longitude / 360 + 0.5;
      e._my = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
    }
    return e;
  }

  function renderMarkers() {
    markerLayer.clearLayers();
    const zoom = map.getZoom();
    const cellWorld = CLUSTER_PX / (256 * Math.pow(2, zoom));
    const cells = new Map();
    for (const e of markerRows) {
      mercator(e);
      const key = Math.floor(e._mx / cellWorld) * 4194304 + Math.floor(e._my / cellWorld);  // 2^22 cells a side is zoom 18
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(e);
    }
    for (const group of cells.values()) {
      if (group.length === 1 || zoom >= map.getMaxZoom()) { for (const e of group) eventMarker(e).addTo(markerLayer); continue; }
      clusterMarker(group).addTo(markerLayer);
    }
  }

  function eventMarker(e) {
    const radius = 4 + 2 * Math.sqrt(e.fatalities || 0);
    const m = L.circleMarker([e.latitude, e.longitude], {
      radius: radius, color: "#333", weight: 1, fillColor: COLORS[e.event_type] || "#555", fillOpacity: 0.75,
    });
    const tip = el("div");
    tip.textContent = day(e) + " " + e.sub_event_type + " — " + (e.location || "?") + (e.fatalities ? " (" + e.fatalities + " killed)" : "");
    m.bindTooltip(tip);
    m.on("click", function () { showDetail(e.id); });
    return m;
  }

  function clusterMarker(group) {
    let lat = 0, lon = 0, killed = 0;
    const types = {};
    for (const e of group) {
      lat += e.latitude; lon += e.longitude; killed += e.fatalities || 0;
      types[e.event_type] = (types[e.event_type] || 0) + 1;
    }
    const top = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
    const size = Math.min(56, 22 + 4 * Math.log2(group.length));
    const badge = el("div", { class: "marker-cluster" }, String(group.length));
    badge.style.background = COLORS[top] || "#555";
    badge.style.width = badge.style.height = badge.style.lineHeight = size + "px";
    const m = L.marker([lat / group.length, lon / group.length], {
      icon: L.divIcon({ html: badge, className: "", iconSize: [size, size] }),
    });
    const tip = el("div");
    tip.textContent = group.length + " events" + (killed ? ", " + killed + " killed" : "") + "; mostly " + top;
    m.bindTooltip(tip);
    m.on("click", function () {
      map.fitBounds(group.map(function (e) { return [e.latitude, e.longitude]; }), { padding: [30, 30], maxZoom: map.getZoom() + 3 });
    });
    return m;
  }

  // ---- timeline with a brush ---------------------------------------------------------------
  let timelineWidth = 0;

  function dayRange(events) {
    const days = events.map(day).filter(Boolean).sort();
    if (!days.length) return [];
    const out = [];
    const cur = new Date(days[0] + "T00:00:00Z");
    const last = new Date(days[days.length - 1] + "T00:00:00Z");
    while (cur <= last && out.length < 5000) { out.push(cur.toISOString().slice(0, 10)); cur.setUTCDate(cur.getUTCDate() + 1); }
    return out;
  }

  function drawTimeline() {
    const node = document.getElementById("timeline");
    clear(node);
    const days = state.days;
    // the width is read once per resize: reading it here would force a layout of the fresh table
    const width = timelineWidth || 600, height = 120, pad = 18;
    node.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!days.length) return;
    const counts = state.dayCounts;
    let max = 0;
    for (const d in counts) max = Math.max(max, counts[d]);
    const bw = width / days.length;
    days.forEach(function (d, i) {
      const h = ((counts[d] || 0) / max) * (height - pad - 4);
      const bar = svg("rect", { class: "bar", x: i * bw + 0.5, y: height - pad - h, width: Math.max(bw - 1, 1), height: h });
      const title = svg("title"); title.textContent = d + ": " + (counts[d] || 0);
      bar.appendChild(title);
      node.appendChild(bar);
    });
    const label = function (x, anchor, text) {
      const t = svg("text", { x: x, y: height - 4, "text-anchor": anchor, "font-size": 10 }); t.textContent = text; node.appendChild(t);
    };
    label(0, "start", days[0]); label(width, "end", days[days.length - 1]);
    if (state.start || state.end) {
      const a = state.start ? Math.max(days.indexOf(state.start), 0) : 0;
      const b = state.end ? days.indexOf(state.end) : days.length - 1;
      node.appendChild(svg("rect", { class: "brush", x: a * bw, y: 0, width: Math.max((b - a + 1) * bw, 2), height: height - pad }));
    }
    node._days = days; node._bw = bw;
  }

  function initBrush() {
    const node = document.getElementById("timeline");
    let from = null;
    const dayAt = function (evt) {
      const box = node.getBoundingClientRect();
      const x = (evt.clientX - box.left) * ((node.viewBox.baseVal.width || box.width) / box.width);
      const days = node._days || [];
      return days[Math.min(Math.max(Math.floor(x / node._bw), 0), days.length - 1)];
    };
    node.addEventListener("mousedown", function (evt) { from = dayAt(evt); evt.preventDefault(); });
    node.addEventListener("mousemove", function (evt) {
      if (from === null) return;
      const to = dayAt(evt);
      state.start = from < to ? from : to; state.end = from < to ? to : from;
      drawTimeline();
    });
    window.addEventListener("mouseup", function () { if (from !== null) { from = null; refresh(); } });
    node.addEventListener("dblclick", function () { state.start = state.end = null; refresh(); });
  }

  // ---- table -------------------------------------------------------------------------------
  function drawTable(rows) {
    const key = state.sortKey, dir = state.sortDir;
    rows = rows.slice().sort(function (a, b) {
      const x = a[key] === null || a[key] === undefined ? "" : a[key];
      const y = b[key] === null || b[key] === undefined ? "" : b[key];
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    const body = document.querySelector("#events tbody");
    clear(body);
    // A table of thousands of rows costs seconds of layout; sort, search or brush to reach the rest.
    const shown = rows.slice(0, TABLE_ROWS);
    document.getElementById("table-note").textContent = rows.length > shown.length
      ? "Showing the first " + shown.length + " of " + rows.length + " events: sort, search or brush the timeline for others." : "";
    for (const e of shown) {
      const tr = el("tr", { "data-id": e.id });
      if (e.id === state.selected) tr.className = "selected";
      [day(e), e.sub_event_type, e.actor1, e.actor2, e.location, e.fatalities, e.sources].forEach(function (v) {
        tr.appendChild(el("td", {}, v === null || v === undefined ? "" : v));
      });
      tr.addEventListener("click", function () { showDetail(e.id); });
      body.appendChild(tr);
    }
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.className = th.getAttribute("data-key") === key ? (dir > 0 ? "sorted-asc" : "sorted-desc") : "";
    });
  }

  function initTable() {
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () {
        const k = th.getAttribute("data-key");
        state.sortDir = state.sortKey === k ? -state.sortDir : 1;
        state.sortKey = k;
        drawTable(filtered());
      });
    });
    document.getElementById("search").addEventListener("input", function (evt) { state.search = evt.target.value; refresh(); });
    document.getElementById("clear-filters").addEventListener("click", function () {
      state.start = state.end = state.actor = null; state.search = "";
      document.getElementById("search").value = "";
      refresh();
    });
  }

  // ---- detail with highlighted evidence ---------------------------------------------------
  function highlighted(text, spans) {
    const pre = el("pre");
    const sorted = spans.slice().sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    let pos = 0;
    for (const s of sorted) {
      if (s.start < pos || s.end > text.length || s.end <= s.start) continue; // overlapping span: shown in the field list only
      pre.appendChild(document.createTextNode(text.slice(pos, s.start)));
      const mark = el("mark", { title: s.field }, text.slice(s.start, s.end));
      mark.appendChild(el("span", { class: "field" }, s.field));
      pre.appendChild(mark);
      pos = s.end;
    }
    pre.appendChild(document.createTextNode(text.slice(pos)));
    return pre;
  }

  async function showDetail(id) {
    state.selected = id;
    const box = document.getElementById("detail");
    clear(box);
    let data;
    try { data = await getJSON("/api/events/" + encodeURIComponent(id)); } catch (err) { box.appendChild(el("p", {}, String(err))); return; }
    const ev = data.event;
    box.appendChild(el("h3", {}, day(ev) + " — " + ev.sub_event_type + " (" + ev.event_type + ")"));
    const dl = el("table");
    for (const k of ["actor1", "actor2", "location", "admin1", "country", "fatalities", "attribution", "hedged", "notes"]) {
      const v = ev[k];
      if (v === null || v === undefined || v === "") continue;
      const tr = el("tr"); tr.appendChild(el("th", {}, k)); tr.appendChild(el("td", {}, v)); dl.appendChild(tr);
    }
    box.appendChild(dl);
    box.appendChild(el("h4", {}, "Evidence"));
    const evl = el("ul", { class: "evidence" });
    for (const s of data.evidence) evl.appendChild(el("li", {}, s.field + ": “" + s.text + "”"));
    box.appendChild(evl);
    box.appendChild(el("h4", {}, "Sources"));
    const ul = el("ul");
    for (const a of data.articles) {
      const li = el("li", {}, (a.title || a.article_id) + (a.outlet ? " — " + a.outlet : "") + (a.published ? " " + a.published : ""));
      if (a.url && /^https?:\/\//i.test(a.url)) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, a.url));
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
    for (const a of data.articles) {
      // the whole-sentence span would swallow the field spans inside it, so it is not marked
      const spans = data.evidence.filter(function (s) { return s.article_id === a.article_id && s.field !== "sentence"; });
      box.appendChild(el("h4", {}, "Evidence in " + (a.title || a.article_id)));
      box.appendChild(highlighted(a.text || "", spans));
    }
    drawTable(filtered());
  }

  // ---- actor network (small force layout) --------------------------------------------------
  // Fruchterman-Reingold: repulsion k²/d, attraction d²/k, moves capped by a cooling temperature.
  function layout(nodes, links, width, height) {
    const idx = {};
    const k = 0.9 * Math.sqrt((width * height) / Math.max(nodes.length, 1));
    nodes.forEach(function (n, i) {
      idx[n.id] = i;
      n.x = width / 2 + (width / 3) * Math.cos(i * 2.4) * ((i % 7) + 1) / 7;
      n.y = height / 2 + (height / 3) * Math.sin(i * 2.4) * ((i % 7) + 1) / 7;
    });
    const steps = 200;
    for (let step = 0; step < steps; step++) {
      const temp = (width / 10) * (1 - step / steps) + 1;
      for (const n of nodes) { n.dx = (width / 2 - n.x) * 0.03; n.dy = (height / 2 - n.y) * 0.03; }
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y; const d = Math.sqrt(dx * dx + dy * dy) + 0.01; const f = (k * k) / d / d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const l of links) {
        const a = nodes[idx[l.source]], b = nodes[idx[l.target]]; if (!a || !b || a === b) continue;
        const dx = b.x - a.x, dy = b.y - a.y; const d = Math.sqrt(dx * dx + dy * dy) + 0.01; const f = d / k;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const n of nodes) {
        const len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) + 0.01; const move = Math.min(len, temp);
        n.x = Math.min(Math.max(n.x + (n.dx / len) * move, 10), width - 10);
        n.y = Math.min(Math.max(n.y + (n.dy / len) * move, 10), height - 10);
      }
    }
    return idx;
  }

  async function drawNetwork() {
    const node = document.getElementById("network");
    const data = await getJSON("/api/network");
    const width = node.clientWidth || 600, height = 420;
    node.setAttribute("viewBox", "0 0 " + width + " " + height);
    const links = (data.links || data.edges || []);
    // actors with no edge say nothing here and would crowd the border: only linked ones are drawn
    const linked = new Set();
    for (const l of links) { linked.add(l.source); linked.add(l.target); }
    const nodes = data.nodes.filter(function (n) { return linked.has(n.id); })
      .sort(function (a, b) { return (b.mentions || 0) - (a.mentions || 0); }).slice(0, 150);
    const idx = layout(nodes, links, width, height);
    for (const l of links) {
      const a = nodes[idx[l.source]], b = nodes[idx[l.target]]; if (!a || !b) continue;
      const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: l.relation === "fights" ? "fights" : "", "stroke-width": Math.min(1 + (l.weight || 1), 6) });
      const t = svg("title"); t.textContent = l.source + " " + l.relation + " " + l.target; line.appendChild(t);
      node.appendChild(line);
    }
    for (const n of nodes) {
      const c = svg("circle", { cx: n.x, cy: n.y, r: 4 + Math.min(Math.sqrt(n.mentions || 1), 8), fill: n.type === "state" || n.type === "military" ? "#34495e" : "#e67e22" });
      const t = svg("title"); t.textContent = n.id + (n.type ? " (" + n.type + ")" : ""); c.appendChild(t);
      c.addEventListener("click", function () { state.actor = state.actor === n.id ? null : n.id; refresh(); });
      node.appendChild(c);
      const label = svg("text", { x: n.x + 7, y: n.y + 3 }); label.textContent = n.id; node.appendChild(label);
    }
  }

  // ---- contradictions and control ---------------------------------------------------------
  async function drawContradictions() {
    const box = document.getElementById("contradictions");
    const data = await getJSON("/api/contradictions");
    if (!data.contradictions.length) { box.appendChild(el("p", { class: "unknown" }, "No contradictions found.")); return; }
    for (const c of data.contradictions) {
      const div = el("div", { class: "contradiction" });
      div.appendChild(el("h4", {}, c.summary));
      for (const cl of c.asserting_claims.concat(c.denying_claims)) {
        div.appendChild(el("p", { class: "claim-" + cl.stance }, cl.claimant + " " + cl.stance + ": “" + (cl.evidence ? cl.evidence.text : cl.about) + "”"));
      }
      if (c.event_id) {
        const b = el("button", { type: "button" }, "Show event");
        b.addEventListener("click", function () { showDetail(c.event_id); });
        div.appendChild(b);
      }
      box.appendChild(div);
    }
  }

  async function drawControl(d) {
    const body = document.querySelector("#control tbody");
    clear(body);
    if (!d) return;
    const data = await getJSON("/api/control?day=" + encodeURIComponent(d));
    for (const t of data.towns) {
      const tr = el("tr");
      tr.appendChild(el("td", {}, t.location + (t.country ? ", " + t.country : "")));
      tr.appendChild(el("td", { class: t.holder === "unknown" ? "unknown" : "" }, t.holder));
      tr.appendChild(el("td", {}, t.since || ""));
      const ev = el("td");
      for (const s of t.evidence.slice(0, 3)) ev.appendChild(el("div", {}, s.field + ": “" + s.text + "”"));
      if (t.event_id) { tr.addEventListener("click", function () { showDetail(t.event_id); }); }
      tr.appendChild(ev);
      body.appendChild(tr);
    }
  }

  async function main(eventsLoading) {
    initTable();
    initBrush();
    initMap();
    const basemap = drawBasemap();
    timelineWidth = document.getElementById("timeline").clientWidth;
    window.addEventListener("resize", function () { timelineWidth = document.getElementById("timeline").clientWidth; drawTimeline(); });
    state.events = await eventsLoading;
    state.days = dayRange(state.events);
    state.dayCounts = {};
    for (const e of state.events) { const d = day(e); if (d) state.dayCounts[d] = (state.dayCounts[d] || 0) + 1; }
    refresh();
    const days = state.days;
    const picker = document.getElementById("control-day");
    picker.value = days.length ? days[days.length - 1] : new Date().toISOString().slice(0, 10);
    picker.addEventListener("change", function () { drawControl(picker.value); });
    await Promise.all([basemap, drawNetwork(), drawContradictions(), drawControl(picker.value)]);
  }

  function start() {
    const eventsLoading = loadEvents();
    main(eventsLoading).catch(function (err) { console.error(err); document.getElementById("filter-state").textContent = "Error: " + err.message; });
  }
  // app.js is the last thing in <body>, so the elements it reads are already parsed
  if (document.readyState === "loading" && !document.getElementById("count-events")) document.addEventListener("DOMContentLoaded", start);
  else start();
})();
