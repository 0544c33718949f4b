// The overview's proof that every report is answered: each channel's health (`GET /api/channels/health`: last
// delivery, usual rhythm, and each watchdog check) and the parity report (`GET /api/parity`: answer times by
// priority, channel, unit and engagement bucket, and the parity ratio with its 95% interval; CSV from
// `/api/parity.csv`; the rolling 30-day report the daily function stored, 404 `not_computed` before its
// first run). Both are for `pimpinan` and `piket`; the API refuses others and the console says so.
// Figures may be missing (a check not run yet, a report not computed yet): each missing one reads
// "belum ada data", never a guess.

import { ApiError, describe, download, get } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL, PRIORITY, UNIT, label } from "./labels.js";
import { clock, minutes } from "./time.js";

const NO_DATA = "belum ada data";
const DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

const has = (value) => value !== undefined && value !== null && value !== "";
const num = (value, digits = 1) => (typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits).replace(".", ",") : null);

function table(caption, head, rows, attrs = {}) {
  return h(
    "table",
    attrs,
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: head.length }, "Belum ada data."))])),
  );
}

// ------------------------------------------------------------------ channel health
/** One check as officers read it: [state class, words]. `check` may be missing (not run yet). */
export function checkText(name, check) {
  if (!check || typeof check !== "object") return ["none", NO_DATA];
  const failing = check.failing === true;
  const v = typeof check.value === "number" ? check.value : null;
  const state = failing ? "gagal" : "baik";
  switch (name) {
    case "silence":
      if (v === null) return [failing ? state : "none", failing ? "GAGAL: sunyi di luar iramanya" : "irama belum diketahui"];
      return [state, failing ? `GAGAL: sunyi, padahal biasanya ±${num(v)} laporan masuk` : `normal (diharapkan ±${num(v)} laporan sejak yang terakhir)`];
    case "crc":
      if (v === null) return [failing ? state : "none", failing ? "GAGAL: tidak ada CRC" : "belum ada CRC tercatat"];
      return [state, failing ? `GAGAL: tidak ada CRC selama ${minutes(v)}` : `CRC terakhir ${minutes(v)} lalu`];
    case "subscription":
      if (v === null) return [failing ? state : "none", failing ? "GAGAL" : "belum dapat diperiksa"];
      return [state, failing ? "GAGAL: langganan webhook tidak aktif" : "aktif"];
    case "token":
      if (v === null) return [failing ? state : "baik", failing ? "GAGAL: token tidak berlaku" : "tidak kedaluwarsa"];
      if (v <= 0) return ["gagal", "GAGAL: token sudah kedaluwarsa"];
      return [state, `${failing ? "SEGERA: " : ""}kedaluwarsa dalam ${num(v)} hari`];
    default:
      if (v !== null) return [state, `${failing ? "GAGAL" : "baik"} (${num(v)})`];
      return [state, failing ? "GAGAL" : "baik"];
  }
}

const CHECKS = [
  ["crc", "CRC (X)"],
  ["subscription", "Langganan webhook"],
  ["token", "Token akses"],
  ["reply_refusals", "Balasan ditolak"],
];
const KNOWN = new Set(["silence", ...CHECKS.map(([name]) => name)]);
// the platform's refusals of our replies, under whichever name the watchdog stores them
const REFUSAL_NAMES = ["reply_refusals", "replies_refused", "refusals", "replies"];

function checkCell(name, check, channel) {
  if (name === "crc" && channel !== "x" && !check) return h("td", { class: "check-na", dataset: { check: name } }, "tidak berlaku");
  const [state, text] = checkText(name, check);
  return h(
    "td",
    { class: `check-${state}`, title: check && check.detail ? `Rincian teknis: ${check.detail}` : undefined, dataset: { check: name } },
    text,
    check && check.since && check.failing ? h("span", { class: "since" }, ` sejak ${clock(check.since)}`) : null,
  );
}

