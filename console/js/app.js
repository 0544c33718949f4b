// The console's shell: sign-in, the hash router (#/antrian, #/tiket/<no>, #/insiden/<id>, #/peta,
// #/ringkasan, #/laporan-110), keyboard shortcuts, and returning to sign-in when the session ends (drafts
// stay in sessionStorage, so a half-typed reply is there after signing in again). URLs carry ticket numbers
// and incident ids only.

import { whenSessionExpires } from "./api.js";
import { SignInError, answerMfa, current, hasGroup, loadConfig, signIn, signOut } from "./auth.js";
import { h, main, notify } from "./dom.js";
import { showIncident } from "./incident.js";
import { renderCallCentre } from "./callcentre.js";
import { renderMapView } from "./mapview.js";
import { renderOverview } from "./overview.js";
import { armSound, order, queue, renderQueue, startPolling, stopPolling } from "./queue.js";
import { acknowledgeShown, focusReply, showTicket, shownTicket } from "./ticket.js";
import { startCountdowns } from "./time.js";

let queueView = null;
let returnTo = null;

function route() {
  const hash = location.hash || "#/antrian";
  const [, name, arg] = hash.match(/^#\/([^/]+)\/?(.*)$/) || [null, "antrian", ""];
  return { name, arg: decodeURIComponent(arg || "") };
}

function markNav(name) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function render() {
  if (!current()) return renderSignIn();
  const { name, arg } = route();
  markNav(name === "tiket" || name === "insiden" ? "antrian" : name);
  queueView = null;
  if (name === "tiket" && arg) {
    queue.listeners.clear();
    await showTicket(arg);
  } else if (name === "insiden" && arg) {
    queue.listeners.clear();
    await showIncident(arg);
  } else if (name === "peta") renderMapView();
  else if (name === "ringkasan") renderOverview();
  else if (name === "laporan-110") renderCallCentre();
  else {
    queueView = renderQueue();
  }
}

function renderSignIn(message = "") {
  stopPolling();
  document.getElementById("topbar").hidden = true;
  const user = h("input", { id: "signin-user", name: "username", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const pass = h("input", { id: "signin-password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "error", role: "alert", id: "signin-error" }, message);
  const button = h("button", { type: "submit", class: "primary", id: "signin-submit" }, "Masuk");
  const form = h(
    "form",
    {
      class: "signin",
      "aria-labelledby": "signin-title",
      onsubmit: async (e) => {
        e.preventDefault();
        armSound();
        error.textContent = "";
        button.disabled = true;
        try {
          const result = await signIn(user.value.trim(), pass.value);
          if (result.challenge) return renderMfa(result);
          started();
        } catch (err) {
          error.textContent = err instanceof SignInError ? err.message : "Gagal masuk. Coba lagi.";
          pass.value = "";
          pass.focus();
        } finally {
          button.disabled = false;
        }
      },
    },
    h("h1", { id: "signin-title" }, "Masuk ke konsol Aduan"),
    h("p", { class: "hint" }, "Gunakan akun petugas Anda (ID petugas sesuai daftar piket)."),
    h("div", { class: "field" }, h("label", { for: "signin-user" }, "ID petugas"), user),
    h("div", { class: "field" }, h("label", { for: "signin-password" }, "Kata sandi"), pass),
    button,
    error,
  );
  main().replaceChildren(form);
  user.focus();
}

function renderMfa(pending) {
  const code = h("input", { id: "mfa-code", inputmode: "numeric", autocomplete: "one-time-code", required: true, maxlength: 6 });
  const error = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    {
      class: "signin",
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await answerMfa(pending, code.value.trim());
          started();
        } catch (err) {
          error.textContent = err instanceof SignInError ? err.message : "Kode MFA tidak diterima.";
        }
      },
    },
    h("h1", {}, "Kode MFA"),
    h("div", { class: "field" }, h("label", { for: "mfa-code" }, "Kode 6 angka dari aplikasi autentikator"), code),
    h("button", { type: "submit", class: "primary" }, "Lanjut"),
    error,
  );
  main().replaceChildren(form);
  code.focus();
}

function started() {
  const session = current();
  document.getElementById("topbar").hidden = false;
  document.getElementById("who").textContent = session.username;
  document.getElementById("nav-110").hidden = !hasGroup("piket", "pimpinan");
  queue.loaded = false;
  queue.seen.clear();
  startPolling();
  if (returnTo && returnTo !== location.hash) {
    location.hash = returnTo;
    returnTo = null;
  } else {
    returnTo = null;
    render();
  }
}

whenSessionExpires(() => {
  if (!current() && main().querySelector(".signin")) return;
  returnTo = location.hash;
  signOut();
  renderSignIn("Sesi Anda berakhir. Masuk lagi: isian yang belum terkirim tetap tersimpan.");
});

// ------------------------------------------------------------------ keyboard
let pendingG = false;
function typing(target) {
  return target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

document.addEventListener("keydown", (event) => {
  if (!current() || event.ctrlKey || event.metaKey || event.altKey) return;
  const help = document.getElementById("help");
  if (event.key === "Escape" && !typing(event.target) && ["tiket", "insiden"].includes(route().name) && !help.open) {
    location.hash = "#/antrian";
    return;
  }
  if (typing(event.target) || help.open) return;
  const { name, arg } = route();
  if (pendingG) {
    pendingG = false;
    const to = { a: "#/antrian", p: "#/peta", s: "#/ringkasan", l: "#/laporan-110" }[event.key];
    if (to) { event.preventDefault(); location.hash = to; }
    return;
  }
  switch (event.key) {
    case "?":
      event.preventDefault();
      help.showModal();
      break;
    case "g":
      pendingG = true;
      setTimeout(() => { pendingG = false; }, 1500);
      break;
    case "j":
    case "k":
    case "ArrowDown":
    case "ArrowUp": {
      const delta = event.key === "j" || event.key === "ArrowDown" ? 1 : -1;
      if (name === "antrian" && queueView) {
        event.preventDefault();
        queueView.move(delta);
      } else if (name === "tiket" && (event.key === "j" || event.key === "k")) {
        const list = order();
        const at = list.indexOf(arg);
        const next = list[at < 0 ? 0 : at + delta];
        if (next) location.hash = `#/tiket/${encodeURIComponent(next)}`;
        else notify(delta > 0 ? "Ini tiket terakhir di antrian." : "Ini tiket pertama di antrian.");
      }
      break;
    }
    case "a":
      if (name === "antrian" && queueView?.selected()) queueView.acknowledge(queueView.selected());
      else if (name === "tiket") acknowledgeShown();
      break;
    case "r":
      if (name === "antrian" && queueView?.selected()) {
        event.preventDefault();
        const target = queueView.selected();
        location.hash = `#/tiket/${encodeURIComponent(target)}`;
        pendingReply = target;
      } else if (name === "tiket") {
        event.preventDefault();
        if (!focusReply()) notify("Tiket ini tidak dapat dibalas dari konsol.");
      }
      break;
    case "/":
      if (name === "antrian" && queueView) { event.preventDefault(); queueView.focusFilter(); }
      break;
    default:
  }
});

let pendingReply = null;
window.addEventListener("hashchange", async () => {
  await render();
  if (pendingReply && shownTicket()?.ticket_no === pendingReply) focusReply();
  pendingReply = null;
});

document.getElementById("signout").addEventListener("click", () => {
  signOut();
  renderSignIn();
});
document.getElementById("help-button").addEventListener("click", () => document.getElementById("help").showModal());

// ------------------------------------------------------------------ start
(async () => {
  try {
    await loadConfig();
  } catch {
    main().replaceChildren(h("p", { class: "error", role: "alert" }, "Konfigurasi konsol tidak dapat dimuat. Hubungi admin."));
    return;
  }
  startCountdowns();
  if (current()) started();
  else renderSignIn();
})();
