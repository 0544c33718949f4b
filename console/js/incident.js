// Incidents: one event told by several reports across channels (`GET /api/incidents/<id>`). The ticket page
// shows its incident in a panel; `#/insiden/<id>` lists every report, puts them on the map, and carries the
// officers' actions on the whole incident (acknowledge, resolve, merge another incident into it) and on one
// report (split it out). Every action asks for confirmation first and shows what it did; the API decides who
// may do what, the console shows what it answers.

import { ApiError, describe, get, post } from "./api.js";
import { append, clear, h, main, notify } from "./dom.js";
import { CATEGORY, CHANNEL, PRIORITY, STATUS, areaLabel, label } from "./labels.js";
import { drawMap } from "./map.js";
import { refreshQueue } from "./queue.js";
import { clock } from "./time.js";

const ID_RE = /^IN-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

export const INCIDENT_EVENT = {
  dibuka: "Insiden dibuka",
  bergabung: "Laporan bergabung",
  digabung: "Insiden digabung",
  dipisah: "Laporan dipisah",
  tindakan_ack: "Semua laporan diterima",
  tindakan_resolve: "Semua laporan diselesaikan",
};

export function incidentHref(id) {
  return `#/insiden/${encodeURIComponent(id)}`;
}

/** "WhatsApp 2, Instagram 1" from the incident's reports. */
export function byChannel(tickets) {
  const counts = new Map();
  for (const t of tickets || []) counts.set(t.channel, (counts.get(t.channel) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c, n]) => `${label(CHANNEL, c)} ${n}`).join(", ");
}

function statusText(view) {
  return view.open ? "Terbuka" : "Ditutup";
}

function errorText(error) {
  if (error instanceof ApiError && error.status === 404 && !error.message.toLowerCase().includes("insiden") && !error.message.toLowerCase().includes("tiket")) {
    return "Insiden tidak ditemukan.";
  }
  return describe(error);
}

/**
 * A button that asks first: pressing it shows the question with "Ya" and "Batal"; "Ya" runs `action` and
 * shows its result (or its error) in `out`.
 */
function confirmed({ id, text, question, yes, action, out, before = () => true }) {
  const box = h("div", { class: "confirm", hidden: true, role: "group", "aria-label": question });
  const start = h("button", { type: "button", id, "aria-expanded": "false" }, text);
  const ask = h("p", { class: "question" }, question);
  const ok = h("button", { type: "button", class: "primary", id: `${id}-yes` }, yes);
  const cancel = h("button", { type: "button", id: `${id}-no` }, "Batal");
  const close = () => {
    box.hidden = true;
    start.setAttribute("aria-expanded", "false");
    start.focus();
  };
  start.addEventListener("click", () => {
    out.textContent = "";
    out.className = "result";
    if (!before()) return;
    box.hidden = false;
    start.setAttribute("aria-expanded", "true");
    cancel.focus();
  });
  cancel.addEventListener("click", close);
  ok.addEventListener("click", async () => {
    ok.disabled = true;
    cancel.disabled = true;
    try {
      await action();
      box.hidden = true;
    } catch (error) {
      out.className = "result error";
      out.setAttribute("role", "alert");
      out.textContent = errorText(error);
      box.hidden = true;
      start.focus();
    } finally {
      ok.disabled = false;
      cancel.disabled = false;
      start.setAttribute("aria-expanded", "false");
    }
  });
  box.append(ask, h("div", { class: "row-actions" }, ok, cancel));
  return h("div", { class: "confirmed" }, start, box);
}

