// German in place of Streamlit's English: visible words, aria-labels, placeholders and titles.
// Streamlit has no German of its own; this runs once per browser tab (st.html re-sends it on every run)
// and keeps watching, because Streamlit redraws its widgets at any time. EXACT and PATTERNS come from
// werkstatt/texts.py (UI_GERMAN, UI_GERMAN_PATTERNS) and are put in front of this script.
(() => {
  if (window.__werkstattGerman) return;
  // What the watching costs (milliseconds spent, words replaced): readable in the browser's console.
  const stats = (window.__werkstattGerman = { busyMs: 0, replaced: 0 });
  const patterns = PATTERNS.map(([source, german]) => [new RegExp(source), german]);
  const ATTRIBUTES = ["aria-label", "placeholder", "title", "aria-roledescription", "aria-valuetext", "alt"];
  // What people typed (names, entries, slides, options) stays as it is, even if it reads like Streamlit's
  // English; Streamlit's own options ("Select all") have keys starting with "__".
  const PEOPLES_TEXT =
    '[data-testid="stMain"] [data-testid="stMarkdownContainer"], [data-testid="stSidebar"] [data-testid="stMarkdownContainer"], ' +
    '[data-testid="stHtml"], [data-testid="stTable"], [data-testid="stCode"], [data-testid="stText"], [role="option"]:not([data-key^="__"]), ' +
    '[data-testid="stMultiSelect"] [title], input, textarea';
  const megabytes = (bytes) =>
    `${(Number(bytes) / 1048576).toLocaleString("de-DE", { maximumFractionDigits: 1 })} MB`;

  function german(text) {
    const trimmed = text.trim();
    if (!trimmed) return null;
    let result = Object.prototype.hasOwnProperty.call(EXACT, trimmed) ? EXACT[trimmed] : null;
    if (result === null) {
      for (const [pattern, replacement] of patterns) {
        const match = trimmed.match(pattern);
        if (match) {
          result = replacement.replace(/\$(MB|T)?(\d)/g, (_, how, i) => {
            if (how === "MB") return megabytes(match[i]);
            if (how === "T") return Object.prototype.hasOwnProperty.call(EXACT, match[i]) ? EXACT[match[i]] : match[i];
            return match[i];
          });
          break;
        }
      }
    }
    return result === null || result === trimmed ? null : text.replace(trimmed, result);
  }

  const isPeoplesText = (element) =>
    element.closest(PEOPLES_TEXT) !== null && element.closest('[data-testid="stFileUploaderDropzone"]') === null;

  function translateText(node) {
    const parent = node.parentElement;
    if (!parent || isPeoplesText(parent)) return;
    const replacement = german(node.nodeValue);
    if (replacement !== null) {
      node.nodeValue = replacement;
      stats.replaced += 1;
    }
  }

  function translateAttributes(element) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null || ((name === "title" || name === "alt") && isPeoplesText(element))) continue;
      const replacement = german(value);
      if (replacement !== null) {
        element.setAttribute(name, replacement);
        stats.replaced += 1;
      }
    }
  }

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    translateAttributes(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.nodeType === Node.TEXT_NODE) translateText(node);
      else translateAttributes(node);
    }
  }

  new MutationObserver((mutations) => {
    const started = performance.now();
    for (const mutation of mutations) {
      if (mutation.type === "childList") mutation.addedNodes.forEach(translateTree);
      else if (mutation.type === "characterData") translateText(mutation.target);
      else translateAttributes(mutation.target);
    }
    stats.busyMs += performance.now() - started;
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  const started = performance.now();
  translateTree(document.body);
  stats.busyMs += performance.now() - started;
})();
