// Rich-text documents: Quill 2 (Snow theme) with a toolbar for headings, bold, italic,
// underline, strike, lists (bulleted, numbered, checks), links, quotes, code blocks and clearing
// formats, bound to the document by the SDK's Quill binding. Quill, quill-delta and Quill's
// stylesheet come from the SDK's vendor/quill/ (the import map names them).

import { richTextType } from '/sdk/src/types/rich-text.js';
import { bindQuill } from '/sdk/src/bindings/quill/index.js';
import { $ } from './dom.js';
import { safeLink } from './links.js';

/** Only formats the server accepts (docs/RICH-TEXT.md): a paste keeps these and drops the rest. */
const FORMATS = ['header', 'bold', 'italic', 'underline', 'strike', 'code', 'link', 'list', 'blockquote', 'code-block', 'indent', 'align', 'script'];

const TOOLBAR = [
  [{ header: [1, 2, 3, false] }],
  ['bold', 'italic', 'underline', 'strike'],
  [{ list: 'bullet' }, { list: 'ordered' }, { list: 'check' }],
  ['link', 'blockquote', 'code-block'],
  ['clean'],
];

const TITLES = {
  bold: 'Bold (Ctrl+B)', italic: 'Italic (Ctrl+I)', underline: 'Underline (Ctrl+U)', strike: 'Strikethrough',
  'list: bullet': 'Bulleted list', 'list: ordered': 'Numbered list', 'list: check': 'Checklist',
  link: 'Link (Ctrl+K)', blockquote: 'Quote', 'code-block': 'Code block', clean: 'Clear formatting',
};

export const documentType = () => richTextType;

export async function mount(doc, { docId }) {
  const [{ default: Quill }] = await Promise.all([import('quill'), stylesheet('/sdk/vendor/quill/quill.snow.css')]);
  const Link = Quill.import('formats/link');
  class SafeLink extends Link {
    static sanitize(url) { return safeLink(url); }
  }
  Quill.register(SafeLink, true);

  const host = $('#quill-host');
  host.hidden = false;
  const quill = new Quill($('#quill-editor'), {
    theme: 'snow',
    formats: FORMATS,
    placeholder: 'Start writing…',
    modules: { toolbar: TOOLBAR, history: { userOnly: true } },
  });
  for (const button of host.querySelectorAll('.ql-toolbar button')) {
    const title = TITLES[button.getAttribute('aria-label')];
    if (title) button.title = title;
  }
  host.querySelector('.ql-toolbar').setAttribute('aria-label', 'Formatting');
  host.querySelector('.ql-toolbar').setAttribute('role', 'toolbar');
  quill.root.setAttribute('aria-label', 'Document text');
  const binding = bindQuill(doc, quill);
  return {
    binding,
    characters: () => binding.length(),
    download: () => ({ filename: `${docId}.txt`, text: quill.getText() }),
  };
}

/** Adds a stylesheet to the page; settles once it is loaded (or failed: the editor works unstyled). */
function stylesheet(href) {
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => resolve();
    document.head.append(link);
  });
}
