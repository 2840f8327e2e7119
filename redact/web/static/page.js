// Shared by the review page's scripts: element lookup, the toast, and the one way to POST
// (JSON + the CSRF header; the server signs every decision).
"use strict";

export const $ = (id) => document.getElementById(id);

const csrfMeta = document.querySelector('meta[name="csrf-token"]');
const csrf = csrfMeta ? csrfMeta.content : "";

export function toast(message, bad) {
  const box = $("toast");
  box.textContent = message;
  box.classList.toggle("bad", !!bad);
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, bad ? 7000 : 2500);
}

export const REASON_PROMPT =
  "This is a protected term given at intake (the witness, a relative, a home village). " +
  "Leaving it visible publishes it. Only if the person asked for that, type the reason: " +
  "it is signed with your key and the release is listed in the public report.";

// POST a JSON body; {ok, reply}. When the server asks for a reason (a protected term left
// visible), ask the reviewer once and send again; {ok: false, cancelled: true} if they decline.
export async function post(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch (error) {
    toast("Could not reach the review server. Is `testimony review serve` still running?", true);
    return { ok: false, reply: {} };
  }
  const reply = await response.json().catch(() => ({ error: "the server did not answer" }));
  if (!response.ok && reply.needs_reason && !body.reason) {
    const why = window.prompt(REASON_PROMPT);
    if (why && why.trim()) return post(url, Object.assign({}, body, { reason: why.trim() }));
    toast("Not changed: the protected term stays masked.", true);
    return { ok: false, reply, cancelled: true };
  }
  if (!response.ok) toast((reply.error || "refused") + (reply.hint ? " — " + reply.hint : ""), true);
  return { ok: response.ok, reply };
}

export async function getJSON(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  return response.ok ? response.json() : null;
}
