// How the browser tests read and drive each editor of the document page, the way a person would
// see and use it: the text, the caret, other people's carets (with names and colours) and
// selections. `textarea` is the SDK's textarea binding (?editor=textarea), `codemirror` the
// CodeMirror 6 binding (the page's default).

/** Places the caret at UTF-16 index `where`, at the end (null), or right after the text `where`. */
const placeIn = (text, where) => {
  if (where === null) return text.length;
  if (typeof where === 'string') {
    const i = text.indexOf(where);
    return i < 0 ? -1 : i + where.length;
  }
  return where;
};

export const textarea = {
  name: 'textarea',
  query: '?editor=textarea',
  text: (page) => page.locator('#editor').inputValue(),
  readOnly: (page) => page.locator('#editor').evaluate((t) => t.readOnly),
  focus: (page) => page.locator('#editor').focus(),
  place: (page, where) => page.locator('#editor').evaluate((t, [w, place]) => {
    t.focus();
    // eslint-disable-next-line no-new-func
    const p = new Function(`return (${place})`)()(t.value, w);
    if (p < 0) return false;
    t.setSelectionRange(p, p);
    return true;
  }, [where, placeIn.toString()]),
  select: (page, s) => page.locator('#editor').evaluate((t, str) => {
    t.focus();
    const i = t.value.indexOf(str);
    t.setSelectionRange(i, i + str.length);
  }, s),
  ownCaret: (page) => page.locator('#editor').evaluate((t) => t.value.slice(0, t.selectionEnd)),
  /** { before, color, labelled } of `name`'s caret: the text in front of its mark; null if none. */
  remoteCaret: (page, name) => page.locator('#mirror').evaluate((mirror, who) => {
    let before = '';
    // The mirror holds blocks of whole lines (a <div> each); the runs and carets are inside them.
    const nodes = [...mirror.childNodes].flatMap((n) => (n.nodeName === 'DIV' ? [...n.childNodes] : [n]));
    for (const node of nodes) {
      if (node.nodeType === Node.TEXT_NODE || node.classList.contains('rsel')) {
        before += node.textContent;
      } else if (node.classList.contains('rcaret') && node.querySelector('.rcaret-flag').textContent === who) {
        return { before, color: node.style.getPropertyValue('--peer'), labelled: node.classList.contains('rcaret-labelled') };
      }
    }
    return null;
  }, name),
  /** True if `s` shows as one selection tinted with the colour starting `rgba`. */
  selectionShown: (page, s, rgba) => page.locator('#mirror .rsel').evaluateAll((spans, [str, tint]) =>
    spans.some((span) => span.textContent === str && span.style.background.startsWith(tint)), [s, rgba]),
};

export const codemirror = {
  name: 'codemirror',
  query: '',
  text: (page) => page.evaluate(() => window.tandem.binding.view.state.doc.toString()),
  readOnly: (page) => page.evaluate(() => window.tandem.binding.view.state.readOnly),
  focus: (page) => page.evaluate(() => window.tandem.binding.view.focus()),
  place: (page, where) => page.evaluate(([w, place]) => {
    const view = window.tandem.binding.view;
    view.focus();
    // eslint-disable-next-line no-new-func
    const p = new Function(`return (${place})`)()(view.state.doc.toString(), w);
    if (p < 0) return false;
    view.dispatch({ selection: { anchor: p }, scrollIntoView: true });
    return true;
  }, [where, placeIn.toString()]),
  select: (page, s) => page.evaluate((str) => {
    const view = window.tandem.binding.view;
    view.focus();
    const i = view.state.doc.toString().indexOf(str);
    view.dispatch({ selection: { anchor: i, head: i + str.length } });
  }, s),
  ownCaret: (page) => page.evaluate(() => {
    const { state } = window.tandem.binding.view;
    return state.doc.sliceString(0, state.selection.main.head);
  }),
  remoteCaret: (page, name) => page.evaluate((who) => {
    const view = window.tandem.binding.view;
    for (const el of view.contentDOM.querySelectorAll('.rcaret')) {
      if (el.querySelector('.rcaret-flag').textContent !== who) continue;
      const pos = view.posAtDOM(el);
      return { before: view.state.doc.sliceString(0, pos), color: el.style.getPropertyValue('--peer'), labelled: el.classList.contains('rcaret-labelled') };
    }
    return null;
  }, name),
  selectionShown: (page, s, rgba) => page.evaluate(([str, tint]) => {
    const spans = [...window.tandem.binding.view.contentDOM.querySelectorAll('.rsel')].filter((e) => e.style.backgroundColor.startsWith(tint));
    return spans.map((e) => e.textContent).join('') === str;
  }, [s, rgba]),
};
