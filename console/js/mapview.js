// The map page: open tickets over the five kecamatan (counts per area, pins where a report has a place).

import { h, main } from "./dom.js";
import { PRIORITY, areaLabel, label } from "./labels.js";
import { drawMap } from "./map.js";
import { queue } from "./queue.js";

export function renderMapView() {
  const box = h("div", { class: "map-box big" });
  const summary = h("p", { class: "hint", role: "status" });
  main().replaceChildren(h("h1", {}, "Peta tiket terbuka"), summary, box);
  const draw = () => {
    const counts = {};
    for (const t of queue.items) if (t.area) counts[t.area] = (counts[t.area] || 0) + 1;
    const pins = queue.items
      .filter((t) => t.location)
      .map((t) => ({ lat: t.location.lat, lon: t.location.lon, priority: t.priority, href: `#/tiket/${t.ticket_no}`, label: `${t.ticket_no}, ${label(PRIORITY, t.priority)}, ${areaLabel(t.area)}` }));
    const unknown = queue.items.filter((t) => !t.area).length;
    summary.textContent = `${queue.items.length} tiket terbuka, ${pins.length} dengan titik lokasi${unknown ? `, ${unknown} belum diketahui wilayahnya` : ""}.`;
    drawMap(box, { counts, pins, title: "Peta tiket terbuka per kecamatan" });
  };
  queue.listeners.clear();
  queue.listeners.add(draw);
  draw();
}
