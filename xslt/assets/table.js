// The table of letters (index.html, index-{year}.html): sortable by column and filterable by
// sender, year and text. Progressive enhancement: without this script the table is the static,
// complete table in date order. Plain ES2020, no framework.
//
// - Sorting: each sortable column header gets a button; the header carries aria-sort.
// - Filters: sender and year (from each row's data-sender and data-year, written by the build:
//   partials/search-data.xsl) and words in the row's text; a live region says how many
//   letters are shown.
"use strict";

(() => {
  function element(name, attributes, ...children) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  // The value a cell sorts by: a date's ISO value (undated last), else its text.
  function sortValue(cell) {
    const time = cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime") || "\uffff";
    return cell.textContent.trim().toLowerCase();
  }

  function select(id, label, values, all) {
    const box = element("select", { id });
    box.append(element("option", { value: "" }, all));
    for (const value of values) box.append(element("option", { value }, value));
    return [element("label", { for: id }, label), box];
  }

  function enhance(table, n) {
    const body = table.tBodies[0];
    if (!body) return;
    const rows = [...body.rows];
    const headers = [...table.tHead.rows[0].cells];
    const status = element("p", { class: "table-status", role: "status", "aria-live": "polite" });
    const senders = [...new Set(rows.map((r) => r.dataset.sender || ""))].filter(Boolean).sort();
    const years = [...new Set(rows.map((r) => r.dataset.year || ""))].filter(Boolean).sort();
    const [senderLabel, sender] = select(`letters-sender-${n}`, "Sender", senders, "All senders");
    const [yearLabel, year] = select(`letters-year-${n}`, "Year", years, "All years");
    const words = element("input", { type: "search", id: `letters-words-${n}`, autocomplete: "off" });
    const controls = element("div", { class: "table-controls", role: "group", "aria-label": "Filter the letters" },
      element("p", {}, senderLabel, " ", sender),
      element("p", { class: years.length > 1 ? "" : "vh" }, yearLabel, " ", year),
      element("p", {}, element("label", { for: words.id }, "Words"), " ", words));
    const wrap = table.closest(".table-wrap") || table;
    wrap.before(controls);
    wrap.after(status);

    function filter() {
      const wanted = words.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = row.textContent.toLowerCase();
        const visible = (!sender.value || row.dataset.sender === sender.value)
          && (!year.value || row.dataset.year === year.value)
          && wanted.every((word) => text.includes(word));
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      status.textContent = `${shown} of ${rows.length} letters shown.`;
    }

    // the caption says the order: the build's "…, in order of date", or the column chosen
    const caption = table.caption;
    const described = caption ? caption.textContent.replace(/, in order of date$/, "") : "";

    function sortBy(index, direction) {
      const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
      const keyed = rows.map((row, position) => [sortValue(row.cells[index]), position, row]);
      keyed.sort((a, b) => (collator.compare(a[0], b[0]) || a[1] - b[1]) * (direction === "ascending" ? 1 : -1));
      body.append(...keyed.map((entry) => entry[2]));
      if (caption) caption.textContent = `${described}, by ${headers[index].textContent.trim().toLowerCase()} (${direction})`;
      headers.forEach((header, i) => {
        if (header.querySelector("button")) header.setAttribute("aria-sort", i === index ? direction : "none");
      });
    }

    headers.forEach((header, index) => {
      if (rows.length && rows[0].cells[index] && rows[0].cells[index].classList.contains("downloads")) return;
      const button = element("button", { type: "button", class: "sort" }, header.textContent);
      header.replaceChildren(button);
      header.setAttribute("aria-sort", index === 0 ? "ascending" : "none");
      button.addEventListener("click", () => {
        const next = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(index, next);
      });
    });
    for (const control of [sender, year]) control.addEventListener("change", filter);
    words.addEventListener("input", filter);
    filter();
  }

  document.querySelectorAll("table.letters").forEach(enhance);
})();
