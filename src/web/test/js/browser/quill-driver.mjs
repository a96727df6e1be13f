// How the browser tests read and drive the rich-text page (Quill 2 through the SDK's binding),
// the way a person would see and use it: the document as Quill holds it, the caret, the toolbar,
// and other people's carets drawn over the editor with names and colours.

/** A delta's ops with attribute names in order, as JSON: equal documents give equal strings. */
export function canonical(ops) {
  return JSON.stringify(ops.map((op) => {
    const out = 'insert' in op ? { insert: op.insert } : 'retain' in op ? { retain: op.retain } : { delete: op.delete };
    if (op.attributes) {
      out.attributes = {};
      for (const k of Object.keys(op.attributes).sort()) out.attributes[k] = op.attributes[k];
    }
    return out;
  }));
}

/** The document in `page`'s Quill editor (ops). */
export const contents = (page) => page.evaluate(() => window.tandem.binding.quill.getContents().ops);

/** Its plain text. */
export const plainText = (page) => page.evaluate(() => window.tandem.binding.quill.getText());

/**
 * Focuses the editor and selects `length` units from just after the first occurrence of `after`
 * (or from its start with `at: 'start'`), in one step so that no remote change moves it meanwhile.
 * Returns false when the text is not there.
 */
export function select(page, text, { length = 0, at = 'end' } = {}) {
  return page.evaluate(([t, len, where]) => {
    const { quill } = window.tandem.binding;
    const i = quill.getText().indexOf(t);
    if (i < 0) return false;
    quill.focus();
    quill.setSelection(where === 'end' ? i + t.length : i, len, 'user');
    return true;
  }, [text, length, at]);
}

/** Selects the text `t` itself. */
export const selectText = (page, t) => select(page, t, { at: 'start', length: t.length });

/** Puts the caret right after `marker` (or at the end of the document when null). */
export function place(page, marker) {
  if (marker !== null) return select(page, marker);
  return page.evaluate(() => {
    const { quill } = window.tandem.binding;
    quill.focus();
    quill.setSelection(quill.getLength() - 1, 0, 'user');
    return true;
  });
}

/** Our own caret (UTF-16 index), or null. */
export const ownCaret = (page) => page.evaluate(() => {
  const range = window.tandem.binding.quill.getSelection();
  return range ? range.index + range.length : null;
});

/** { index, color, labelled, left, top, expected } of `name`'s caret as drawn, or null. */
export function remoteCaret(page, name) {
  return page.evaluate((who) => {
    const { quill } = window.tandem.binding;
    for (const el of document.querySelectorAll('.tq-caret')) {
      if (el.querySelector('.tq-caret-flag').textContent !== who) continue;
      const index = Number(el.dataset.index);
      const b = quill.getBounds(index, 0);
      return {
        index, color: el.style.getPropertyValue('--peer'), labelled: el.classList.contains('tq-caret-labelled'),
        // where Quill says that index is on screen, to check the caret is drawn there
        placed: Math.abs(parseFloat(el.style.left) - b.left) < 1 && Math.abs(parseFloat(el.style.top) - b.top) < 1,
      };
    }
    return null;
  }, name);
}

/** True if a selection of `name`'s colour (starting `rgba`) is drawn over the editor. */
export const selectionShown = (page, rgba) => page.evaluate((tint) => [...document.querySelectorAll('.tq-selection')]
  .some((el) => el.style.background.startsWith(tint) && parseFloat(el.style.width) > 0), rgba);

/** Clicks a toolbar button by its format, e.g. 'bold', or 'list' with value 'bullet'. */
export function toolbar(page, format, value = null) {
  const selector = value === null ? `.ql-toolbar button.ql-${format}` : `.ql-toolbar button.ql-${format}[value="${value}"]`;
  return page.locator(selector).click();
}

/** Chooses a heading level (1-3) in the toolbar's header picker, for the line the caret is in. */
export async function heading(page, level) {
  await page.locator('.ql-toolbar .ql-header .ql-picker-label').click();
  await page.locator(`.ql-toolbar .ql-header .ql-picker-item[data-value="${level}"]`).click();
}
