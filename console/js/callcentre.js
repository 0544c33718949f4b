// The 110 call-centre form: the caller's words, the place (text, or a pin on the map), a callback number.
// The answer is the ticket number to read back to the caller. A report id is made once per report, so
// pressing "Simpan" again after a network error files one ticket, not two.

import { describe, post } from "./api.js";
import { h, main, notify } from "./dom.js";
import * as drafts from "./drafts.js";
import { drawMap } from "./map.js";

const KEY = "call";
const SPELL = { 0: "nol", 1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh", 8: "delapan", 9: "sembilan" };

function reportId() {
  let id = drafts.load(`${KEY}.report_id`);
  if (!id) {
    id = `call-${crypto.randomUUID().replace(/-/g, "")}`;
    drafts.save(`${KEY}.report_id`, id);
  }
  return id;
}

function spelled(ticketNo) {
  return [...ticketNo].filter((c) => c !== "-").map((c) => SPELL[c] || c).join(" · ");
}

export function renderCallCentre() {
  const view = main();
  const words = drafts.bind(h("textarea", { id: "call-text", rows: 5, maxlength: 4000, required: true }), `${KEY}.text`);
  const place = drafts.bind(h("input", { id: "call-place", maxlength: 200, autocomplete: "off" }), `${KEY}.place`);
  const phone = drafts.bind(h("input", { id: "call-phone", type: "tel", inputmode: "tel", autocomplete: "off" }), `${KEY}.phone`);
  const name = drafts.bind(h("input", { id: "call-name", maxlength: 100, autocomplete: "off" }), `${KEY}.name`);
  const pinText = h("p", { class: "hint", id: "call-pin-text", role: "status" });
  const saved = drafts.load(`${KEY}.pin`);
  let pin = saved ? JSON.parse(saved) : null;
  const showPin = () => {
    pinText.textContent = pin ? `Pin: ${pin.lat.toFixed(5)}, ${pin.lon.toFixed(5)}` : "Belum ada pin. Klik peta, atau fokus ke peta lalu gunakan tombol panah dan Enter.";
  };
  showPin();
  const mapBox = h("div", { class: "map-box" });
  const error = h("p", { class: "error", role: "alert" });
  const result = h("div", { class: "result", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "primary", id: "call-send" }, "Simpan laporan");
  const clearPin = h("button", { type: "button", id: "call-clear-pin", onclick: () => { pin = null; drafts.drop(`${KEY}.pin`); showPin(); draw(); } }, "Hapus pin");
  const draw = () =>
    drawMap(mapBox, {
      picked: pin,
      title: "Peta untuk menandai tempat kejadian",
      onPick: (lat, lon) => {
        pin = { lat, lon };
        drafts.save(`${KEY}.pin`, JSON.stringify(pin));
        showPin();
      },
    });
  const form = h(
    "form",
    {
      class: "call-form",
      "aria-labelledby": "call-title",
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = "";
        const text = words.value.trim();
        if (text.length < 3) { error.textContent = "Tulis kata-kata penelepon dulu."; words.focus(); return; }
        const body = { text: place.value.trim() ? `${text}\nTempat: ${place.value.trim()}` : text, report_id: reportId() };
        const number = phone.value.replace(/[\s-]/g, "");
        if (number) body.caller_phone = number;
        if (name.value.trim()) body.caller_name = name.value.trim();
        if (pin) body.location = { lat: pin.lat, lon: pin.lon, ...(place.value.trim() ? { name: place.value.trim().slice(0, 200) } : {}) };
        button.disabled = true;
        try {
          const answer = await post("/api/tickets", body);
          const t = answer.ticket;
          for (const k of ["text", "place", "phone", "name", "pin", "report_id"]) drafts.drop(`${KEY}.${k}`);
          form.reset();
          pin = null;
          showPin();
          draw();
          result.replaceChildren(
            h("p", {}, answer.outcome === "created" ? "Laporan tersimpan. Bacakan nomor tiket ke penelepon:" : "Laporan ini sudah tersimpan sebelumnya. Nomor tiketnya:"),
            h("p", { class: "ticket-number", id: "call-ticket-no", tabindex: "-1" }, t.ticket_no),
            h("p", { class: "spelled" }, spelled(t.ticket_no)),
            h("p", {}, h("a", { href: `#/tiket/${encodeURIComponent(t.ticket_no)}` }, "Buka tiket ini")),
          );
          document.getElementById("call-ticket-no").focus();
          notify(`Tiket ${t.ticket_no} dibuat.`);
        } catch (err) {
          error.textContent = describe(err);
        } finally {
          button.disabled = false;
        }
      },
    },
    h("div", { class: "field" }, h("label", { for: "call-text" }, "Kata-kata penelepon (wajib)"), words),
    h("div", { class: "field" }, h("label", { for: "call-place" }, "Tempat kejadian (teks)"), place),
    h("div", { class: "field" }, h("span", { class: "label" }, "Tempat kejadian (pin di peta, boleh kosong)"), mapBox, pinText, clearPin),
    h("div", { class: "field" }, h("label", { for: "call-phone" }, "Nomor telepon untuk dihubungi balik"), phone),
    h("div", { class: "field" }, h("label", { for: "call-name" }, "Nama penelepon (boleh kosong)"), name),
    button,
    error,
  );
  view.replaceChildren(h("h1", { id: "call-title" }, "Laporan telepon 110"), h("div", { class: "call-grid" }, form, result));
  draw();
}
