// Times as officers read them: WIB clock times and a live countdown to each deadline.

const WIB = new Intl.DateTimeFormat("id-ID", {
  timeZone: "Asia/Jakarta",
  day: "2-digit",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function clock(iso) {
  if (!iso) return "—";
  return `${WIB.format(new Date(iso))} WIB`;
}

function span(seconds) {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} dtk`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} mnt ${String(s % 60).padStart(2, "0")} dtk`;
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return `${hrs} jam ${m % 60} mnt`;
  return `${Math.floor(hrs / 24)} hari ${hrs % 24} jam`;
}

/** "4 mnt 12 dtk lagi" before the deadline, "lewat 3 mnt 05 dtk" after it. */
export function countdown(dueIso, now = Date.now()) {
  const left = (new Date(dueIso).getTime() - now) / 1000;
  return { overdue: left < 0, text: left < 0 ? `lewat ${span(left)}` : `${span(left)} lagi` };
}

export function minutes(value) {
  if (value === null || value === undefined) return "—";
  if (value < 1) return "< 1 mnt";
  if (value < 120) return `${Math.round(value)} mnt`;
  return `${(value / 60).toFixed(1).replace(".", ",")} jam`;
}

/** Updates every `[data-due]` element's countdown once a second. */
export function startCountdowns() {
  const tick = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll("[data-due]")) {
      const { overdue, text } = countdown(el.dataset.due, now);
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle("overdue", overdue);
      const row = el.closest("[data-row]");
      if (row) row.classList.toggle("overdue", overdue);
    }
  };
  tick();
  return setInterval(tick, 1000);
}
