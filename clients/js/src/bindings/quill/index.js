// The Quill 2 binding: bindQuill(doc, quill) shows a rich-text document in a Quill editor and
// keeps them in step; the binding's destroy() removes everything it added. The editor's own
// configuration (theme, toolbar, formats) stays the application's; it needs Quill's history
// module (there by default), which the binding sets to undo only the person's own changes.
//
//   import '@tandem/client/types/rich-text';            // registers the rich-text type
//   const doc = client.open('notes', { type: 'rich-text' });
//   const binding = bindQuill(doc, new Quill('#editor', { theme: 'snow' }));
//
// It takes the application's Quill instance and imports nothing of Quill itself; the rich-text
// type imports `quill-delta` by name, so that Quill and the type share one copy (a page without a
// bundler maps `quill` and `quill-delta` to vendor/quill/ with an import map).

import { QuillBinding } from './quill-binding.js';
import { injectQuillCaretStyles } from './carets.js';

/**
 * Shows `doc` (a rich-text document) in the Quill editor `quill` and keeps them in step.
 * @param {import('../../document.js').TandemDocument} doc
 * @param {any} quill a Quill 2 editor
 * @param {{ styles?: boolean }} [options] `styles`: add the default caret styles (default true)
 * @returns {QuillBinding} with edit(delta), undo(), redo(), canUndo(), canRedo(), resetUndo(), focus(), length(), destroy()
 */
export function bindQuill(doc, quill, { styles = true } = {}) {
  if (styles) injectQuillCaretStyles(quill.root.ownerDocument);
  return new QuillBinding(doc, quill);
}

export { QuillBinding };