// ------------------------------------------------------------------ the ticket page's panel
/** Fills the ticket page's `#incident-slot` with the ticket's incident (or leaves it as it is). */
export async function incidentPanel(slot, t) {
  if (!t.incident_id) return;
  slot.hidden = false;
  slot.setAttribute("aria-label", "Insiden");
  const body = h("div", { class: "incident-panel" }, h("p", { class: "muted" }, "Memuat insiden…"));
  slot.replaceChildren(h("h2", { id: "h-incident" }, "Insiden"), body, ...slot.querySelectorAll(".related"));
  slot.setAttribute("aria-labelledby", "h-incident");
  let view;
  try {
    view = await get(`/api/incidents/${encodeURIComponent(t.incident_id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    body.replaceChildren(h("p", {}, "Tiket ini termasuk insiden ", h("a", { href: incidentHref(t.incident_id) }, t.incident_id), "."), h("p", { class: "error", role: "alert" }, errorText(error)));
    return;
  }
  const mine = (view.tickets || []).find((m) => m.ticket_no === t.ticket_no);
  const others = (view.tickets || []).length - 1;
  append(clear(body), [
    h(
      "p",
      { class: "incident-line" },
      h("a", { href: incidentHref(view.incident_id), id: "incident-link" }, h("strong", {}, view.incident_id)),
      " ",
      h("span", { class: `badge prio-${view.priority}` }, label(PRIORITY, view.priority)),
      ` · ${statusText(view)} · ${view.reports} laporan`,
      others > 0 ? ` (${others} dari warga lain)` : "",
    ),
    h("p", { class: "channels" }, "Per kanal: ", byChannel(view.tickets) || "—"),
    mine
      ? h(
          "div",
          { class: "join-reasons" },
          h("p", {}, mine.opened ? "Tiket ini membuka insiden:" : "Alasan tiket ini digabung ke insiden:"),
          mine.reasons && mine.reasons.length ? h("ul", { class: "reasons" }, ...mine.reasons.map((r) => h("li", {}, r))) : h("p", { class: "muted" }, "Tanpa alasan tercatat."),
        )
      : null,
    h("p", {}, h("a", { href: incidentHref(view.incident_id) }, "Lihat semua laporan insiden ini di peta →")),
  ]);
}

// ------------------------------------------------------------------ the incident page
function facts(view) {
  const rows = [
    ["Status", statusText(view)],
    ["Prioritas", label(PRIORITY, view.priority)],
    ["Kategori", (view.categories && view.categories.length ? view.categories : [view.category]).map((c) => label(CATEGORY, c)).join(", ")],
    ["Wilayah", areaLabel(view.area)],
    ["Laporan", `${view.reports} (${byChannel(view.tickets) || "—"})`],
    ["Laporan pertama", clock(view.first_at)],
    ["Laporan terakhir", clock(view.last_at)],
  ];
  if (view.places && view.places.length) rows.push(["Tempat", view.places.join(", ")]);
  if (view.danger && view.danger.length) rows.push(["Bahaya", view.danger.join(", ")]);
  return h("dl", { class: "facts", id: "incident-facts" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function reportsTable(view, out) {
  const head = ["Tiket", "Kanal", "Waktu", "Prioritas", "Status", "Alasan digabung", ""];
  const rows = (view.tickets || []).map((m) =>
    h(
      "tr",
      { dataset: { ticket: m.ticket_no, channel: m.channel } },
      h("th", { scope: "row" }, h("a", { href: `#/tiket/${encodeURIComponent(m.ticket_no)}`, class: "ticket-no" }, m.ticket_no)),
      h("td", {}, label(CHANNEL, m.channel)),
      h("td", {}, clock(m.reported_at)),
      h("td", {}, h("span", { class: `badge prio-${m.priority}` }, label(PRIORITY, m.priority))),
      h("td", { class: "status" }, m.status ? label(STATUS, m.status) : "belum ada data"),
      h("td", {}, m.opened ? "membuka insiden" : m.reasons && m.reasons.length ? h("ul", { class: "reasons" }, ...m.reasons.map((r) => h("li", {}, r))) : "—"),
      h(
        "td",
        {},
        view.open
          ? confirmed({
              id: `split-${m.ticket_no}`,
              text: "Pisahkan",
              question: `Pisahkan tiket ${m.ticket_no} dari insiden ini? Tiket itu akan ditangani sendiri.`,
              yes: "Ya, pisahkan",
              out,
              action: async () => {
                const result = await post(`/api/tickets/${encodeURIComponent(m.ticket_no)}/split`, {});
                refreshQueue();
                await showIncident(view.incident_id, {
                  result: `Tiket ${result.ticket_no} dipisahkan dari insiden ${view.incident_id}; sisa ${result.incident.reports} laporan.`,
                });
              },
            })
          : null,
      ),
    ),
  );
  return h(
    "table",
    { class: "reports", id: "incident-reports" },
    h("caption", {}, `${(view.tickets || []).length} laporan dalam insiden ini`),
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: head.length }, "Tidak ada laporan lagi dalam insiden ini."))])),
  );
}

