// The kinds of document the app creates and shows, in the order the home page offers them. Each
// names a document type of the SDK (its wire name) and the module of the page that edits it (a
// board, `page: 'board'`, has a page of its own instead). To
// add a kind, add an entry here and its module; nothing else in the app lists them.
//
// A kind's module exports:
//   documentType()          the SDK's type (a promise of it is fine): it is loaded only when a
//                           document of that type is opened
//   mount(doc, { docId, search })
//                           shows `doc` in the page and resolves to { binding, characters(), download() }:
//                           binding: undo(), redo(), canUndo(), canRedo(), focus(), on('change');
//                           characters(): the count shown under "Document" (null for none);
//                           download(): { filename, text } for the Download button.

export const DOC_TYPES = [
  { name: 'text', label: 'Text', hint: 'Plain text or code, with highlighting', load: () => import('./text-editor.js') },
  { name: 'rich-text', label: 'Rich text', hint: 'Headings, lists, links and formatting', load: () => import('./rich-text-editor.js') },
  // A board has a page of its own (board/board-page.js; main.js routes to it by doc-type.js):
  // its module here only names the type.
  { name: 'canvas', label: 'Board', hint: 'Shapes, sticky notes and arrows on a shared canvas', page: 'board',
    load: () => import('/sdk/src/types/canvas/index.js').then((m) => ({ documentType: () => m.canvasType })) },
];

/** The kind called `name` (a document type's wire name), or null. */
export function docKindNamed(name) {
  return DOC_TYPES.find((k) => k.name === name) || null;
}

/** The SDK type of the kind called `name`, loading its module; throws for a kind the app lacks. */
export async function loadDocumentType(name) {
  const kind = docKindNamed(name);
  if (!kind) throw new Error(`this app has no editor for documents of type ${name}`);
  return (await kind.load()).documentType();
}
