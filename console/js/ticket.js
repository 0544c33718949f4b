// One ticket: the conversation across follow-ups (a public comment looks unlike a private message), the
// triage and its reasons, the place on the map, the SLA, the audit trail, and every action, each with its
// own error line that keeps what the officer typed.

import { ApiError, describe, get, post } from "./api.js";
import { current } from "./auth.js";
import { clear, h, main, notify } from "./dom.js";
import * as drafts from "./drafts.js";
import {
  ACTION,
  AREA,
  CANNED,
  CATEGORY,
  CHANNEL,
  CLOSE_REASON,
  EVENT,
  MESSAGE_KIND,
  PRIORITY,
  SLA_TARGET,
  STATUS,
  UNIT,
  areaLabel,
  label,
} from "./labels.js";
import { incidentPanel } from "./incident.js";
import { drawMap } from "./map.js";
import { renderMedia } from "./media.js";
import { refreshQueue } from "./queue.js";
import { clock, countdown } from "./time.js";

const REPLY_MAX = 900;
let roster = undefined; // undefined: not asked yet; null: not available to this officer

async function officers() {
  if (roster !== undefined) return roster;
  try {
    const data = await get("/api/roster?active=true");
    roster = (data.officers || []).filter((o) => o.active !== false);
  } catch {
    roster = null;
  }
  return roster;
}

