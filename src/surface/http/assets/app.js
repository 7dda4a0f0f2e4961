// planbot chat page. Every piece of user or document text goes into the page as text
// (textContent, never parsed as HTML), and charts are parsed as SVG and stripped of anything
// active before they are inserted: a plan or a question may contain markup.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with attributes and, optionally, text content. */
function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** A value as the plan writes it: 「92.7%以内」「60,000食」「基準値より増」. */
function display(v) {
  if (!v) return "—";
  if (v.figure === null || v.figure === undefined) return v.raw;
  const q = v.qualifier;
  const tail = !q ? "" : ["以内", "未満", "以上", "以下", "超"].includes(q) || q.endsWith("維持") ? q : "(" + q + ")";
  return v.figure + v.unit + tail;
}

function yearOf(v) {
  return v && v.year ? v.year.label : "—";
}

/** The indicator as a table: 現状値 → 目標値 with years and unit, and yearly targets. */
function indicatorTable(record) {
  const ind = record.body;
  const table = el("table", { class: "indicator" });
  table.append(el("caption", {}, ind.name));
  const head = el("tr");
  head.append(el("th", { scope: "col" }, ""), el("th", { scope: "col" }, "現状値"),
    el("th", { scope: "col", class: "arrow", "aria-label": "から" }, "→"), el("th", { scope: "col" }, "目標値"));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  const row = (label, a, b) => {
    const tr = el("tr");
    tr.append(el("th", { scope: "row" }, label), el("td", {}, a), el("td", { class: "arrow" }, ""), el("td", {}, b));
    tbody.append(tr);
  };
  row("値", display(ind.baseline), ind.target ? display(ind.target) : (ind.note || "—"));
  if ((ind.baseline && ind.baseline.year) || (ind.target && ind.target.year)) {
    row("年度", yearOf(ind.baseline), yearOf(ind.target));
  }
  const unitOf = (v) => (v && v.unit) || "—";
  row("単位", unitOf(ind.baseline), unitOf(ind.target));
  table.append(thead, tbody);
  const parts = [table];
  if (ind.yearly && ind.yearly.length > 1) {
    const yearly = el("table", { class: "yearly" });
    yearly.append(el("caption", {}, "年度ごとの目標"));
    const tb = el("tbody");
    for (const v of ind.yearly) {
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, yearOf(v)), el("td", {}, display(v)));
      tb.append(tr);
    }
    yearly.append(tb);
    parts.push(yearly);
  }
  return parts;
}

/** Parses a chart's SVG and keeps only inert drawing: no script, no links, no handlers. */
function chartNode(chart) {
  const doc = new DOMParser().parseFromString(chart.svg, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.namespaceURI !== SVG_NS || svg.localName !== "svg" || doc.getElementsByTagName("parsererror").length) {
    return null;
  }
  for (const bad of Array.from(svg.querySelectorAll("script, foreignObject, a, use, image, style"))) bad.remove();
  for (const node of [svg, ...svg.querySelectorAll("*")]) {
    for (const attr of Array.from(node.attributes)) {
      if (/^on/i.test(attr.name) || /href$/i.test(attr.name)) node.removeAttribute(attr.name);
    }
  }
  const figure = el("figure", { class: "chart" });
  figure.append(document.importNode(svg, true), el("figcaption", {}, chart.alt));
  return figure;
}

/** 担当課 and 計画期間 of the records behind an answer, where they apply. */
function facts(hits) {
  const departments = new Set();
  const periods = new Set();
  for (const r of hits) {
    const b = r.body;
    if ((b.kind === "measure" || b.kind === "responsibility") && b.departments) {
      for (const d of b.departments) departments.add(d);
    }
    if (b.kind === "plan" && b.period) periods.add(b.name + " " + b.period);
    if (r.source && r.source.period) periods.add(r.source.title + " " + r.source.period.replace("-", "〜") + "年度");
  }
  const dl = el("dl", { class: "facts" });
  if (departments.size) dl.append(el("dt", {}, "担当"), el("dd", {}, Array.from(departments).join("・")));
  if (periods.size) dl.append(el("dt", {}, "期間"), el("dd", {}, Array.from(periods).slice(0, 3).join(" / ")));
  return dl.childElementCount ? dl : null;
}

