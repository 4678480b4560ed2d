/* Entity cards and the per-kind highlighting toggle (progressive enhancement).

   Without this script every mention is a plain link to its entry's page and the toggle stays
   hidden. With it:
   - a mention (a.ent, or the small link a.ent-jump of a phrase holding other mentions) shows a
     card on hover, on keyboard focus and on a first tap: the section #card of the entry's page
     (registers/{kind}/{id}.html), fetched once and kept, so letter pages need no corpus data.
     The card follows its mention in the document (Tab goes from the mention into the card's
     links); Escape closes it and gives the focus back to the mention; a second tap, or a click,
     follows the link. Where the page cannot be fetched (file://, offline) the mention simply
     stays a link.
   - the toggle switches the colour and underline of one kind of mention off and on, and
     remembers the choice in localStorage.
   Plain ES2020, no framework, no eval, no inline style or HTML strings (CSP: script-src 'self',
   connect-src 'self'). */
'use strict';

(() => {
  const SHOW_DELAY = 200;  // ms of hovering before a card opens
  const HIDE_DELAY = 300;  // ms to move the pointer from the mention into its card
  const TRIGGERS = 'main a.ent[href], main a.ent-jump[href]';
  const STORE = 'edition.highlight.';

  const cards = new Map();  // entry page URL -> Promise of its #card section (or null)
  let open = null;          // {trigger, card}
  let wanted = null;        // the trigger whose card is on its way
  let timer = 0;
  let counter = 0;
  let tapStartedOpen = false;
  let lastPointer = 'mouse';

  const isTrigger = (el) => el instanceof Element && el.matches(TRIGGERS);
  const triggerOf = (el) => (el instanceof Element ? el.closest(TRIGGERS) : null);

  /* The entry page a mention links to, without its fragment; only pages of this site. */
  function pageOf(link) {
    const url = new URL(link.getAttribute('href'), document.baseURI);
    if (url.origin !== window.location.origin || !/^https?:$/.test(url.protocol)) return null;
    url.hash = '';
    return url;
  }

  /* The #card section of an entry page, its links made absolute (they are relative to that
     page), anything but http(s) links dropped. */
  function loadCard(url) {
    if (!cards.has(url.href)) {
      cards.set(url.href, fetch(url.href, {credentials: 'same-origin'})
        .then((response) => (response.ok ? response.text() : null))
        .then((html) => {
          if (html === null) return null;
          const section = new DOMParser().parseFromString(html, 'text/html').getElementById('card');
          if (!section) return null;
          for (const a of section.querySelectorAll('a[href]')) {
            const target = new URL(a.getAttribute('href'), url);
            if (/^https?:$/.test(target.protocol)) a.setAttribute('href', target.href);
            else a.removeAttribute('href');
          }
          return section;
        })
        .catch(() => null));
    }
    return cards.get(url.href);
  }

  function place(card, trigger) {
    const rect = trigger.getBoundingClientRect();
    const margin = 8;
    const width = Math.min(card.offsetWidth, window.innerWidth - 2 * margin);
    const left = Math.max(margin, Math.min(rect.left, window.innerWidth - width - margin));
    const below = window.innerHeight - rect.bottom;
    const top = (below >= card.offsetHeight + margin || below >= rect.top)
      ? rect.bottom + 4
      : Math.max(margin, rect.top - card.offsetHeight - 4);
    card.style.left = `${Math.round(left)}px`;
    card.style.top = `${Math.round(top)}px`;
  }

  async function show(trigger) {
    clearTimeout(timer);
    if ((open && open.trigger === trigger) || wanted === trigger) return true;
    wanted = trigger;
    const url = pageOf(trigger);
    const section = url ? await loadCard(url) : null;
    if (wanted !== trigger) return false;  // the reader moved on meanwhile
    wanted = null;
    if (!section) return false;
    hide();
    const card = document.createElement('div');
    counter += 1;
    card.id = `ent-card-${counter}`;
    card.className = 'ent-card';
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', section.getAttribute('aria-label') || trigger.dataset.tip || 'Entry in brief');
    for (const node of section.childNodes) card.append(document.importNode(node, true));
    card.addEventListener('pointerenter', () => clearTimeout(timer));
    card.addEventListener('pointerleave', (event) => { if (event.pointerType === 'mouse') later(hide); });
    trigger.after(card);
    trigger.setAttribute('aria-expanded', 'true');
    trigger.setAttribute('aria-controls', card.id);
    trigger.classList.add('card-open');
    place(card, trigger);
    open = {trigger, card};
    return true;
  }

  function hide() {
    clearTimeout(timer);
    wanted = null;
    if (!open) return;
    const {trigger, card} = open;
    open = null;
    card.remove();
    trigger.setAttribute('aria-expanded', 'false');
    trigger.removeAttribute('aria-controls');
    trigger.classList.remove('card-open');
  }

  function later(action) {
    clearTimeout(timer);
    timer = setTimeout(action, action === hide ? HIDE_DELAY : SHOW_DELAY);
  }

  function setUpCards() {
    const triggers = document.querySelectorAll(TRIGGERS);
    if (!triggers.length || !window.fetch || !window.DOMParser) return;
    for (const trigger of triggers) {
      trigger.setAttribute('aria-expanded', 'false');
      trigger.setAttribute('aria-haspopup', 'dialog');
    }
    document.documentElement.classList.add('has-cards');

    document.addEventListener('pointerover', (event) => {
      if (event.pointerType !== 'mouse') return;
      const trigger = triggerOf(event.target);
      if (trigger) later(() => show(trigger));
    });
    document.addEventListener('pointerout', (event) => {
      if (event.pointerType !== 'mouse') return;
      const trigger = triggerOf(event.target);
      if (trigger && !trigger.contains(event.relatedTarget)) {
        if (wanted === trigger) wanted = null;
        if (open && open.trigger === trigger) later(hide);
        else if (!open || !open.card.contains(event.relatedTarget)) clearTimeout(timer);
      }
    });

    document.addEventListener('focusin', (event) => {
      if (isTrigger(event.target)) {
        if (lastPointer !== 'touch' && lastPointer !== 'keyboard-escape') show(event.target);
      } else if (open && !open.card.contains(event.target)) {
        hide();
      }
    });

    document.addEventListener('pointerdown', (event) => {
      lastPointer = event.pointerType;
      const trigger = triggerOf(event.target);
      tapStartedOpen = Boolean(trigger && open && open.trigger === trigger);
      if (open && !trigger && !open.card.contains(event.target)) hide();
    });

    /* A tap on a mention opens its card; a tap on a mention whose card is open follows it. */
    document.addEventListener('click', (event) => {
      const trigger = triggerOf(event.target);
      if (!trigger || lastPointer !== 'touch' || tapStartedOpen) return;
      event.preventDefault();
      show(trigger).then((shown) => { if (!shown && wanted === null && !open) window.location.assign(trigger.href); });
    });

    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !open) return;
      const {trigger} = open;
      const inside = open.card.contains(document.activeElement);
      hide();
      // the focus comes back to the mention without opening its card again
      lastPointer = 'keyboard-escape';
      trigger.addEventListener('blur', () => { lastPointer = 'keyboard'; }, {once: true});
      if (inside) trigger.focus({preventScroll: true});
    });

    window.addEventListener('scroll', () => { if (open) place(open.card, open.trigger); }, {passive: true});
    window.addEventListener('resize', () => { if (open) place(open.card, open.trigger); });
  }

  /* ---- the highlighting toggle ---- */

  function remembered(kind) {
    try { return window.localStorage.getItem(STORE + kind); } catch (error) { return null; }
  }

  function remember(kind, on) {
    try { window.localStorage.setItem(STORE + kind, on ? 'on' : 'off'); } catch (error) { /* not kept: private mode, file:// */ }
  }

  function highlight(kind, on) {
    for (const el of document.querySelectorAll(`main .ent-${CSS.escape(kind)}`)) {
      if (!el.closest('.highlight-toggle')) el.classList.toggle('ent-plain', !on);
    }
  }

  function setUpToggle() {
    const box = document.querySelector('.highlight-toggle');
    if (!box) return;
    for (const input of box.querySelectorAll('input[data-kind]')) {
      const kind = input.dataset.kind;
      input.checked = remembered(kind) !== 'off';
      highlight(kind, input.checked);
      input.addEventListener('change', () => {
        highlight(kind, input.checked);
        remember(kind, input.checked);
      });
    }
    box.hidden = false;
  }

  setUpToggle();
  setUpCards();
})();
