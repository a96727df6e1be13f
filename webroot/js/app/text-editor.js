// Text documents: CodeMirror 6, or the textarea with ?editor=textarea (see editors.js).

import { textType } from '/sdk/src/types/text.js';
import { codePointLength } from '/sdk/src/ot/code-points.js';
import { editorKindOf, mountEditor } from './editors.js';

export const documentType = () => textType;

export async function mount(doc, { docId, search }) {
  const binding = await mountEditor(editorKindOf(search), doc, { docId });
  return {
    binding,
    characters: () => codePointLength(doc.snapshot),
    download: () => ({ filename: `${docId}.txt`, text: doc.snapshot }),
  };
}
