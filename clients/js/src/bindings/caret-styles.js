// Default looks of other people's carets and selections (class names rcaret, rcaret-flag, rsel,
// shared by the bindings). Added once per document with zero specificity (:where), so a page's
// own rules win.

const CSS = `
:where(.rsel) { border-radius: 2px; }
:where(.rcaret) { position: relative; display: inline-block; width: 0; height: 1.2em; vertical-align: -.2em; }
:where(.rcaret)::before { content: ""; position: absolute; left: -1px; top: 0; bottom: 0; width: 2px; background: var(--peer, #3949ab); }
:where(.rcaret-flag) { position: absolute; left: -1px; bottom: 100%; font: 600 11px/1.5 system-ui, sans-serif; color: #fff;
  background: var(--peer, #3949ab); padding: 0 6px; border-radius: 4px 4px 4px 0; white-space: nowrap; opacity: 0; pointer-events: none; }
:where(.rcaret-labelled .rcaret-flag) { opacity: 1; }
`;

/** Adds the default caret styles to `doc` (once). */
export function injectCaretStyles(doc) {
  if (doc.querySelector('style[data-tandem-carets]')) return;
  const style = doc.createElement('style');
  style.dataset.tandemCarets = '';
  style.textContent = CSS;
  doc.head.prepend(style);
}
