// Citations (progressive enhancement; the page reads the same without it).
// - Fills in today's date where a citation says "[date of access]" (the static page cannot:
//   the build is deterministic).
// - A paragraph's § link, besides leading to the paragraph's anchor, opens a box under the
//   paragraph with its citation (the letter's citation, the paragraph number and its anchor,
//   from the data-cite-* attributes of the "How to cite" section) and a button to copy it.
// No HTML is built from data: every text goes in through textContent.
"use strict";

(() => {
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  for (const slot of document.querySelectorAll(".cite-accessed")) {
    slot.textContent = today;
  }

  const section = document.querySelector("section.citation[data-cite-prefix]");
  if (!section) return;
  const prefix = section.dataset.citePrefix;
  const url = section.dataset.citeUrl;

  const copyButton = (source) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = "Copy citation";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Select the text to copy it";
      }
    });
    return button;
  };

  const letterCite = section.querySelector(".cite");
  if (letterCite) letterCite.after(copyButton(letterCite));

  let open = null;
  const close = () => {
    if (open) open.remove();
    open = null;
  };

  const show = (paragraph, n) => {
    close();
    const box = document.createElement("div");
    box.className = "para-cite";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", `Citation of paragraph ${n}`);
    const text = document.createElement("p");
    text.className = "para-cite-text";
    text.textContent = `${prefix}. Paragraph ${n}. ${url}#p${n} (accessed ${today}).`;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "cite-close";
    dismiss.textContent = "Close";
    dismiss.addEventListener("click", () => {
      close();
      paragraph.querySelector(".para-num")?.focus();
    });
    box.append(text, copyButton(text), dismiss);
    paragraph.after(box);
    open = box;
  };

  for (const link of document.querySelectorAll("a.para-num")) {
    link.setAttribute("aria-expanded", "false");
    link.addEventListener("click", () => {
      const paragraph = link.closest("[id]");
      const n = paragraph.id.replace(/^p/, "");
      const wasOpen = open && open.previousElementSibling === paragraph;
      for (const other of document.querySelectorAll("a.para-num[aria-expanded='true']")) {
        other.setAttribute("aria-expanded", "false");
      }
      if (wasOpen) {
        close();
      } else {
        show(paragraph, n);
        link.setAttribute("aria-expanded", "true");
      }
    });
  }
})();
