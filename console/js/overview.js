// The overview: open and overdue tickets per unit, median time to acknowledge today per priority and per
// channel (`GET /api/overview`) and each channel's health, refreshed every 30 seconds while shown; the
// parity report (loaded once per visit: it is a 30-day computation) below them. See health.js.

import { describe, get } from "./api.js";
import { h, main } from "./dom.js";
import { drawHealth, drawParity } from "./health.js";
import { CHANNEL, PRIORITY, UNIT, label } from "./labels.js";
import { clock, minutes } from "./time.js";

let timer = null;

function table(caption, head, rows) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: head.length }, "Belum ada data."))])),
  );
}

async function draw(box) {
  try {
    const o = await get("/api/overview");
    box.replaceChildren(
      h(
        "p",
        { class: "totals" },
        h("span", {}, h("strong", {}, String(o.totals.open)), " terbuka"),
        h("span", { class: o.totals.overdue ? "overdue" : "" }, h("strong", {}, String(o.totals.overdue)), " lewat batas"),
        h("span", {}, h("strong", {}, String(o.totals.acknowledged_today)), " diterima hari ini"),
      ),
      table(
        "Tiket terbuka per unit",
        ["Unit", "Terbuka", "Lewat batas", "Belum diterima"],
        o.units.map((u) => h("tr", {}, h("th", { scope: "row" }, label(UNIT, u.unit)), h("td", {}, String(u.open)), h("td", { class: u.overdue ? "overdue" : "" }, String(u.overdue)), h("td", {}, String(u.unacknowledged)))),
      ),
      table(
        "Median waktu sampai diterima hari ini, per prioritas",
        ["Prioritas", "Tiket", "Median"],
        o.ack_today.by_priority.map((r) => h("tr", {}, h("th", { scope: "row" }, label(PRIORITY, r.key)), h("td", {}, String(r.count)), h("td", {}, minutes(r.median_minutes)))),
      ),
      table(
        "Median waktu sampai diterima hari ini, per kanal",
        ["Kanal", "Tiket", "Median"],
        o.ack_today.by_channel.map((r) => h("tr", {}, h("th", { scope: "row" }, label(CHANNEL, r.key)), h("td", {}, String(r.count)), h("td", {}, minutes(r.median_minutes)))),
      ),
      h("p", { class: "hint" }, `Hari ini sejak ${clock(o.day_start)}; diperbarui ${clock(o.generated_at)}.`),
    );
  } catch (error) {
    box.replaceChildren(h("p", { class: "error", role: "alert" }, describe(error)));
  }
}

export function renderOverview() {
  const box = h("div", { class: "overview", "aria-live": "polite" }, h("p", {}, "Memuat ringkasan…"));
  const health = h("section", { id: "channel-health-slot", class: "panel overview", "aria-labelledby": "h-health" }, h("h2", { id: "h-health" }, "Kesehatan kanal"), h("p", {}, "Memuat kesehatan kanal…"));
  const parity = h("section", { id: "parity-slot", class: "panel overview", "aria-labelledby": "h-parity" }, h("h2", { id: "h-parity" }, "Paritas"), h("p", {}, "Memuat laporan paritas…"));
  main().replaceChildren(h("h1", {}, "Ringkasan"), box, health, parity);
  draw(box);
  drawHealth(health);
  drawParity(parity);
  clearInterval(timer);
  timer = setInterval(() => {
    if (!box.isConnected) return clearInterval(timer);
    draw(box);
    drawHealth(health);
  }, 30000);
}