function section(title, id, ...children) {
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function errorLine() {
  return h("p", { class: "error", role: "alert" });
}

function field(labelText, control, hint) {
  const id = control.id;
  return h("div", { class: "field" }, h("label", { for: id }, labelText), control, hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
}

function options(table, selected, blank) {
  return [
    blank ? h("option", { value: "" }, blank) : null,
    ...Object.entries(table).map(([code, text]) => h("option", { value: code, selected: code === selected }, text)),
  ];
}

/** Runs an action; on success re-renders the ticket, on failure shows why and keeps the drafts. */
async function act(ticketNo, path, body, errorBox, button, done, draftKeys = []) {
  errorBox.textContent = "";
  button.disabled = true;
  try {
    const result = await post(`/api/tickets/${encodeURIComponent(ticketNo)}/${path}`, body);
    for (const key of draftKeys) drafts.drop(key);
    notify(done);
    refreshQueue();
    await showTicket(ticketNo, { keepFocus: false });
    return result;
  } catch (error) {
    errorBox.textContent = describe(error);
    if (error instanceof ApiError && error.status === 409) showTicket(ticketNo, { keepFocus: true, keepError: [errorBox.dataset.for, errorBox.textContent] });
    return null;
  } finally {
    button.disabled = false;
  }
}

function conversation(t) {
  const replies = (t.audit || []).filter((a) => a.event === "ticket.officer_reply").map((a) => ({ out: true, at: a.at, actor: a.actor, text: a.details.text || "" }));
  const incoming = (t.messages || []).map((m) => ({ out: false, at: m.sent_at, message: m }));
  const all = [...incoming, ...replies].sort((a, b) => a.at.localeCompare(b.at));
  const look = t.public ? "public" : "private";
  return h(
    "ol",
    { class: `conversation ${look}` },
    ...all.map((item) => {
      if (item.out) {
        return h("li", { class: "bubble out" }, h("p", { class: "by" }, `Balasan petugas ${item.actor} · ${clock(item.at)}`), h("p", { class: "text" }, item.text));
      }
      const m = item.message;
      const flags = [m.edited_at ? "disunting" : null, m.removed_at ? "dihapus pengirim (disimpan sebagai bukti)" : null].filter(Boolean);
      return h(
        "li",
        { class: `bubble in ${look}${m.removed_at ? " removed" : ""}` },
        h("p", { class: "by" }, `${t.public ? "Komentar publik" : "Pesan langsung"} · ${label(MESSAGE_KIND, m.kind, m.kind)} · ${clock(m.sent_at)}`, flags.length ? ` · ${flags.join(", ")}` : ""),
        m.text ? h("p", { class: "text" }, m.text) : null,
        m.location ? h("p", { class: "loc" }, `Lokasi: ${m.location.lat.toFixed(5)}, ${m.location.lon.toFixed(5)}${m.location.name ? ` (${m.location.name})` : ""}`) : null,
        renderMedia(m.media),
      );
    }),
  );
}

function auditTrail(t) {
  return h(
    "ol",
    { class: "audit" },
    ...(t.audit || []).map((a) => {
      const details = a.details || {};
      const bits = [];
      if (a.from_status && a.to_status) bits.push(`${label(STATUS, a.from_status)} → ${label(STATUS, a.to_status)}`);
      if (details.assignee) bits.push(`ke ${details.assignee}`);
      if (details.reason) bits.push(label(CLOSE_REASON, details.reason));
      if (details.note) bits.push(`catatan: ${details.note}`);
      if (details.step) bits.push(`tahap ${details.step}`);
      if (details.what) bits.push(details.what);
      if (a.event === "ticket.triage_corrected" && details.to) bits.push(Object.entries(details.to).map(([k, v]) => `${k}: ${v}`).join(", "));
      return h("li", {}, h("time", { datetime: a.at }, clock(a.at)), " ", h("strong", {}, label(EVENT, a.event, a.event)), ` oleh ${a.actor}`, bits.length ? ` (${bits.join("; ")})` : "");
    }),
  );
}

function facts(t) {
  const rows = [
    ["Status", label(STATUS, t.status)],
    ["Prioritas", label(PRIORITY, t.priority)],
    ["Kategori", label(CATEGORY, t.category)],
    ["Wilayah", areaLabel(t.area)],
    ["Unit", label(UNIT, t.unit)],
    ["Kanal", `${label(CHANNEL, t.channel)}${t.public ? " (publik)" : ""}`],
    ["Masuk", clock(t.created_at)],
    ["Diterima oleh", t.acknowledged_by ? `${t.acknowledged_by}, ${clock(t.acknowledged_at)}` : "belum"],
    ["Ditugaskan ke", t.assignee || "belum"],
  ];
  if (t.escalation_step) rows.push(["Eskalasi", `tahap ${t.escalation_step}`]);
  return h("dl", { class: "facts" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function triagePanel(t) {
  const tr = t.triage;
  if (!tr) return h("p", { class: "muted" }, "Isi dan triase dirahasiakan untuk akun Anda (kasus sensitif).");
  return h(
    "div",
    {},
    h("p", {}, `${label(CATEGORY, tr.category)} · ${label(PRIORITY, tr.priority)} · ${areaLabel(tr.area)}${tr.kelurahan ? ` (kel. ${tr.kelurahan})` : ""}${tr.sensitive ? " · sensitif" : ""}`),
    tr.reasons && tr.reasons.length ? h("ul", { class: "reasons" }, ...tr.reasons.map((r) => h("li", {}, r))) : h("p", { class: "muted" }, "Tanpa alasan tercatat."),
  );
}

function replyForm(t) {
  const key = `${t.ticket_no}.reply`;
  const text = drafts.bind(h("textarea", { id: "reply-text", rows: 4, maxlength: REPLY_MAX, "aria-describedby": "reply-text-hint" }), key);
  const counter = h("span", { class: "counter" });
  const count = () => { counter.textContent = `${text.value.length}/${REPLY_MAX}`; };
  text.addEventListener("input", count);
  count();
  const canned = h(
    "select",
    {
      id: "reply-canned",
      onchange: (e) => {
        const chosen = CANNED.find((c) => c.id === e.target.value);
        if (chosen) {
          text.value = text.value ? `${text.value.trimEnd()} ${chosen.text}` : chosen.text;
          drafts.save(key, text.value);
          count();
          text.focus();
        }
        e.target.value = "";
      },
    },
    h("option", { value: "" }, "Pilih jawaban siap pakai…"),
    ...CANNED.map((c) => h("option", { value: c.id }, c.title)),
  );
  const error = errorLine();
  error.dataset.for = "reply";
  const button = h("button", { type: "submit", id: "reply-send" }, "Kirim balasan");
  return h(
    "form",
    {
      class: "action reply",
      "aria-label": "Balas warga",
      onsubmit: async (e) => {
        e.preventDefault();
        if (!text.value.trim()) { error.textContent = "Tulis balasan dulu."; text.focus(); return; }
        await act(t.ticket_no, "reply", { text: text.value }, error, button, "Balasan diterima dan akan dikirim ke warga.", [key]);
      },
    },
    field("Jawaban siap pakai", canned),
    field(
      "Balasan ke warga",
      text,
      t.public ? "Komentar publik: balasan terlihat semua orang. Jangan tulis data pribadi." : `Dikirim lewat ${label(CHANNEL, t.channel)}, dengan nomor tiket.`,
    ),
    h("div", { class: "row-actions" }, button, counter),
    error,
  );
}

function noteForm({ id, title, path, t, required, done, extra = [], body = (note) => ({ note }) }) {
  const key = `${t.ticket_no}.${id}`;
  const note = drafts.bind(h("textarea", { id: `${id}-note`, rows: 2, maxlength: 2000, required: required || undefined }), key);
  const error = errorLine();
  error.dataset.for = id;
  const button = h("button", { type: "submit", id: `${id}-send` }, title);
  return h(
    "form",
    {
      class: `action ${id}`,
      "aria-label": title,
      onsubmit: async (e) => {
        e.preventDefault();
        const value = note.value.trim();
        if (required && !value) { error.textContent = "Catatan wajib diisi."; note.focus(); return; }
        const payload = body(value || undefined);
        if (payload === null) return;
        await act(t.ticket_no, path, payload, error, button, done, [key]);
      },
    },
    ...extra,
    field(required ? "Catatan (wajib)" : "Catatan (boleh kosong)", note),
    button,
    error,
  );
}

async function assignForm(t) {
  const list = await officers();
  const error = errorLine();
  error.dataset.for = "assign";
  const control = list
    ? h("select", { id: "assign-officer", required: true }, h("option", { value: "" }, "Pilih petugas…"), ...list.map((o) => h("option", { value: o.officer_id }, `${o.officer_id} · ${o.name || ""} (${o.unit_name || label(UNIT, o.unit)})`)))
    : h("input", { id: "assign-officer", required: true, autocomplete: "off", placeholder: "mis. lowokwaru-01" });
  const button = h("button", { type: "submit", id: "assign-send" }, "Tugaskan");
  return h(
    "form",
    {
      class: "action assign",
      "aria-label": "Tugaskan ke petugas",
      onsubmit: async (e) => {
        e.preventDefault();
        await act(t.ticket_no, "assign", { officer_id: control.value.trim() }, error, button, "Tiket ditugaskan.");
      },
    },
    field(list ? "Petugas yang bertugas" : "ID petugas", control),
    button,
    error,
  );
}

function triageForm(t) {
  const tr = t.triage || { category: t.category, priority: t.priority, area: t.area };
  const category = h("select", { id: "triage-category" }, ...options(CATEGORY, tr.category));
  const priority = h("select", { id: "triage-priority" }, ...options(PRIORITY, tr.priority));
  const area = h("select", { id: "triage-area" }, ...options(AREA, tr.area, "Belum diketahui"));
  const error = errorLine();
  error.dataset.for = "triage";
  const button = h("button", { type: "submit", id: "triage-send" }, "Simpan koreksi");
  return h(
    "form",
    {
      class: "action triage",
      "aria-label": "Koreksi triase",
      onsubmit: async (e) => {
        e.preventDefault();
        const body = {};
        if (category.value !== tr.category) body.category = category.value;
        if (priority.value !== tr.priority) body.priority = priority.value;
        if (area.value && area.value !== tr.area) body.area = area.value;
        if (!Object.keys(body).length) { error.textContent = "Tidak ada yang diubah."; return; }
        await act(t.ticket_no, "triage", body, error, button, "Triase dikoreksi.");
      },
    },
    field("Kategori", category),
    field("Prioritas", priority),
    field("Wilayah", area),
    button,
    error,
  );
}

let shown = null;
export function shownTicket() {
  return shown;
}

export async function showTicket(ticketNo, { keepFocus = false, keepError = null } = {}) {
  const view = main();
  const focusedId = keepFocus ? document.activeElement?.id : null;
  let t;
  try {
    t = await get(`/api/tickets/${encodeURIComponent(ticketNo)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    view.replaceChildren(h("h1", {}, `Tiket ${ticketNo}`), h("p", { class: "error", role: "alert" }, describe(error)), h("p", {}, h("a", { href: "#/antrian" }, "Kembali ke antrian")));
    return;
  }
  shown = t;
  const allowed = new Set(t.allowed_actions || []);
  const open = !["selesai", "ditutup"].includes(t.status);
  const actions = [];
  if (allowed.has("ack")) {
    const error = errorLine();
    error.dataset.for = "ack";
    const button = h("button", { type: "button", id: "ack-button", class: "primary", "aria-keyshortcuts": "a", onclick: () => act(t.ticket_no, "ack", {}, error, button, `Tiket ${t.ticket_no} diterima.`) }, ACTION.ack);
    actions.push(h("div", { class: "action ack" }, button, error));
  }
  if (!t.content_withheld && open) actions.push(replyForm(t));
  if (allowed.has("assign")) actions.push(await assignForm(t));
  if (allowed.has("resolve")) actions.push(noteForm({ id: "resolve", title: "Selesaikan", path: "resolve", t, required: true, done: "Tiket diselesaikan." }));
  if (allowed.has("close")) {
    const reason = h("select", { id: "close-reason", required: true }, ...options(CLOSE_REASON, "", "Pilih alasan…"));
    actions.push(
      noteForm({
        id: "close",
        title: "Tutup tiket",
        path: "close",
        t,
        done: "Tiket ditutup.",
        extra: [field("Alasan", reason)],
        body: (note) => (reason.value ? { reason: reason.value, note } : (reason.focus(), null)),
      }),
    );
  }
  if (allowed.has("reopen")) actions.push(noteForm({ id: "reopen", title: "Buka kembali", path: "reopen", t, done: "Tiket dibuka kembali; batas waktu dimulai lagi." }));
  if (open) actions.push(h("details", { class: "action" }, h("summary", {}, "Koreksi triase"), triageForm(t)));

  const mapBox = h("div", { class: "map-box" });
  const location = t.location;
  const sla = t.sla;
  view.replaceChildren(
    ...[h("p", { class: "crumbs" }, h("a", { href: "#/antrian" }, "← Antrian"), " · ", h("span", { class: "hint" }, "j/k: tiket berikutnya/sebelumnya")),
    h(
      "header",
      { class: `ticket-head prio-${t.priority}`, "data-row": "" },
      h("h1", {}, h("span", { class: `badge prio-${t.priority}` }, label(PRIORITY, t.priority)), ` Tiket ${t.ticket_no}`),
      h(
        "p",
        { class: "sla" },
        sla.state === "selesai" ? "Selesai" : h("span", {}, `${label(SLA_TARGET, sla.target)} ${clock(sla.due_at)}: `, h("strong", { class: "countdown", dataset: { due: sla.due_at } }, countdown(sla.due_at).text)),
      ),
    ),
    t.content_withheld ? h("p", { class: "withheld", role: "note" }, "Isi tiket ini dirahasiakan untuk akun Anda: hanya unit yang berwenang (PPA atau Propam) dan pimpinan yang dapat membacanya.") : null,
    h(
      "div",
      { class: "ticket-grid" },
      h(
        "div",
        { class: "ticket-main" },
        t.messages ? section("Percakapan", "h-conv", conversation(t)) : null,
        section("Triase", "h-triage", triagePanel(t)),
        t.messages ? section("Lokasi", "h-loc", location ? h("p", {}, `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}${location.name ? ` (${location.name})` : ""}`) : h("p", { class: "muted" }, "Lokasi belum diketahui."), mapBox) : null,
        // The ticket's incident (filled by incidentPanel), and `related_to`: the conversation's previous ticket.
        h("section", { class: "panel", id: "incident-slot", hidden: !t.related_to, "aria-label": "Tiket terkait" }, t.related_to ? h("p", { class: "related" }, "Terkait dengan tiket ", h("a", { href: `#/tiket/${t.related_to}` }, t.related_to)) : null),
        section("Jejak audit", "h-audit", auditTrail(t)),
      ),
      h("aside", { class: "ticket-side", "aria-label": "Tindakan dan keterangan" }, section("Tindakan", "h-actions", ...actions), section("Keterangan", "h-facts", facts(t))),
    )].filter(Boolean),
  );
  const slot = view.querySelector("#incident-slot");
  if (slot && t.incident_id) incidentPanel(slot, t);
  if (location && t.messages) drawMap(mapBox, { pins: [{ lat: location.lat, lon: location.lon, priority: t.priority, label: `Lokasi tiket ${t.ticket_no}` }], title: `Lokasi tiket ${t.ticket_no} di peta` });
  if (keepError) {
    const [which, text] = keepError;
    const box = view.querySelector(`.error[data-for="${which}"]`);
    if (box) box.textContent = text;
    else notify(text, "error");
  }
  if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
  else if (!keepFocus) view.focus();
  return t;
}

export function focusReply() {
  const field = document.getElementById("reply-text");
  if (field) field.focus();
  return !!field;
}

export function acknowledgeShown() {
  document.getElementById("ack-button")?.click();
}

export function me() {
  return current()?.username;
}