function rhythm(c) {
  const parts = [];
  if (c.rhythm_known === false) return "belum diketahui (riwayat kurang dari seminggu)";
  if (has(c.expected_per_hour_now)) parts.push(`±${num(c.expected_per_hour_now)} laporan/jam pada jam ini`);
  const busiest = c.busiest_hour_of_week;
  if (busiest && has(busiest.hour) && has(busiest.per_hour)) {
    const hour = Number(busiest.hour);
    parts.push(`tersibuk ${DAYS[Math.floor(hour / 24)] || "?"} ${String(hour % 24).padStart(2, "0")}.00 WIB (±${num(busiest.per_hour)}/jam)`);
  }
  return parts.length ? parts.join("; ") : NO_DATA;
}

const CHECK_NAME = { silence: "Sunyi", crc: "CRC", subscription: "Langganan", token: "Token" };

export function healthTable(data) {
  const channels = Array.isArray(data && data.channels) ? data.channels : [];
  const head = ["Kanal", "Status", "Laporan terakhir", "Irama biasa", "Sunyi", ...CHECKS.map(([, text]) => text), "Pemeriksaan lain"];
  const rows = channels.map((c) => {
    const checks = (c && c.checks) || {};
    const refusalName = REFUSAL_NAMES.find((n) => checks[n]);
    const others = Object.entries(checks).filter(([name]) => !KNOWN.has(name) && name !== refusalName);
    const failing = c.status === "gagal" || Object.values(checks).some((x) => x && x.failing);
    const status = failing ? "GAGAL" : c.status === "sehat" ? "Sehat" : c.status || NO_DATA;
    return h(
      "tr",
      { class: failing ? "failing" : "", dataset: { channel: c.channel, status: failing ? "gagal" : c.status || "" } },
      h("th", { scope: "row" }, label(CHANNEL, c.channel, NO_DATA)),
      h("td", { class: `status-cell check-${failing ? "gagal" : c.status ? "baik" : "none"}` }, status),
      h("td", {}, c.last_delivery_at ? clock(c.last_delivery_at) : NO_DATA),
      h("td", {}, rhythm(c)),
      checkCell("silence", checks.silence, c.channel),
      ...CHECKS.map(([name]) => checkCell(name, name === "reply_refusals" ? (refusalName ? checks[refusalName] : null) : checks[name], c.channel)),
      h("td", {}, others.length ? others.map(([name, check]) => `${CHECK_NAME[name] || name}: ${checkText(name, check)[1]}`).join("; ") : "—"),
    );
  });
  const failing = channels.filter((c) => c && (c.status === "gagal" || Object.values(c.checks || {}).some((x) => x && x.failing)));
  return [
    h(
      "p",
      { class: failing.length ? "health-summary failing" : "health-summary", id: "channel-health-summary", role: failing.length ? "alert" : undefined },
      channels.length
        ? failing.length
          ? `${failing.length} kanal bermasalah: ${failing.map((c) => label(CHANNEL, c.channel)).join(", ")}. Periksa langganan, token, atau pengiriman kanal itu.`
          : `Semua ${channels.length} kanal sehat.`
        : "Belum ada data kesehatan kanal.",
    ),
    table("Per kanal (diperbarui tiap 30 detik)", head, rows, { id: "channel-health", class: "health" }),
    h("p", { class: "hint" }, `Diperiksa ${data && data.checked_at ? clock(data.checked_at) : NO_DATA}. Arahkan penunjuk ke sel untuk rincian teknis.`),
  ];
}

// ------------------------------------------------------------------ parity
const BUCKET = { none: "Tanpa keterlibatan", low: "Rendah", high: "Tinggi", viral: "Viral" };
const DIMENSION = [
  ["priority", "prioritas", "Prioritas", PRIORITY],
  ["channel", "kanal", "Kanal", CHANNEL],
  ["unit", "unit", "Unit", UNIT],
  ["bucket", "keterlibatan", "Keterlibatan", BUCKET],
];