function citations(list) {
  const ol = el("ol", { class: "citations", "aria-label": "根拠" });
  list.forEach((c, i) => {
    const li = el("li");
    const details = el("details");
    const lines = c.line_end > c.line ? c.line + "-" + c.line_end : String(c.line);
    details.append(el("summary", {}, "[" + (i + 1) + "] " + c.title + (c.section ? " · " + c.section : "")));
    details.append(el("blockquote", {}, c.quote));
    details.append(el("p", { class: "where" }, c.file + ":" + lines));
    li.append(details);
    ol.append(li);
  });
  return ol;
}

function feedback(answerId) {
  const box = el("div", { class: "feedback", role: "group", "aria-label": "この回答の評価" });
  const note = el("span", { class: "thanks", role: "status" });
  const send = async (verdict, button) => {
    try {
      const r = await fetch("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ answer_id: answerId, verdict }),
      });
      if (!r.ok) throw new Error((await r.json()).error);
      for (const b of box.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
      note.textContent = "ありがとうございました。";
    } catch (e) {
      note.textContent = "評価を送れませんでした。";
    }
  };
  // Words beside the emoji: a machine without an emoji font still shows what each button means.
  const up = el("button", { type: "button", "aria-label": "役に立った", "aria-pressed": "false" }, "👍 はい");
  const down = el("button", { type: "button", "aria-label": "役に立たなかった", "aria-pressed": "false" }, "👎 いいえ");
  up.addEventListener("click", () => send("up", up));
  down.addEventListener("click", () => send("down", down));
  box.append(el("span", { class: "ask-feedback", "aria-hidden": "true" }, "役に立ちましたか？"), up, down, note);
  return box;
}

function answerCard(a) {
  const card = el("article", { class: a.found ? "card" : "card notfound" });
  card.append(el("p", { class: "answer" }, a.answer));
  const indicators = a.hits.map((h, i) => [h, i]).filter(([h]) => h.body.kind === "indicator");
  for (const [hit, i] of indicators.slice(0, 3)) {
    const block = el("section", { class: "indicator-block" });
    block.append(...indicatorTable(hit));
    const chart = a.charts.find((c) => c.hit === i);
    const node = chart && chartNode(chart);
    if (node) block.append(node);
    card.append(block);
  }
  const f = facts(a.hits);
  if (f) card.append(f);
  if (a.citations.length) card.append(citations(a.citations));
  if (a.answer_id) card.append(feedback(a.answer_id));
  return card;
}

function errorCard(message) {
  const card = el("article", { class: "card error", role: "alert" });
  card.append(el("p", {}, message));
  return card;
}

const state = { busy: false };

async function ask(question, municipality) {
  const log = document.getElementById("log");
  const status = document.getElementById("status");
  if (!question.trim() || state.busy) return;
  state.busy = true;
  document.getElementById("send").disabled = true;
  status.textContent = "調べています…";
  log.append(el("p", { class: "question" }, question));
  const params = new URLSearchParams({ q: question });
  if (municipality) params.set("municipality", municipality);
  history.replaceState(null, "", "/?" + params.toString());
  try {
    const r = await fetch("/api/ask?" + params.toString());
    const body = await r.json();
    log.append(r.ok ? answerCard(body) : errorCard(body.error || "うまく答えられませんでした。"));
    status.textContent = r.ok ? (body.found ? "回答しました。" : "計画に答えが見つかりませんでした。") : "";
  } catch (e) {
    log.append(errorCard("サーバーにつながりませんでした。時間をおいてもう一度お試しください。"));
    status.textContent = "";
  } finally {
    state.busy = false;
    document.getElementById("send").disabled = false;
    log.lastElementChild.scrollIntoView({ block: "start" });
  }
}

async function loadMunicipalities(selected) {
  try {
    const r = await fetch("/api/municipalities");
    const { municipalities } = await r.json();
    const select = document.getElementById("municipality");
    for (const m of municipalities) select.append(el("option", { value: m }, m));
    if (selected && municipalities.includes(selected)) select.value = selected;
  } catch (e) {
    // The filter is optional: without it every municipality is searched.
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const select = document.getElementById("municipality");
  const submit = () => {
    const q = input.value;
    input.value = "";
    ask(q, select.value);
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  for (const b of document.querySelectorAll("button.example")) {
    b.addEventListener("click", () => ask(b.textContent, select.value));
  }
  const params = new URLSearchParams(location.search);
  await loadMunicipalities(params.get("municipality"));
  const q = params.get("q");
  if (q) ask(q, select.value);
  else input.focus();
});
