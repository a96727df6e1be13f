// The editors of the document page: CodeMirror 6 with line numbers and syntax highlighting chosen
// by the document's name (or the Language menu), or (?editor=textarea) the plain textarea, the
// SDK's minimal binding. Returns the SDK binding (undo, redo, focus, destroy).

import { $ } from './dom.js';
import { languageFor, LANGUAGES } from './languages.js';
import { bindTextarea } from '/sdk/src/bindings/textarea/index.js';

/** 'codemirror' unless the URL asks for the textarea (?editor=textarea). */
export function editorKindOf(search) {
  return new URLSearchParams(search).get('editor') === 'textarea' ? 'textarea' : 'codemirror';
}

export async function mountEditor(kind, doc, { docId }) {
  if (kind === 'textarea') {
    $('#textarea-host').hidden = false;
    return bindTextarea(doc, $('#editor'), { mirror: $('#mirror') });
  }
  const [{ EditorView, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, keymap }, { EditorState, Compartment },
    { defaultKeymap, indentWithTab }, { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching }, { bindCodeMirror }] = await Promise.all([
    import('@codemirror/view'), import('@codemirror/state'), import('@codemirror/commands'), import('@codemirror/language'),
    import('/sdk/src/bindings/codemirror/index.js'),
  ]);
  const host = $('#cm-host');
  host.hidden = false;
  const language = new Compartment();
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), indentOnInput(), bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }), EditorView.lineWrapping,
        keymap.of([...defaultKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': 'Document text', spellcheck: 'true', autocapitalize: 'sentences' }),
        language.of([]),
      ],
    }),
  });
  const menu = $('#language');
  $('#language-field').hidden = false;
  menu.replaceChildren(...LANGUAGES.map((l) => new Option(l.label, l.id)));
  const choose = async (id) => {
    menu.value = id;
    const l = LANGUAGES.find((x) => x.id === id);
    view.dispatch({ effects: language.reconfigure(l && l.load ? await l.load() : []) });
  };
  menu.addEventListener('change', () => choose(menu.value));
  await choose(languageFor(docId));
  const binding = bindCodeMirror(doc, view);
  binding.view = view;
  return binding;
}