function outcomeList(result, verb) {
  const tickets = result.tickets || [];
  const done = tickets.filter((t) => t.ok);
  return [
    h("p", {}, `${done.length} dari ${tickets.length} laporan ${verb}.`),
    h(
      "ul",
      { class: "outcomes" },
      ...tickets.map((t) =>
        h("li", { dataset: { ticket: t.ticket_no } }, h("a", { href: `#/tiket/${encodeURIComponent(t.ticket_no)}` }, t.ticket_no), t.ok ? `: ${label(STATUS, t.status)}` : `: tidak diubah (${t.reason || "ditolak"})`),
      ),
    ),
  ];
}

function actions(view, out) {
  if (!view.open) return [h("p", { class: "muted" }, "Insiden ini sudah ditutup (laporannya digabung ke insiden lain atau dipisahkan).")];
  const rerender = (result) => showIncident(view.incident_id, { result });
  const ack = confirmed({
    id: "incident-ack",
    text: "Terima semua laporan",
    question: `Terima ${view.reports} laporan insiden ini atas nama Anda? Setiap warga tetap mendapat tanda terima sendiri.`,
    yes: "Ya, terima semua",
    out,
    action: async () => {
      const result = await post(`/api/incidents/${encodeURIComponent(view.incident_id)}/ack`, {});
      refreshQueue();
      await rerender(outcomeList(result, "diterima"));
    },
  });
  const note = h("textarea", { id: "incident-resolve-note", rows: 2, maxlength: 2000 });
  const resolve = confirmed({
    id: "incident-resolve",
    text: "Selesaikan semua laporan",
    question: `Selesaikan ${view.reports} laporan insiden ini? Setiap warga mendapat kabar penyelesaian sendiri.`,
    yes: "Ya, selesaikan",
    out,
    before: () => {
      if (note.value.trim()) return true;
      out.className = "result error";
      out.textContent = "Catatan penyelesaian wajib diisi.";
      note.focus();
      return false;
    },
    action: async () => {
      const result = await post(`/api/incidents/${encodeURIComponent(view.incident_id)}/resolve`, { note: note.value.trim() });
      refreshQueue();
      await rerender(outcomeList(result, "diselesaikan"));
    },
  });
  const other = h("input", { id: "incident-merge-id", autocomplete: "off", placeholder: "IN-XXXX-XXXX", spellcheck: "false", "aria-describedby": "incident-merge-id-hint" });
  const merge = confirmed({
    id: "incident-merge",
    text: "Gabungkan",
    question: "Pindahkan semua laporan insiden itu ke insiden ini? Insiden itu ditutup.",
    yes: "Ya, gabungkan",
    out,
    before: () => {
      const value = other.value.trim().toUpperCase();
      other.value = value;
      if (!ID_RE.test(value)) {
        out.className = "result error";
        out.textContent = "Nomor insiden berbentuk IN-XXXX-XXXX.";
        other.focus();
        return false;
      }
      if (value === view.incident_id) {
        out.className = "result error";
        out.textContent = "Insiden tidak dapat digabung dengan dirinya sendiri.";
        other.focus();
        return false;
      }
      return true;
    },
    action: async () => {
      const source = other.value.trim().toUpperCase();
      const result = await post(`/api/incidents/${encodeURIComponent(view.incident_id)}/merge`, { incident_id: source });
      refreshQueue();
      await rerender(`Insiden ${source} digabung ke ${result.incident_id}: sekarang ${result.reports} laporan.`);
    },
  });
  return [
    h("div", { class: "action" }, ack),
    h("div", { class: "action" }, h("div", { class: "field" }, h("label", { for: "incident-resolve-note" }, "Catatan penyelesaian (wajib)"), note), resolve),
    h(
      "div",
      { class: "action" },
      h("div", { class: "field" }, h("label", { for: "incident-merge-id" }, "Gabungkan insiden lain ke insiden ini"), other, h("p", { class: "hint", id: "incident-merge-id-hint" }, "Nomor insiden lain, mis. IN-7K2M-Q9XP.")),
      merge,
    ),
  ];
}