function mins(value) {
  return has(value) ? minutes(value) : NO_DATA;
}

function ratioText(r) {
  if (!r || !has(r.ratio)) return NO_DATA;
  return num(r.ratio, 2);
}

function intervalText(r) {
  const ci = r && r.ci95;
  if (!Array.isArray(ci) || ci.length !== 2 || !has(ci[0]) || !has(ci[1])) return NO_DATA;
  return `${num(ci[0], 2)} – ${num(ci[1], 2)}`;
}

function ratioRow(key, name, r, alarm) {
  const high = r && typeof r.ratio === "number" && typeof alarm === "number" && r.ratio > alarm;
  return h(
    "tr",
    { class: high ? "overdue" : "", dataset: { priority: key } },
    h("th", { scope: "row" }, name),
    h("td", { class: "ratio" }, ratioText(r)),
    h("td", { class: "interval" }, intervalText(r)),
    h("td", {}, has(r && r.low_engagement_reports) ? String(r.low_engagement_reports) : NO_DATA),
    h("td", {}, mins(r && r.low_median_ack_minutes)),
    h("td", {}, has(r && r.high_engagement_reports) ? String(r.high_engagement_reports) : NO_DATA),
    h("td", {}, mins(r && r.high_median_ack_minutes)),
  );
}

function groupTable(dimension, word, heading, names, groups) {
  const rows = (Array.isArray(groups) ? groups : []).map((g) =>
    h(
      "tr",
      { dataset: { value: g.value } },
      h("th", { scope: "row" }, label(names, g.value, NO_DATA)),
      h("td", {}, has(g.reports) ? String(g.reports) : NO_DATA),
      h("td", {}, has(g.waiting) ? String(g.waiting) : NO_DATA),
      h("td", {}, mins(g.ack_median_minutes)),
      h("td", {}, mins(g.ack_p90_minutes)),
      h("td", {}, has(g.resolved) ? String(g.resolved) : NO_DATA),
      h("td", {}, mins(g.resolve_median_minutes)),
      h("td", {}, mins(g.resolve_p90_minutes)),
    ),
  );
  return table(
    `Waktu jawab per ${word}`,
    [heading, "Laporan", "Belum diterima", "Median terima", "P90 terima", "Selesai", "Median selesai", "P90 selesai"],
    rows,
    { class: "parity-group", dataset: { dimension } },
  );
}

