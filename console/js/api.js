// The officer API, same origin (`/api/...`). Every failure becomes an ApiError with a Bahasa Indonesia
// message; an expired session is renewed once, then the console returns to sign-in (drafts are kept).

import { accessToken, loadConfig, refresh } from "./auth.js";

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export class SessionExpired extends ApiError {}

const BY_STATUS = {
  400: "Isian tidak valid.",
  403: "Anda tidak berwenang untuk tindakan ini.",
  404: "Tiket tidak ditemukan.",
  409: "Tindakan tidak dapat dilakukan pada keadaan tiket sekarang.",
  413: "Isian terlalu panjang.",
  429: "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.",
};

let onExpired = () => {};
export function whenSessionExpires(handler) {
  onExpired = handler;
}

async function send(method, path, body, token) {
  const cfg = await loadConfig();
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${cfg.apiBase || ""}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
}

/** The response of an authorised call: renewed once on a 401, sign-in when it cannot be renewed. */
async function authorised(method, path, body) {
  let token = await accessToken();
  if (!token) {
    onExpired();
    throw new SessionExpired(401, "session_expired", "Sesi berakhir. Silakan masuk lagi.");
  }
  let response;
  try {
    response = await send(method, path, body, token);
    if (response.status === 401) {
      const renewed = await refresh();
      if (renewed) {
        token = renewed.access;
        response = await send(method, path, body, token);
      }
    }
  } catch {
    throw new ApiError(0, "network", "Tidak dapat menghubungi server. Periksa jaringan lalu coba lagi.");
  }
  if (response.status === 401) {
    onExpired();
    throw new SessionExpired(401, "session_expired", "Sesi berakhir. Silakan masuk lagi.");
  }
  return response;
}

function failure(response, data) {
  const fallback = response.status >= 500 ? "Layanan sedang sibuk, coba lagi sebentar lagi." : BY_STATUS[response.status];
  const message = (data && typeof data.message === "string" && data.error && data.message) || fallback || "Permintaan gagal.";
  return new ApiError(response.status, (data && data.error) || `http_${response.status}`, message, data && data.details);
}

export async function request(method, path, body) {
  const response = await authorised(method, path, body);
  const data = await response.json().catch(() => null);
  if (!response.ok) throw failure(response, data);
  return data;
}

export const get = (path) => request("GET", path);
export const post = (path, body = {}) => request("POST", path, body);

/** A file from the API (a CSV export) as `{blob, filename}`, with the same session and errors as `request`. */
export async function download(path) {
  const response = await authorised("GET", path);
  if (!response.ok) throw failure(response, await response.json().catch(() => null));
  const named = (response.headers.get("Content-Disposition") || "").match(/filename="?([^";]+)"?/);
  return { blob: await response.blob(), filename: named ? named[1] : "unduhan.csv" };
}

/** A field-by-field explanation of a 400 (`fields`), when the API gave one. */
export function describe(error) {
  if (!(error instanceof ApiError)) return "Terjadi kesalahan di konsol. Muat ulang halaman.";
  if (error.code === "already_acknowledged" || error.details.acknowledged_by) {
    const who = error.details.acknowledged_by;
    const when = error.details.acknowledged_at;
    if (who) {
      const at = when ? ` pada ${new Date(when).toLocaleTimeString("id-ID", { timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit" })} WIB` : "";
      return `${error.message}. Sudah diterima lebih dulu oleh ${who}${at}.`.replace("..", ".");
    }
  }
  return error.message;
}
