// The review page's tools over many proposals: the filter (type, status, recognizer, words),
// bulk decisions on what it shows, undo of the last decision, and one entity in every record.
// Every bulk decision shows its count first and changes nothing until the reviewer confirms.
"use strict";
import { $, toast, post } from "./page.js";

export function startTools(ctx) {
  const { marks } = ctx;
  const filter = { label: "", status: "", rec: "", text: "" };
  let bulkIds = [];
  let bulkAction = "accept";
  let elsewhere = null; // {entity, records: [{record, code, total, open, approved}]}
  let askedFor = "";

  // -- the filter -----------------------------------------------------------------------------
  function filtering() { return !!(filter.label || filter.status || filter.rec || filter.text); }

  function shows(mark) {
    const d = mark.dataset;
    if (filter.label && d.label !== filter.label) return false;
    if (filter.status && d.status !== filter.status) return false;
    if (filter.rec && d.rec !== filter.rec) return false;
    if (filter.text) {
      const words = (mark.querySelector(".o").textContent + " " + d.repl).toLocaleLowerCase();
      if (!words.includes(filter.text)) return false;
    }
    return true;
  }

  function describe() { // the filter in words, for the confirmation
    const parts = [];
    if (filter.label) parts.push("of type " + $("f-label").selectedOptions[0].textContent);
    if (filter.rec) parts.push("found by " + $("f-rec").selectedOptions[0].textContent);
    if (filter.text) parts.push("matching “" + $("f-text").value.trim() + "”");
    return parts.join(", ");
  }

  function applyFilter() {
    filter.label = $("f-label").value;
    filter.status = $("f-status").value;
    filter.rec = $("f-rec").value;
    filter.text = $("f-text").value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const m of marks) {
      const on = shows(m);
      m.classList.toggle("out", !on);
      if (on) shown++;
    }
    bulkIds = marks.filter((m) => shows(m) && m.dataset.status === "proposed").map((m) => m.dataset.id);
    $("f-count").textContent = filtering()
      ? shown + " of " + marks.length + " proposals shown, " + bulkIds.length + " to decide"
      : marks.length + " proposals, " + bulkIds.length + " to decide";
    const scope = !filtering() ? "all open proposals"
      : bulkIds.length === 1 ? "the 1 open proposal shown" : "the " + bulkIds.length + " open proposals shown";
    $("bulk").textContent = "Accept " + scope + "…";
    $("bulk-reject").textContent = "Reject " + scope + "…";
    $("bulk").disabled = $("bulk-reject").disabled = bulkIds.length === 0;
    $("bulk-confirm").hidden = true;
  }

  for (const id of ["f-label", "f-status", "f-rec"]) $(id).addEventListener("change", applyFilter);
  $("f-text").addEventListener("input", applyFilter);
  $("filter").addEventListener("submit", (event) => { event.preventDefault(); applyFilter(); });

  // -- bulk decisions on what the filter shows ------------------------------------------------
  function askBulk(action) {
    if (!bulkIds.length) { toast("No open proposal is shown.", true); return; }
    bulkAction = action;
    const what = describe();
    const verb = action === "accept" ? "Accept" : "Reject";
    $("bulk-q").textContent = verb + " the " + bulkIds.length + " open proposal" +
      (bulkIds.length === 1 ? "" : "s") + (what ? " " + what : "") + " without looking at each one?" +
      (action === "reject" ? " They stay as written in the export." : "");
    $("bulk-yes").textContent = action === "accept" ? "Yes, accept them" : "Yes, reject them";
    $("bulk-yes").className = action === "accept" ? "ok" : "no";
    $("bulk-confirm").hidden = false;
    $("bulk-yes").focus();
  }

  async function bulkYes() {
    const ids = bulkIds.slice();
    $("bulk-confirm").hidden = true;
    if (ids.length) await ctx.send({ action: bulkAction, spans: ids });
  }

  // -- undo --------------------------------------------------------------------------------------
  function showUndo(offer) {
    $("undo").disabled = !offer;
    $("undo").dataset.event = offer ? String(offer.n) : "";
    $("undo-what").textContent = offer ? "Last: " + offer.words : "Nothing to undo.";
  }

  async function undo() {
    const n = $("undo").dataset.event;
    if (!n) { toast("Nothing to undo.", true); return; }
    await ctx.send({ action: "undo", event: +n });
  }

  // -- one entity in every record -----------------------------------------------------------------
  async function inspected(mark) {
    const entity = mark.dataset.entity;
    $("every-confirm").hidden = true;
    if (elsewhere && elsewhere.entity === entity) { showElsewhere(mark); return; }
    $("i-elsewhere").textContent = "counting…";
    $("every").hidden = true;
    askedFor = entity;
    const { ok, reply } = await post("/api/entity/mentions", { entity });
    if (askedFor !== entity) return; // another proposal was chosen meanwhile
    if (!ok) { $("i-elsewhere").textContent = "could not be counted"; return; }
    elsewhere = { entity, records: reply.records };
    const now = ctx.currentMark();
    if (now && now.dataset.entity === entity) showElsewhere(now);
  }

  function others() { return elsewhere.records.filter((r) => r.record !== ctx.recordId); }

  function showElsewhere() {
    const rest = others();
    const mentions = rest.reduce((n, r) => n + r.total, 0);
    $("i-elsewhere").textContent = rest.length
      ? mentions + " mention" + (mentions === 1 ? "" : "s") + " in " + rest.length + " other record" +
        (rest.length === 1 ? "" : "s") + ": " + rest.map((r) => r.code + " (" + r.total + ")").join(", ")
      : "none";
    $("every").hidden = rest.length === 0;
  }

  function askEverywhere(action) {
    const mark = ctx.needSpan();
    if (!mark || !elsewhere || elsewhere.entity !== mark.dataset.entity) return;
    const here = elsewhere.records.find((r) => r.record === ctx.recordId);
    const rest = others();
    const total = elsewhere.records.reduce((n, r) => n + r.total, 0);
    const approved = elsewhere.records.filter((r) => r.approved);
    $("every-q").textContent = (action === "accept" ? "Accept" : "Reject") + " all " + total +
      " mentions of “" + mark.querySelector(".o").textContent + "”: " + (here ? here.total : 0) +
      " here and " + (total - (here ? here.total : 0)) + " in " + rest.length + " other record" +
      (rest.length === 1 ? "" : "s") + " (" + rest.map((r) => r.code + ": " + r.total).join(", ") +
      ")? Each record gets its own signed decision." +
      (approved.length ? " " + approved.length + " approved record(s) will need approving again." : "");
    $("every-yes").dataset.action = action;
    $("every-confirm").hidden = false;
    $("every-yes").focus();
  }

  async function everywhereYes() {
    $("every-confirm").hidden = true;
    const expect = {};
    for (const r of elsewhere.records) expect[r.record] = r.total;
    const body = { action: $("every-yes").dataset.action, entity: elsewhere.entity, expect };
    const { ok, reply } = await post("/api/entity/decide", body);
    elsewhere = null;
    if (ok) toast("Saved and signed in " + reply.records.length + " records: " + body.action);
    await ctx.refresh();
  }

  applyFilter();
  return {
    shows,
    inspected,
    changed(state) { elsewhere = null; showUndo(state.undo); applyFilter(); },
    commands: {
      bulk: () => askBulk("accept"),
      "bulk-reject": () => askBulk("reject"),
      "bulk-yes": bulkYes,
      "bulk-no": () => { $("bulk-confirm").hidden = true; },
      undo,
      "clear-filter": () => { $("filter").reset(); applyFilter(); },
      "accept-everywhere": () => askEverywhere("accept"),
      "reject-everywhere": () => askEverywhere("reject"),
      "every-yes": everywhereYes,
      "every-no": () => { $("every-confirm").hidden = true; },
    },
  };
}