/** The parity report, or what is missing of it. `csv` is a button that downloads the same period as CSV. */
export function parityView(report, csv) {
  const p = (report && report.parity) || {};
  const alarm = typeof p.alarm_above === "number" ? p.alarm_above : null;
  const combined = p.combined || null;
  const period = report && report.period;
  const periodText = period && period.from && period.to ? `${clock(period.from)} sampai ${clock(period.to)}` : NO_DATA;
  const verdict =
    combined && typeof combined.ratio === "number"
      ? `Rasio paritas gabungan ${num(combined.ratio, 2)} (selang kepercayaan 95%: ${intervalText(combined)}). 1,0 berarti laporan yang sepi ditanggapi secepat laporan yang viral; di atas 1 berarti laporan sepi menunggu lebih lama${alarm !== null ? `; alarm di atas ${num(alarm, 1)}` : ""}.`
      : "Rasio paritas gabungan: belum ada data (laporan berketerlibatan tinggi belum cukup).";
  const buckets = report && report.buckets && typeof report.buckets === "object" ? report.buckets : null;
  const groups = (report && report.groups) || {};
  const generated = report && (report.computed_at || report.generated_at);
  const source = report && report.source === "live" ? " (dihitung saat diminta)" : report && report.source === "stored" ? " (laporan harian tersimpan)" : "";
  return [
    h("p", { class: "hint" }, `Periode: ${periodText}; ${has(report && report.reports) ? report.reports : NO_DATA} laporan.${generated ? ` Dihitung ${clock(generated)}${source}.` : ""}`),
    h("p", { class: combined && typeof combined.ratio === "number" && alarm !== null && combined.ratio > alarm ? "parity-verdict overdue" : "parity-verdict", id: "parity-verdict" }, verdict),
    table(
      "Rasio paritas (median waktu sampai diterima: keterlibatan rendah dibanding tinggi)",
      ["Prioritas", "Rasio", "Selang kepercayaan 95%", "Laporan rendah", "Median rendah", "Laporan tinggi", "Median tinggi"],
      [...(Array.isArray(p.by_priority) ? p.by_priority : []).map((r) => ratioRow(r.priority, label(PRIORITY, r.priority, NO_DATA), r, alarm)), ...(combined ? [ratioRow("gabungan", "Gabungan", combined, alarm)] : [])],
      { id: "parity-ratio" },
    ),
    ...DIMENSION.map(([dimension, word, heading, names]) => groupTable(dimension, word, heading, names, groups[dimension])),
    buckets
      ? h("p", { class: "hint" }, "Kelompok keterlibatan (suka, bagikan, balasan): ", Object.entries(buckets).map(([k, v]) => `${BUCKET[k] || k} ${String(v).replace("(or a private report)", "(atau laporan pribadi)")}`).join("; "), ".")
      : null,
    p.method ? h("p", { class: "hint" }, `Metode: median waktu sampai diterima, kelompok tanpa+rendah dibanding tinggi+viral, selang bootstrap 95%${/(\d+) resamples/.test(p.method) ? ` (${p.method.match(/(\d+) resamples/)[1]} sampel ulang)` : ""}.`) : null,
    Array.isArray(report && report.notes) && report.notes.length ? h("p", { class: "hint", id: "parity-notes" }, `Catatan: ${report.notes.map(noteText).join("; ")}.`) : null,
    csv,
  ];
}

function noteText(note) {
  if (note === "no reports in the period") return "tidak ada laporan dalam periode ini";
  if (/^too few high-engagement reports/.test(note)) return "laporan berketerlibatan tinggi terlalu sedikit untuk menaksir rasio per prioritas";
  return note;
}

function csvButton(path) {
  const error = h("span", { class: "error", role: "alert" });
  const button = h(
    "button",
    {
      type: "button",
      id: "parity-csv",
      onclick: async () => {
        error.textContent = "";
        button.disabled = true;
        try {
          const file = await download(path);
          const url = URL.createObjectURL(file.blob);
          const link = h("a", { href: url, download: file.filename, hidden: true });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } catch (err) {
          error.textContent = describe(err);
        } finally {
          button.disabled = false;
        }
      },
    },
    "Unduh CSV",
  );
  return h("p", { class: "row-actions" }, button, error);
}

// ------------------------------------------------------------------ the overview's sections
function refused(error) {
  if (error instanceof ApiError && error.status === 403) return h("p", { class: "muted" }, "Hanya pimpinan dan piket yang dapat melihat bagian ini.");
  return h("p", { class: "error", role: "alert" }, describe(error));
}

export async function drawHealth(box) {
  try {
    box.replaceChildren(h("h2", { id: "h-health" }, "Kesehatan kanal"), ...healthTable(await get("/api/channels/health")));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    box.replaceChildren(h("h2", { id: "h-health" }, "Kesehatan kanal"), refused(error));
  }
}

export async function drawParity(box) {
  try {
    const report = await get("/api/parity");
    box.replaceChildren(h("h2", { id: "h-parity" }, "Paritas: laporan sepi dan viral dijawab sama cepat?"), ...parityView(report, csvButton("/api/parity.csv")).filter(Boolean));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    const notYet = error instanceof ApiError && error.code === "not_computed";
    box.replaceChildren(
      h("h2", { id: "h-parity" }, "Paritas"),
      notYet ? h("p", { class: "muted", id: "parity-not-computed" }, "Laporan paritas 30 hari belum dihitung (dihitung sekali sehari): belum ada data.") : refused(error),
    );
  }
}