function auditTrail(view) {
  return h(
    "ol",
    { class: "audit", id: "incident-audit" },
    ...(view.audit || []).map((a) => {
      const bits = [];
      if (a.ticket_no) bits.push(`tiket ${a.ticket_no}`);
      const detail = a.detail || {};
      if (detail.from) bits.push(`dari ${detail.from}`);
      if (detail.into) bits.push(`ke ${detail.into}`);
      if (Array.isArray(detail.tickets)) bits.push(`${detail.tickets.length} tiket`);
      if (a.reasons && a.reasons.length) bits.push(a.reasons.join("; "));
      return h("li", {}, h("time", { datetime: a.at }, clock(a.at)), " ", h("strong", {}, INCIDENT_EVENT[a.action] || a.action), ` oleh ${a.actor}`, bits.length ? ` (${bits.join("; ")})` : "");
    }),
  );
}

export async function showIncident(incidentId, { result = null } = {}) {
  const view = main();
  const id = String(incidentId || "").trim().toUpperCase();
  let incident;
  try {
    if (!ID_RE.test(id)) throw new ApiError(404, "not_found", "Insiden tidak ditemukan.");
    incident = await get(`/api/incidents/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    view.replaceChildren(h("h1", {}, `Insiden ${id}`), h("p", { class: "error", role: "alert" }, errorText(error)), h("p", {}, h("a", { href: "#/antrian" }, "Kembali ke antrian")));
    return;
  }
  const out = h("div", { class: "result", id: "incident-result", role: "status", "aria-live": "polite" });
  if (result) out.append(...(Array.isArray(result) ? result : [h("p", {}, result)]));
  const mapBox = h("div", { class: "map-box" });
  const pins = (incident.tickets || [])
    .filter((m) => m.point)
    .map((m) => ({ lat: m.point.lat, lon: m.point.lon, priority: m.priority, href: `#/tiket/${encodeURIComponent(m.ticket_no)}`, label: `${m.ticket_no}, ${label(CHANNEL, m.channel)}, ${label(PRIORITY, m.priority)}` }));
  const unplaced = (incident.tickets || []).length - pins.length;
  view.replaceChildren(
    h("p", { class: "crumbs" }, h("a", { href: "#/antrian" }, "← Antrian")),
    h("header", { class: `ticket-head prio-${incident.priority}` }, h("h1", {}, h("span", { class: `badge prio-${incident.priority}` }, label(PRIORITY, incident.priority)), ` Insiden ${incident.incident_id}`), h("p", { class: "sla" }, `${statusText(incident)} · ${incident.reports} laporan`)),
    h(
      "div",
      { class: "ticket-grid" },
      h(
        "div",
        { class: "ticket-main" },
        h("section", { class: "panel", "aria-labelledby": "h-reports" }, h("h2", { id: "h-reports" }, "Laporan"), reportsTable(incident, out)),
        h(
          "section",
          { class: "panel", "aria-labelledby": "h-incident-map" },
          h("h2", { id: "h-incident-map" }, "Peta"),
          h("p", { class: "hint", id: "incident-map-summary" }, `${pins.length} laporan dengan titik lokasi${unplaced > 0 ? `, ${unplaced} tanpa titik (tempat dari teks: ${(incident.places || []).join(", ") || "—"})` : ""}.`),
          mapBox,
        ),
        h("section", { class: "panel", "aria-labelledby": "h-incident-audit" }, h("h2", { id: "h-incident-audit" }, "Jejak audit insiden"), auditTrail(incident)),
      ),
      h(
        "aside",
        { class: "ticket-side", "aria-label": "Tindakan dan keterangan insiden" },
        h("section", { class: "panel", "aria-labelledby": "h-incident-actions" }, h("h2", { id: "h-incident-actions" }, "Tindakan"), out, ...actions(incident, out)),
        h("section", { class: "panel", "aria-labelledby": "h-incident-facts" }, h("h2", { id: "h-incident-facts" }, "Keterangan"), facts(incident)),
      ),
    ),
  );
  drawMap(mapBox, { pins, title: `Laporan insiden ${incident.incident_id} di peta` });
  if (result) {
    notify(typeof result === "string" ? result : out.textContent);
    out.focus?.();
  } else view.focus();
  return incident;
}
