// Full-text search of the letters (search.html), with Pagefind's JavaScript API over the
// index the build makes (edition.search). Plain ES2020, no framework, nothing from elsewhere.
//
// - The form stays hidden until the index is loaded (the page says in a <noscript> that search
//   needs JavaScript).
// - Facets: one group of checkboxes per filter of the index (the letter pages' filters,
//   partials/search-data.xsl), labelled by the page; within a group any value matches, across
//   groups all must; each value shows how many of the letters found have it.
// - Each result lists the passages where the words occur, each linking into the letter at its
//   paragraph (the paragraph anchors p1, p2, …; on pages without them, at the nearest anchor
//   before the words). Pagefind's own sub-results come from headings only.
// - Text from the index is put in as text; of an excerpt's markup only <mark> is kept.
"use strict";

(() => {
  const form = document.getElementById("search-form");
  if (!form) return;
  const input = form.querySelector("input[type=search]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const PER_PAGE = 10;
  const PASSAGES = 3;
  const PARAGRAPH = /^p\d+$/;
  const HEADING = /^h[1-6]$/;
  let pagefind = null;
  let results = [];
  let shown = 0;
  let serial = 0;
  let totals = {};

  function element(name, attributes, ...children) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  // An excerpt of Pagefind (escaped text with <mark>): its text, with the marks, and nothing else.
  function excerpt(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const out = element("span", { class: "search-excerpt" });
    for (const node of parsed.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") out.append(element("mark", {}, node.textContent));
      else out.append(node.textContent);
    }
    return out;
  }

  function selected() {
    const filters = {};
    for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.name] = filters[box.name] || { any: [] }).any.push(box.value);
    }
    return filters;
  }

  // The passages of a result: its hits grouped by the paragraph they fall in.
  function passages(data) {
    const anchors = data.anchors.filter((a) => PARAGRAPH.test(a.id));
    const usable = anchors.length ? anchors : data.anchors.filter((a) => a.id && !HEADING.test(a.element));
    const words = data.content.split(/\s+/);
    const found = new Map();
    for (const location of [...data.locations].sort((a, b) => a - b)) {
      let anchor = null;
      for (const candidate of usable) {
        if (candidate.location <= location) anchor = candidate;
        else break;
      }
      const key = anchor ? anchor.id : "";
      if (found.has(key)) continue;
      if (found.size === PASSAGES) break;
      const start = Math.max(0, location - 10);
      const text = element("span", { class: "search-excerpt" });
      text.append((start > 0 ? "… " : "") + words.slice(start, location).join(" ") + " ");
      text.append(element("mark", {}, words[location] || ""));
      text.append(" " + words.slice(location + 1, location + 16).join(" ") + " …");
      found.set(key, { anchor, paragraph: anchors.length > 0, text });
    }
    return [...found.values()];
  }

  function renderResult(data) {
    const title = (data.meta && data.meta.title) || data.url;
    const item = element("li", { class: "search-result" });
    item.append(element("h2", {}, element("a", { href: data.url }, title)));
    const facts = [data.meta && data.meta.date, data.meta && data.meta.symbol !== "not known" ? data.meta.symbol : ""];
    item.append(element("p", { class: "search-facts" }, facts.filter(Boolean).join(" · ")));
    item.append(element("p", {}, excerpt(data.excerpt)));
    const found = passages(data);
    if (found.length) {
      const sub = element("ul", { class: "search-passages", "aria-label": "Where the words occur" });
      for (const passage of found) {
        const href = passage.anchor ? `${data.url}#${passage.anchor.id}` : data.url;
        const label = passage.anchor && passage.paragraph ? `Paragraph ${passage.anchor.id.slice(1)}` : "In the text";
        sub.append(element("li", {}, element("a", { href, class: "search-passage" }, label), ": ", passage.text));
      }
      item.append(sub);
    }
    return item;
  }

  async function showMore(ticket) {
    const page = results.slice(shown, shown + PER_PAGE);
    const datas = await Promise.all(page.map((result) => result.data()));
    if (ticket !== serial) return;
    for (const data of datas) list.append(renderResult(data));
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  async function run() {
    const ticket = ++serial;
    const term = input.value.trim();
    const filters = selected();
    const url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      counts(totals);
      status.textContent = "Type words to find, or choose a filter.";
      return;
    }
    status.textContent = "Searching…";
    const search = await pagefind.search(term || null, { filters, sort: term ? undefined : { date: "asc" } });
    if (ticket !== serial) return;
    results = search.results;
    shown = 0;
    counts(search.filters || {});
    list.replaceChildren();
    await showMore(ticket);
    if (ticket !== serial) return;
    const count = results.length;  // said once the first results are on the page
    status.textContent = count === 0 ? "No letter matches." : `${count} ${count === 1 ? "letter matches" : "letters match"}.`;
  }

  // Each value's count among the letters the current words and other filters leave.
  function counts(found) {
    for (const box of form.querySelectorAll("input[type=checkbox]")) {
      const count = (found[box.name] || {})[box.value] || 0;
      box.labels[0].textContent = `${box.value} (${count})`;
    }
  }

  function fillFacets(counts) {
    for (const group of form.querySelectorAll("[data-facet]")) {
      const key = group.dataset.facet;
      const values = Object.entries(counts[key] || {}).sort((a, b) => a[0].localeCompare(b[0]));
      const fieldset = group.querySelector("fieldset");
      values.forEach(([value, count], i) => {
        const id = `facet-${key}-${i}`;
        const box = element("input", { type: "checkbox", id, name: key, value });
        fieldset.append(element("p", { class: "facet-value" }, box, " ", element("label", { for: id }, `${value} (${count})`)));
      });
      group.hidden = values.length === 0;
    }
  }

  async function start() {
    try {
      pagefind = await import(new URL(form.dataset.index, document.baseURI).href);
      await pagefind.options({ baseUrl: new URL("./", document.baseURI).pathname });
      await pagefind.init();
      totals = await pagefind.filters();
      fillFacets(totals);
    } catch (error) {
      status.textContent = "The search index could not be loaded (search works when the site is served over http, not opened as files).";
      return;
    }
    form.hidden = false;
    form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
    form.addEventListener("change", (event) => { if (event.target.type === "checkbox") run(); });
    form.addEventListener("reset", () => { setTimeout(run, 0); });
    more.addEventListener("click", () => showMore(serial));
    const query = new URL(window.location.href).searchParams.get("q");
    if (query) {
      input.value = query;
      run();
    }
  }

  start();
})();
