// The queue: open tickets by SLA due time, polled every few seconds (new tickets appear without a reload;
// a new `darurat` flashes the title and sounds), filtered by status, priority, area, channel, sensitive,
// and "mine".

import { ApiError, describe, get, post } from "./api.js";
import { current } from "./auth.js";
import { clear, h, main, notify } from "./dom.js";
import { countdown } from "./time.js";
import { AREA, CATEGORY, CHANNEL, PRIORITY, STATUS, SLA_TARGET, areaLabel, label } from "./labels.js";

export const POLL_MS = 4000;
const FILTER_KEY = "aduan.filters";
export const queue = { items: [], loaded: false, seen: new Set(), error: null, listeners: new Set(), more: null };

export function filters() {
  try {
    return { status: "", priority: "", area: "", channel: "", sensitive: "", mine: false, ...JSON.parse(sessionStorage.getItem(FILTER_KEY) || "{}") };
  } catch {
    return { status: "", priority: "", area: "", channel: "", sensitive: "", mine: false };
  }
}

function setFilters(next) {
  sessionStorage.setItem(FILTER_KEY, JSON.stringify(next));
}

/** The areas this officer may list: null for every area, else their Polsek's. */
export function ownAreas() {
  const session = current();
  if (!session) return null;
  const wide = ["piket", "ppa", "propam", "pimpinan"];
  if (session.groups.some((g) => wide.includes(g))) return null;
  return session.groups.filter((g) => g.startsWith("polsek_")).map((g) => g.slice("polsek_".length));
}

function query(f) {
  const params = new URLSearchParams({ limit: "100" });
  for (const name of ["status", "priority", "area", "channel"]) if (f[name]) params.set(name, f[name]);
  return params.toString();
}

function visible(items, f) {
  const me = current()?.username;
  return items.filter((t) => {
    if (f.sensitive === "ya" && !t.sensitive) return false;
    if (f.sensitive === "tidak" && t.sensitive) return false;
    if (f.mine && t.assignee !== me && t.acknowledged_by !== me) return false;
    return true;
  });
}

// ------------------------------------------------------------------ alerting new darurat tickets
const baseTitle = document.title;
let flashTimer = null;
let audio = null;

export function armSound() {
  // Browsers allow sound only after a user gesture: the sign-in click arms it.
  try {
    audio = audio || new AudioContext();
  } catch {
    audio = null;
  }
}

// After a reload the session is still there but no click armed the sound: the first key or click does.
for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, () => armSound(), { once: true });

function beep() {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.value = 0.15;
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.4);
}

function flash(ticketNo) {
  let on = false;
  let left = 20;
  clearInterval(flashTimer);
  flashTimer = setInterval(() => {
    on = !on;
    document.title = on ? `‼ DARURAT ${ticketNo} · Aduan` : baseTitle;
    left -= 1;
    if (left <= 0 || (document.hasFocus() && left < 14)) {
      clearInterval(flashTimer);
      document.title = baseTitle;
    }
  }, 700);
  beep();
  notify(`Tiket darurat baru: ${ticketNo}`, "darurat");
}

// ------------------------------------------------------------------ polling
let timer = null;

export async function refreshQueue() {
  const f = filters();
  try {
    const page = await get(`/api/tickets?${query(f)}`);
    const fresh = page.items.filter((t) => !queue.seen.has(t.ticket_no));
    if (queue.loaded) {
      const urgent = fresh.filter((t) => t.priority === "darurat" && t.status === "baru");
      if (urgent.length) flash(urgent[0].ticket_no);
    }
    for (const t of page.items) queue.seen.add(t.ticket_no);
    queue.fresh = new Set(queue.loaded ? fresh.map((t) => t.ticket_no) : []);
    queue.items = page.items.slice().sort((a, b) => a.sla.due_at.localeCompare(b.sla.due_at));
    queue.more = page.next_cursor;
    queue.loaded = true;
    queue.error = null;
  } catch (error) {
    queue.error = error instanceof ApiError ? describe(error) : "Antrian tidak dapat dimuat.";
  }
  for (const listener of queue.listeners) listener();
}

export function startPolling() {
  stopPolling();
  refreshQueue();
  timer = setInterval(refreshQueue, POLL_MS);
}

export function stopPolling() {
  clearInterval(timer);
  timer = null;
}

/** Ticket numbers in the order the queue shows them (for next / previous). */
export function order() {
  return visible(queue.items, filters()).map((t) => t.ticket_no);
}

// ------------------------------------------------------------------ the view
function select(name, title, options, value, onChange) {
  const id = `filter-${name}`;
  return h(
    "label",
    { for: id },
    title,
    h(
      "select",
      { id, name, onchange: (e) => onChange(e.target.value) },
      h("option", { value: "" }, "Semua"),
      ...Object.entries(options).map(([code, text]) => h("option", { value: code, selected: code === value }, text)),
    ),
  );
}

