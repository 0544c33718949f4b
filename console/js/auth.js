// Sign-in with the officers' Cognito user pool (InitiateAuth USER_PASSWORD_AUTH, the MFA code when the
// account has one, REFRESH_TOKEN_AUTH to renew). Tokens live in this tab's sessionStorage only; nothing
// about a citizen is ever stored here.

const KEY = "aduan.session";
let config = null;

export async function loadConfig() {
  if (config) return config;
  const response = await fetch("./config.json", { cache: "no-store" });
  if (!response.ok) throw new Error("config");
  config = await response.json();
  return config;
}

export class SignInError extends Error {}

const MESSAGES = {
  NotAuthorizedException: "Nama pengguna atau kata sandi salah.",
  UserNotFoundException: "Nama pengguna atau kata sandi salah.",
  PasswordResetRequiredException: "Kata sandi harus diganti: hubungi admin konsol.",
  UserNotConfirmedException: "Akun belum aktif: hubungi admin konsol.",
  TooManyRequestsException: "Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.",
  LimitExceededException: "Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.",
  CodeMismatchException: "Kode MFA salah.",
  ExpiredCodeException: "Kode MFA kedaluwarsa, masukkan kode yang baru.",
};

async function cognito(target, body) {
  const cfg = await loadConfig();
  let response;
  try {
    response = await fetch(cfg.cognitoEndpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new SignInError("Tidak dapat menghubungi layanan masuk. Periksa jaringan lalu coba lagi.");
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const type = String(data.__type || "").split("#").pop();
    throw new SignInError(MESSAGES[type] || "Gagal masuk. Coba lagi atau hubungi admin konsol.");
  }
  return data;
}

function claims(token) {
  const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const json = decodeURIComponent(
    Array.from(atob(part), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""),
  );
  return JSON.parse(json);
}

function store(result, previous = {}) {
  const access = result.AccessToken;
  const c = claims(access);
  const session = {
    access,
    refresh: result.RefreshToken || previous.refresh,
    expiresAt: Date.now() + (result.ExpiresIn || 3600) * 1000,
    username: c.username || c["cognito:username"],
    groups: c["cognito:groups"] || [],
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function current() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** Returns the session, or `{challenge, session}` when Cognito asks for the MFA code. */
export async function signIn(username, password) {
  const cfg = await loadConfig();
  const data = await cognito("InitiateAuth", {
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: cfg.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  if (data.AuthenticationResult) return store(data.AuthenticationResult);
  if (data.ChallengeName === "SOFTWARE_TOKEN_MFA") return { challenge: data.ChallengeName, session: data.Session, username };
  throw new SignInError("Akun ini perlu disiapkan dulu (ganti kata sandi atau MFA): hubungi admin konsol.");
}

export async function answerMfa(pending, code) {
  const cfg = await loadConfig();
  const data = await cognito("RespondToAuthChallenge", {
    ChallengeName: "SOFTWARE_TOKEN_MFA",
    ClientId: cfg.clientId,
    Session: pending.session,
    ChallengeResponses: { USERNAME: pending.username, SOFTWARE_TOKEN_MFA_CODE: code },
  });
  if (!data.AuthenticationResult) throw new SignInError("Kode MFA tidak diterima.");
  return store(data.AuthenticationResult);
}

/** A fresh access token from the refresh token; null when the session cannot be renewed. */
export async function refresh() {
  const session = current();
  if (!session || !session.refresh) return null;
  const cfg = await loadConfig();
  try {
    const data = await cognito("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: cfg.clientId,
      AuthParameters: { REFRESH_TOKEN: session.refresh },
    });
    return data.AuthenticationResult ? store(data.AuthenticationResult, session) : null;
  } catch {
    return null;
  }
}

/** The access token to send, renewed a minute before it expires. */
export async function accessToken() {
  let session = current();
  if (!session) return null;
  if (Date.now() > session.expiresAt - 60_000) session = await refresh();
  return session ? session.access : null;
}

export function hasGroup(...names) {
  const session = current();
  return !!session && names.some((g) => session.groups.includes(g));
}
