// Full-text search of the letters (search.html), with Pagefind's JavaScript API over the
// index the build makes (edition.search). Plain ES2020, no framework, nothing from elsewhere.
//
// - The index is in shards (pagefind/shards.json lists them; one for a small edition): each
//   searched through its own copy of Pagefind's module (see start()), all together. The
//   facets' counts are the sums of the shards' counts. Results found by words are in the order
//   of their scores, as Pagefind's own mergeIndex puts them; results of filters alone are in
//   date order across the shards: each shard's list is in date order (Pagefind's sort), and the
//   lists are merged by the date each result carries (meta "date_iso", then its URL), loading
//   only the results shown and the next of each shard. (mergeIndex would put them in the
//   order of their rank within their shard: Pagefind scores a sorted result by its rank.)
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
  let shards = [];
  let results = { count: 0, next: async () => [] };
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

  // The filters' counts of several shards, summed (a value absent from a shard counts 0 there).
  function summed(countsList) {
    const sum = {};
    for (const found of countsList) {
      for (const [key, values] of Object.entries(found || {})) {
        const into = (sum[key] = sum[key] || {});
        for (const [value, count] of Object.entries(values)) into[value] = (into[value] || 0) + count;
      }
    }
    return sum;
  }

  // The results of all shards by score, best first (ties: in the shards' order).
  function byScore(found) {
    const all = found.flatMap((search) => search.results).sort((a, b) => b.score - a.score);
    let at = 0;
    return { count: all.length, next: (n) => Promise.all(all.slice(at, (at += n)).map((result) => result.data())) };
  }

  // The results of all shards in date order: each shard's own list is (Pagefind sorted it), so
  // the next result is the earliest of the shards' next ones; their data is loaded once each.
  function byDate(found) {
    const queues = found.map((search) => search.results.map((result) => {
      let data = null;
      return () => (data = data || result.data());
    }));
    const heads = queues.map(() => 0);
    const key = (data) => (data.meta && data.meta.date_iso) || "9999";
    const before = (a, b) => key(a) < key(b) || (key(a) === key(b) && a.url < b.url);
    async function take(n) {
      const out = [];
      while (out.length < n) {
        const open = queues.map((_, i) => i).filter((i) => heads[i] < queues[i].length);
        if (!open.length) break;
        const datas = await Promise.all(open.map((i) => queues[i][heads[i]]()));
        let best = 0;
        for (let j = 1; j < open.length; j++) if (before(datas[j], datas[best])) best = j;
        out.push(datas[best]);
        heads[open[best]] += 1;
      }
      return out;
    }
    let pending = Promise.resolve([]);  // one take at a time: "more" may be pressed again meanwhile
    return { count: queues.reduce((sum, queue) => sum + queue.length, 0), next: (n) => (pending = pending.then(() => take(n))) };
  }

  async function showMore(ticket) {
    const datas = await results.next(PER_PAGE);
    if (ticket !== serial) return;
    for (const data of datas) list.append(renderResult(data));
    shown += datas.length;
    more.hidden = shown >= results.count;
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
    const sort = term ? undefined : { date: "asc" };
    const found = await Promise.all(shards.map((shard) => shard.search(term || null, { filters, sort })));
    if (ticket !== serial) return;
    results = term ? byScore(found) : byDate(found);
    shown = 0;
    counts(summed(found.map((search) => search.filters)));
    list.replaceChildren();
    await showMore(ticket);
    if (ticket !== serial) return;
    const count = results.count;  // said once the first results are on the page
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
      const listing = new URL(form.dataset.index, document.baseURI);
      const response = await fetch(listing.href);
      if (!response.ok) throw new Error(`${listing.href}: ${response.status}`);
      const names = (await response.json()).shards;
      const folder = (name) => new URL(`${encodeURIComponent(name)}/`, listing);
      // Each shard through its own copy of Pagefind's module (imported from the shard's folder,
      // so its own state): instances of one module interfere in Pagefind 1.5 (measured: a
      // shard's filters asked of another shard's folder, now and then).
      const baseUrl = new URL("./", document.baseURI).pathname;
      shards = await Promise.all(names.map((name) => import(new URL("pagefind.js", folder(name)).href)));
      await Promise.all(shards.map(async (shard) => {
        await shard.options({ baseUrl });
        await shard.init();
      }));
      totals = summed(await Promise.all(shards.map((shard) => shard.filters())));
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