function row(t, fresh) {
  const holder = t.assignee || t.acknowledged_by;
  const snippet = t.snippet
    ? t.snippet
    : t.sensitive
      ? "Isi dirahasiakan: buka tiket (pembukaan dicatat)"
      : "—";
  return h(
    "li",
    { class: `row prio-${t.priority}${fresh ? " fresh" : ""}`, "data-row": "", dataset: { ticket: t.ticket_no } },
    h(
      "a",
      { class: "row-link", href: `#/tiket/${encodeURIComponent(t.ticket_no)}`, "aria-describedby": `snip-${t.ticket_no}` },
      h("span", { class: `badge prio-${t.priority}` }, label(PRIORITY, t.priority)),
      h("strong", { class: "ticket-no" }, t.ticket_no),
      h("span", { class: "status" }, label(STATUS, t.status)),
    ),
    h(
      "span",
      { class: "sla" },
      h("span", { class: "sla-target" }, label(SLA_TARGET, t.sla.target)),
      " ",
      h("span", { class: `countdown${countdown(t.sla.due_at).overdue ? " overdue" : ""}`, dataset: { due: t.sla.due_at } }, countdown(t.sla.due_at).text),
    ),
    h("span", { class: "meta" }, label(CHANNEL, t.channel), " · ", label(CATEGORY, t.category), " · ", areaLabel(t.area)),
    h("span", { class: `snippet${t.snippet ? "" : " muted"}`, id: `snip-${t.ticket_no}` }, snippet),
    h("span", { class: "holder" }, holder ? `Dipegang: ${holder}` : "Belum dipegang"),
  );
}

export function renderQueue() {
  const view = main();
  const f = filters();
  const areas = ownAreas();
  const areaOptions = areas ? Object.fromEntries(areas.map((a) => [a, AREA[a] || a])) : { ...AREA, tidak_diketahui: "Belum diketahui" };
  const update = (name) => (value) => {
    setFilters({ ...filters(), [name]: value });
    queue.loaded = false; // a new filter is a new list: its tickets are not "new arrivals"
    refreshQueue();
  };
  const list = h("ol", { class: "queue", "aria-label": "Antrian tiket terbuka, paling mendesak dulu" });
  const status = h("p", { class: "queue-status", role: "status" });
  const draw = () => {
    const items = visible(queue.items, filters());
    const focused = document.activeElement?.closest?.("[data-row]")?.dataset.ticket;
    clear(list).append(...items.map((t) => row(t, queue.fresh?.has(t.ticket_no))));
    if (focused) list.querySelector(`[data-ticket="${CSS.escape(focused)}"] .row-link`)?.focus();
    status.textContent = queue.error
      ? queue.error
      : !queue.loaded
        ? "Memuat antrian…"
        : items.length
          ? `${items.length} tiket terbuka${queue.more ? " (100 paling mendesak)" : ""}; diperbarui tiap ${POLL_MS / 1000} detik.`
          : "Tidak ada tiket terbuka yang cocok dengan penyaring.";
    status.classList.toggle("error", !!queue.error);
  };
  view.replaceChildren(
    h("h1", {}, "Antrian"),
    h(
      "form",
      { class: "filters", role: "search", "aria-label": "Penyaring antrian", onsubmit: (e) => e.preventDefault() },
      select("status", "Status", { baru: "Baru", diterima: "Diterima", ditangani: "Ditangani" }, f.status, update("status")),
      select("priority", "Prioritas", PRIORITY, f.priority, update("priority")),
      select("area", "Wilayah", areaOptions, f.area, update("area")),
      select("channel", "Kanal", CHANNEL, f.channel, update("channel")),
      select("sensitive", "Sensitif", { ya: "Hanya sensitif", tidak: "Tanpa sensitif" }, f.sensitive, (v) => { setFilters({ ...filters(), sensitive: v }); draw(); }),
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", id: "filter-mine", checked: f.mine, onchange: (e) => { setFilters({ ...filters(), mine: e.target.checked }); draw(); } }),
        "Milik saya",
      ),
    ),
    status,
    list,
  );
  queue.listeners.clear();
  queue.listeners.add(draw);
  draw();
  return {
    focusFilter: () => document.getElementById("filter-status")?.focus(),
    move: (delta) => {
      const links = [...list.querySelectorAll(".row-link")];
      if (!links.length) return;
      const at = links.indexOf(document.activeElement);
      const next = at < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.max(0, Math.min(links.length - 1, at + delta));
      links[next].focus();
    },
    selected: () => document.activeElement?.closest?.("[data-row]")?.dataset.ticket || null,
    acknowledge: async (ticketNo) => {
      try {
        await post(`/api/tickets/${encodeURIComponent(ticketNo)}/ack`);
        notify(`Tiket ${ticketNo} diterima.`);
        refreshQueue();
      } catch (error) {
        notify(describe(error), "error");
      }
    },
  };
}
