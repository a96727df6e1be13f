// Syntax highlighting for the CodeMirror page: the language a document's name suggests
// (notes.md, app.js, main.py, Main.java, ...) and the Language menu's choices. Each language
// package is loaded only when chosen.

export const LANGUAGES = [
  { id: 'text', label: 'Plain text', ext: [] },
  { id: 'markdown', label: 'Markdown', ext: ['md', 'markdown'], load: async () => (await import('@codemirror/lang-markdown')).markdown() },
  { id: 'javascript', label: 'JavaScript', ext: ['js', 'mjs', 'cjs', 'jsx'], load: async () => (await import('@codemirror/lang-javascript')).javascript({ jsx: true }) },
  { id: 'typescript', label: 'TypeScript', ext: ['ts', 'tsx', 'mts'], load: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true, jsx: true }) },
  { id: 'json', label: 'JSON', ext: ['json'], load: async () => (await import('@codemirror/lang-json')).json() },
  { id: 'python', label: 'Python', ext: ['py'], load: async () => (await import('@codemirror/lang-python')).python() },
  { id: 'java', label: 'Java', ext: ['java'], load: async () => (await import('@codemirror/lang-java')).java() },
  { id: 'cpp', label: 'C / C++', ext: ['c', 'h', 'cc', 'cpp', 'hpp'], load: async () => (await import('@codemirror/lang-cpp')).cpp() },
  { id: 'rust', label: 'Rust', ext: ['rs'], load: async () => (await import('@codemirror/lang-rust')).rust() },
  { id: 'go', label: 'Go', ext: ['go'], load: async () => (await import('@codemirror/lang-go')).go() },
  { id: 'html', label: 'HTML', ext: ['html', 'htm'], load: async () => (await import('@codemirror/lang-html')).html() },
  { id: 'css', label: 'CSS', ext: ['css'], load: async () => (await import('@codemirror/lang-css')).css() },
  { id: 'xml', label: 'XML', ext: ['xml', 'svg'], load: async () => (await import('@codemirror/lang-xml')).xml() },
  { id: 'sql', label: 'SQL', ext: ['sql'], load: async () => (await import('@codemirror/lang-sql')).sql() },
  { id: 'yaml', label: 'YAML', ext: ['yaml', 'yml'], load: async () => (await import('@codemirror/lang-yaml')).yaml() },
];

/** The language id for a document called `name`: by its extension, else plain text. */
export function languageFor(name) {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  const ext = m ? m[1].toLowerCase() : '';
  const found = LANGUAGES.find((l) => l.ext.includes(ext));
  return found ? found.id : 'text';
}
