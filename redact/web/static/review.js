// Testimony review page: moving between proposals, the inspector, single decisions, adding a
// missed span. Filter, bulk decisions, undo and the same entity in other records: tools.js.
"use strict";
import { $, toast, post, getJSON } from "./page.js";
import { startTools } from "./tools.js";

const app = document.getElementById("app");
if (app) startReview(app);

function startReview(app) {
  const recordId = app.dataset.record;
  const transcript = $("transcript");
  const preview = $("preview");
  const marks = Array.from(document.querySelectorAll("mark.sp[data-id]"));
  let current = -1;
  let pending = null; // {start, end, text}: the words selected in the transcript
  let queue = Promise.resolve(true);

  // the record text, in code points (Python's offsets), rebuilt from the data-offset pieces
  const raw = Array.from(transcript.querySelectorAll("[data-offset]")).map((el) => el.textContent).join("");
  const cps = Array.from(raw);
  const cpLen = (s) => Array.from(s).length;

  // -- moving between proposals -------------------------------------------------------------
  function focusSpan(i, scroll) {
    if (!marks.length) return;
    i = Math.max(0, Math.min(marks.length - 1, i));
    if (current >= 0 && marks[current]) {
      marks[current].classList.remove("current");
      marks[current].tabIndex = -1;
    }
    current = i;
    const mark = marks[i];
    mark.classList.add("current");
    mark.tabIndex = 0;
    mark.focus({ preventScroll: true });
    if (scroll !== false) mark.scrollIntoView({ block: "nearest" });
    inspect();
  }

  function step(direction) { // the next proposal the filter shows, in that direction
    for (let i = current + direction; i >= 0 && i < marks.length; i += direction) {
      if (tools.shows(marks[i])) { focusSpan(i); return; }
    }
    if (current < 0) { const first = marks.findIndex(tools.shows); if (first >= 0) focusSpan(first); }
  }

  function currentMark() { return current >= 0 ? marks[current] : null; }

  function inspect() {
    const mark = currentMark();
    $("i-empty").hidden = !!mark;
    $("i-body").hidden = !mark;
    $("edit-form").hidden = true;
    if (!mark) return;
    const d = mark.dataset;
    const tag = $("i-tag");
    tag.textContent = d.type;
    tag.className = "tag lb-" + d.label;
    $("i-text").textContent = mark.querySelector(".o").textContent;
    $("i-status").textContent = d.icon + " " + d.state;
    $("i-repl").textContent = d.repl;
    $("i-why").textContent = d.why;
    $("i-expl").textContent = d.expl || "—";
    $("i-ctx").textContent = d.ctx || "—";
    const same = marks.filter((m) => m.dataset.entity === d.entity);
    const open = same.filter((m) => m.dataset.status === "proposed").length;
    $("i-mentions").textContent = same.length + " in this record (" + open + " to decide)";
    $("i-who").textContent = d.who || "none yet";
    fillMergeTargets(mark);
    tools.inspected(mark);
  }

  function fillMergeTargets(mark) {
    const select = $("merge-target");
    select.textContent = "";
    const seen = new Map();
    for (const m of marks) {
      const key = m.dataset.entity;
      if (key === mark.dataset.entity || m.dataset.label !== mark.dataset.label) continue;
      const entry = seen.get(key) || { mark: m, n: 0 };
      entry.n += 1;
      seen.set(key, entry);
    }
    for (const [key, entry] of seen) {
      const option = document.createElement("option");
      option.value = key;
      option.textContent = entry.mark.querySelector(".o").textContent + " → " +
        entry.mark.querySelector(".r").textContent + " (" + entry.n + ")";
      select.appendChild(option);
    }
    select.disabled = seen.size === 0;
  }

  // -- decisions ------------------------------------------------------------------------------
  // one decision at a time, in the order they were made: a key pressed while the previous
  // decision is still being signed waits for it instead of being lost
  function send(body, focusAfter) {
    const run = queue.then(() => sendNow(body, focusAfter));
    queue = run.catch(() => false);
    return run;
  }

  async function sendNow(body, focusAfter) {
    const { ok, reply } = await post("/api/record/" + recordId + "/decide", body);
    if (!ok) return false;
    if (!applyState(reply, focusAfter)) return true;
    toast("Saved and signed: " + body.action);
    return true;
  }

  async function refresh() { // after decisions made elsewhere (in every record at once)
    const state = await getJSON("/api/record/" + recordId);
    if (state) applyState(state);
  }

  function reload(focusId) {
    location.assign("/record/" + recordId + (focusId ? "?focus=" + encodeURIComponent(focusId) : ""));
  }

  function applyState(state, focusAfter) {
    const byId = new Map(marks.map((m) => [m.dataset.id, m]));
    if (state.spans.length !== marks.length || state.spans.some((s) => !byId.has(s.id))) {
      reload(focusAfter || (currentMark() && currentMark().dataset.id));
      return false;
    }
    for (const s of state.spans) {
      const m = byId.get(s.id);
      m.className = m.className.replace(/\bst-\w+/, "st-" + s.status).replace(/\blb-\w+/, "lb-" + s.label);
      Object.assign(m.dataset, {
        status: s.status, action: s.action, entity: s.entity, who: s.who,
        icon: s.icon, state: s.state, repl: s.shown,
      });
      m.querySelector(".r").textContent = s.replacement;
    }
    $("progress").value = state.decided;
    $("progress").max = state.total || 1;
    $("progress-text").textContent = state.decided + " of " + state.total + " decided";
    $("approved").hidden = !state.approved;
    $("approve").disabled = state.undecided > 0 || state.approved;
    $("approve-why").textContent = state.undecided > 0
      ? "Decide the " + state.undecided + " open spans first."
      : state.approved ? "Approved. A new decision would need a new approval." : "Every span is decided.";
    preview.textContent = state.preview;
    showEvents(state.events);
    tools.changed(state);
    inspect();
    return true;
  }

  function showEvents(events) {
    const list = $("events");
    list.textContent = "";
    for (const e of events) {
      const li = document.createElement("li");
      const time = document.createElement("time");
      time.textContent = e.time;
      const name = document.createElement("strong");
      name.textContent = e.name;
      const fp = document.createElement("code");
      fp.className = "small";
      fp.textContent = e.reviewer;
      li.append(time, " ", name, " ", fp, " " + e.action + (e.count ? " " + e.count + (e.count === 1 ? " span" : " spans") : ""));
      list.appendChild(li);
    }
    $("events-count").textContent = "(" + events.length + (events.length === 1 ? " decision)" : " decisions)");
  }

  function needSpan() {
    const mark = currentMark();
    if (!mark) toast("Choose a proposal first: click a highlighted word or press j.", true);
    return mark;
  }

  async function decideCurrent(action, allMentions) {
    const mark = needSpan();
    if (!mark) return;
    const body = allMentions ? { action, entity: mark.dataset.entity } : { action, spans: [mark.dataset.id] };
    const at = current;
    const done = await send(body);
    if (current !== at) return; // the reviewer moved on while it was being signed: stay there
    if (done && !allMentions && at + 1 < marks.length) step(1);
    else if (currentMark()) currentMark().focus({ preventScroll: true });
  }

  function startEdit() {
    const mark = needSpan();
    if (!mark) return;
    $("edit-form").hidden = false;
    const input = $("edit-input");
    input.value = mark.querySelector(".r").textContent;
    input.focus();
    input.select();
  }

  async function approve() {
    if ($("approve").disabled) { toast($("approve-why").textContent, true); return; }
    await send({ action: "approve" });
  }

  // -- adding a missed span -------------------------------------------------------------------
  function pointOffset(node, off) {
    if (!node || !transcript.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      const host = node.parentElement;
      if (host.hasAttribute("data-offset")) return +host.dataset.offset + cpLen(node.data.slice(0, off));
      const mark = host.closest("mark.sp");
      if (!mark) return null;
      const o = mark.querySelector(".o");
      return +o.dataset.offset + cpLen(o.textContent); // the hidden replacement: after the words
    }
    const startOf = (child) => {
      if (!child) return cps.length;
      const el = child.nodeType === Node.ELEMENT_NODE && (child.matches("[data-offset]") ? child : child.querySelector("[data-offset]"));
      return el ? +el.dataset.offset : null;
    };
    if (node === transcript) return startOf(node.childNodes[off]);
    if (node.hasAttribute("data-offset")) return +node.dataset.offset + (off === 0 ? 0 : cpLen(node.textContent));
    const mark = node.closest("mark.sp");
    if (!mark) return null;
    const o = mark.querySelector(".o");
    const idx = Array.prototype.indexOf.call(mark.childNodes, o);
    return off <= idx ? +o.dataset.offset : +o.dataset.offset + cpLen(o.textContent);
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    let start = pointOffset(range.startContainer, range.startOffset);
    let end = pointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null) return null;
    while (start < end && /\s/u.test(cps[start])) start++;
    while (end > start && /\s/u.test(cps[end - 1])) end--;
    if (start >= end) return null;
    return { start, end, text: cps.slice(start, end).join("") };
  }

  document.addEventListener("selectionchange", () => {
    const found = readSelection();
    if (found) {
      pending = found;
      $("add-words").value = found.text;
    }
  });

  function fromTyped(words) {
    if (!words.trim()) return null;
    let at = raw.indexOf(words);
    if (at < 0) return null;
    const mark = currentMark();
    const o = mark && mark.querySelector(".o[data-offset]");
    if (o) { // the first occurrence after the chosen proposal, else the first one
      const next = raw.indexOf(words, cps.slice(0, +o.dataset.offset).join("").length);
      if (next >= 0) at = next;
    }
    const start = cpLen(raw.slice(0, at));
    return { start, end: start + cpLen(words), text: words };
  }

  async function addSpan() {
    const words = $("add-words").value;
    let chosen = pending && pending.text === words ? pending : null;
    if (!chosen) chosen = fromTyped(words);
    if (!chosen) {
      toast("Select the words in the transcript first (or type them exactly as written).", true);
      $("add-words").focus();
      return;
    }
    const body = { action: "add", start: chosen.start, end: chosen.end, text: chosen.text, label: $("add-label").value };
    const replacement = $("add-repl").value.trim();
    if (replacement) body.replacement = replacement;
    if (await send(body, chosen.start + "-" + chosen.end)) {
      pending = null;
      $("add-words").value = "";
      $("add-repl").value = "";
    }
  }

  // -- wiring ------------------------------------------------------------------------------------
  function showTab(which) {
    const text = which === "text";
    transcript.hidden = !text;
    preview.hidden = text;
    $("legend").hidden = !text;
    $("tab-text").setAttribute("aria-selected", String(text));
    $("tab-preview").setAttribute("aria-selected", String(!text));
  }

  const tools = startTools({ recordId, marks, send, refresh, currentMark, needSpan });

  const commands = Object.assign({
    accept: () => decideCurrent("accept"),
    reject: () => decideCurrent("reject"),
    edit: startEdit,
    "accept-entity": () => decideCurrent("accept", true),
    "reject-entity": () => decideCurrent("reject", true),
    split: () => { const m = needSpan(); if (m) send({ action: "split", spans: [m.dataset.id] }); },
    approve: approve,
    cancel: () => { $("edit-form").hidden = true; if (currentMark()) currentMark().focus(); },
  }, tools.commands);

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-cmd]");
    if (button) { commands[button.dataset.cmd](); return; }
    const mark = event.target.closest("mark.sp[data-id]");
    if (mark && window.getSelection().isCollapsed) focusSpan(marks.indexOf(mark), false);
  });
  $("tab-text").addEventListener("click", () => showTab("text"));
  $("tab-preview").addEventListener("click", () => showTab("preview"));
  $("edit-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const mark = needSpan();
    if (!mark) return;
    if (await send({ action: "edit", spans: [mark.dataset.id], replacement: $("edit-input").value })) {
      $("edit-form").hidden = true;
      mark.focus();
    }
  });
  $("merge-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const mark = needSpan();
    const target = $("merge-target").value;
    if (mark && target) send({ action: "merge", spans: [mark.dataset.id], entity: target });
  });
  $("add-form").addEventListener("submit", (event) => { event.preventDefault(); addSpan(); });
  $("add-words").addEventListener("input", () => { pending = null; });

  const keys = {
    j: () => step(1),
    k: () => (current < 0 ? step(1) : step(-1)),
    u: () => {
      const open = (m, i) => i > current && m.dataset.status === "proposed" && tools.shows(m);
      const next = marks.findIndex(open);
      const any = next >= 0 ? next : marks.findIndex((m) => m.dataset.status === "proposed" && tools.shows(m));
      if (any >= 0) focusSpan(any); else toast("Nothing left to decide here.");
    },
    a: commands.accept, r: commands.reject, e: commands.edit,
    A: commands["accept-entity"], R: commands["reject-entity"],
    m: () => { if (needSpan()) { $("link-box").open = true; $("merge-target").focus(); } },
    s: commands.split,
    n: addSpan,
    p: approve,
    z: commands.undo,
    f: () => $("f-text").focus(),
    v: () => showTab(transcript.hidden ? "text" : "preview"),
    "?": () => { const box = $("keys"); box.scrollIntoView({ block: "nearest" }); box.classList.add("flash"); setTimeout(() => box.classList.remove("flash"), 1500); },
  };
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { commands.cancel(); commands["bulk-no"](); commands["every-no"](); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea")) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  const focusId = new URLSearchParams(location.search).get("focus");
  if (focusId) {
    const i = marks.findIndex((m) => m.dataset.id === focusId);
    if (i >= 0) focusSpan(i);
  }
}
