// Kota Malang's five kecamatan drawn as SVG from data/kecamatan.geojson (shipped with the console: no tile
// server, no CDN). The boundaries are approximate (see console/README.md): the map says so on its face.

import { h, svg } from "./dom.js";
import { AREA, PRIORITY } from "./labels.js";

let geo = null;
export async function boundaries() {
  if (!geo) {
    const response = await fetch("./data/kecamatan.geojson");
    if (!response.ok) throw new Error("peta");
    geo = await response.json();
  }
  return geo;
}

const WIDTH = 600;

function frame(data) {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const f of data.features) {
    for (const poly of f.geometry.coordinates) {
      for (const [lon, lat] of poly[0]) {
        minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((maxLon - minLon) * kx);
  const height = Math.round((maxLat - minLat) * scale);
  return {
    width: WIDTH,
    height,
    project: ([lon, lat]) => [(lon - minLon) * kx * scale, (maxLat - lat) * scale],
    unproject: ([x, y]) => [minLon + x / (kx * scale), maxLat - y / scale],
  };
}

function path(rings, project) {
  return rings
    .map((ring) => ring.map((p, i) => `${i ? "L" : "M"}${project(p).map((v) => v.toFixed(1)).join(",")}`).join("") + "Z")
    .join("");
}

/**
 * Draws the map. `counts` colours each kecamatan by its open tickets; `pins` are
 * `{lat, lon, priority, href, label}`; `onPick(lat, lon)` makes the map a pin picker (click, or the arrow
 * keys and Enter when it has focus).
 */
export async function drawMap(container, { counts = null, pins = [], onPick = null, picked = null, title } = {}) {
  const data = await boundaries();
  const f = frame(data);
  const max = counts ? Math.max(1, ...Object.values(counts)) : 1;
  const root = svg("svg", {
    viewBox: `0 0 ${f.width} ${f.height}`,
    class: "map",
    role: onPick ? "application" : "img",
    "aria-label": title || "Peta kecamatan Kota Malang",
    tabindex: onPick ? "0" : undefined,
  });
  const labels = [];
  for (const feature of data.features) {
    const area = feature.properties.area;
    const n = counts ? counts[area] || 0 : 0;
    const shade = counts ? `shade-${Math.min(4, Math.ceil((n / max) * 4))}` : "shade-0";
    const d = feature.geometry.coordinates.map((poly) => path(poly, f.project)).join("");
    root.append(svg("path", { d, class: `kec kec-${area} ${shade}` }, svg("title", {}, `${AREA[area]}${counts ? `: ${n} tiket terbuka` : ""}`)));
    let sx = 0, sy = 0, k = 0;
    for (const poly of feature.geometry.coordinates) for (const p of poly[0]) { const [x, y] = f.project(p); sx += x; sy += y; k += 1; }
    labels.push(svg("text", { x: (sx / k).toFixed(1), y: (sy / k).toFixed(1), class: "kec-label" }, counts ? `${AREA[area]} (${n})` : AREA[area]));
  }
  root.append(...labels);
  for (const pin of pins) {
    const [x, y] = f.project([pin.lon, pin.lat]);
    const dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 7, class: `pin pin-${pin.priority || "x"}` }, svg("title", {}, pin.label || ""));
    root.append(pin.href ? svg("a", { href: pin.href, "aria-label": pin.label || "tiket" }, dot) : dot);
  }
  let marker = null;
  const place = (lat, lon, announce = true) => {
    const [x, y] = f.project([lon, lat]);
    if (!marker) {
      marker = svg("g", { class: "picked" }, svg("circle", { r: 9 }), svg("circle", { r: 2 }));
      root.append(marker);
    }
    marker.setAttribute("transform", `translate(${x.toFixed(1)},${y.toFixed(1)})`);
    if (announce) onPick(Number(lat.toFixed(5)), Number(lon.toFixed(5)));
  };
  if (onPick) {
    const centre = f.unproject([f.width / 2, f.height / 2]);
    let cursor = picked ? [picked.lon, picked.lat] : centre;
    if (picked) place(picked.lat, picked.lon, false);
    root.addEventListener("click", (event) => {
      const box = root.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * f.width;
      const y = ((event.clientY - box.top) / box.height) * f.height;
      cursor = f.unproject([x, y]);
      place(cursor[1], cursor[0]);
    });
    root.addEventListener("keydown", (event) => {
      const step = event.shiftKey ? 0.005 : 0.001;
      const moves = { ArrowUp: [0, step], ArrowDown: [0, -step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
      if (moves[event.key]) {
        event.preventDefault();
        cursor = [cursor[0] + moves[event.key][0], cursor[1] + moves[event.key][1]];
        place(cursor[1], cursor[0]);
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        place(cursor[1], cursor[0]);
      }
    });
  }
  const legend = h(
    "p",
    { class: "map-note" },
    "Batas kecamatan perkiraan (bukan batas resmi): sel kelurahan terdekat, aturan yang sama dengan triase Aduan.",
    pins.length ? h("span", { class: "legend" }, ...Object.entries(PRIORITY).map(([k, v]) => h("span", { class: `dot pin-${k}` }, v))) : null,
  );
  container.replaceChildren(root, legend);
  return { place: (lat, lon) => place(lat, lon, false) };
}
