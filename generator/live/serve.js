// duopress serve: draws the gallery's state and keeps it current from server-sent events.
// An <img> is kept while its page's fingerprint is unchanged, so an update fetches only changed pages,
// and the scroll position is put back after each update.
"use strict";

// the view the reader chose (kept across reloads of the tab); none chosen: the first, the deck
const shown = { chosen: sessionStorage.getItem("duopress-view") || "", view: "", state: null };
const kept = new Map(); // image URL → its <img>, reused across updates

function make(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
}

function cellId(view, lang, page) { return `page-${view}-${lang}-${page + 1}`; }

function drawViews(state) {
  const nav = document.getElementById("views");
  const chosen = state.views.some(v => v.name === shown.chosen);
  shown.view = chosen ? shown.chosen : (state.views.length ? state.views[0].name : "");
  nav.replaceChildren(...state.views.map(view => {
    const label = view.label.charAt(0).toUpperCase() + view.label.slice(1);
    const button = make("button", { type: "button", textContent: label, title: view.name });
    button.setAttribute("aria-pressed", String(view.name === shown.view));
    button.dataset.view = view.name;
    button.addEventListener("click", () => choose(view.name));
    return button;
  }));
}

function image(cell, view, lang, seen) {
  const n = (seen.get(cell.src) || 0) + 1; // two identical pages are two images
  seen.set(cell.src, n);
  const key = `${cell.src}#${n}`;
  let img = kept.get(key);
  if (!img) {
    img = make("img", { src: cell.src, decoding: "async" });
    kept.set(key, img);
  }
  img.alt = `${view.label}, ${lang}, page ${cell.page + 1}`;
  img.style.aspectRatio = `1 / ${cell.ratio}`;
  return img;
}

function drawPages(state) {
  const view = state.views.find(v => v.name === shown.view);
  const pages = document.getElementById("pages");
  if (!view) { pages.replaceChildren(make("p", { textContent: "Nothing built yet." })); return; }
  const columns = `repeat(${view.langs.length}, minmax(0, 1fr))`;
  const head = make("div", { className: "langs" }, ...view.langs.map(lang => make("div", { textContent: lang })));
  head.style.gridTemplateColumns = columns;
  const seen = new Map();
  const rows = view.rows.map(row => {
    const div = make("div", { className: "row" }, ...row.map((cell, i) => {
      const lang = view.langs[i];
      if (!cell) return make("div", { className: "cell empty" });
      const box = make("div", { className: "cell", id: cellId(view.name, lang, cell.page) },
                       image(cell, view, lang, seen), make("span", { className: "n", textContent: `${lang} ${cell.page + 1}` }));
      box.dataset.lang = lang;
      return box;
    }));
    div.style.gridTemplateColumns = columns;
    return div;
  });
  pages.replaceChildren(head, ...rows);
  const current = new Set(state.views.flatMap(v => v.rows.flat().filter(Boolean).map(c => c.src)));
  for (const key of kept.keys()) if (!current.has(key.split("#")[0])) kept.delete(key);
}

function drawProblems(state) {
  const aside = document.getElementById("problems");
  const items = state.problems.map(problem => {
    const li = make("li", { className: problem.level }, problem.text);
    for (const link of problem.links) {
      const view = state.views.find(v => v.name === link.view);
      const what = view ? view.label.replace(/^the /, "") : link.view;
      const a = make("a", { href: `#${cellId(link.view, link.lang, link.page)}`,
                            textContent: `${link.lang} ${what} ${link.page + 1}` });
      a.addEventListener("click", event => { event.preventDefault(); reveal(link); });
      li.append(" ", a);
    }
    return li;
  });
  aside.replaceChildren(make("h2", { textContent: items.length ? `Problems (${items.length})` : "No problems" }),
                        make("ul", {}, ...items));
}

function drawBanner(state) {
  const banner = document.getElementById("banner");
  banner.hidden = !state.errors.length;
  banner.textContent = state.errors.length
    ? "The outline has errors; showing the last good pages.\n" + state.errors.join("\n") : "";
}

function draw(state) {
  const x = window.scrollX, y = window.scrollY;
  shown.state = state;
  drawViews(state);
  drawBanner(state);
  drawPages(state);
  drawProblems(state);
  window.scrollTo(x, y);
  document.body.dataset.version = String(state.version);
  document.getElementById("status").textContent = `updated ${new Date().toLocaleTimeString()}`;
}

function choose(name) {
  shown.chosen = name;
  sessionStorage.setItem("duopress-view", name);
  if (shown.state) draw(shown.state);
}

function reveal(link) {
  if (shown.view !== link.view) choose(link.view);
  const cell = document.getElementById(cellId(link.view, link.lang, link.page));
  if (!cell) return;
  cell.scrollIntoView({ block: "center" });
  cell.classList.add("flash");
  setTimeout(() => cell.classList.remove("flash"), 1500);
}

const events = new EventSource("/events");
events.addEventListener("state", event => draw(JSON.parse(event.data)));
events.addEventListener("error", () => {
  document.getElementById("status").textContent = "disconnected: is duopress serve still running?";
});
