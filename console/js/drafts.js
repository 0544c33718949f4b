// What an officer is typing, kept in this tab's sessionStorage until it is sent, so a session expiry, a
// reload or an API error never loses it. Keys name the ticket and the field, never a citizen.

const PREFIX = "aduan.draft.";

export function load(key) {
  return sessionStorage.getItem(PREFIX + key) || "";
}

export function save(key, value) {
  if (value) sessionStorage.setItem(PREFIX + key, value);
  else sessionStorage.removeItem(PREFIX + key);
}

export function drop(key) {
  sessionStorage.removeItem(PREFIX + key);
}

/** Binds a text field to its draft: restores it now, saves it on every keystroke. */
export function bind(field, key) {
  const saved = load(key);
  if (saved && !field.value) field.value = saved;
  field.addEventListener("input", () => save(key, field.value));
  return field;
}
