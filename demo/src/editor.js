// The SQL editor: CodeMirror 6 with @codemirror/lang-sql's PostgreSQL dialect (highlighting,
// keyword completion), completion of PostgreSQL functions (functions.js) and of the live
// schema's tables and columns (setSchema), Ctrl/Cmd+Enter to run, an error marker at the
// position an error names (a lint diagnostic), light and dark themes.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { Compartment, EditorSelection, Prec } from '@codemirror/state';
import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { completeFromList } from '@codemirror/autocomplete';
import { setDiagnostics } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import { FUNCTIONS } from './functions.js';

const functionCompletions = FUNCTIONS.map((name) => ({ label: name, type: 'function', apply: name + '(', boost: -1 }));

const lightTheme = EditorView.theme({}, { dark: false });

export function createEditor(parent, { doc = '', onRun, onChange, dark = false }) {
  const language = new Compartment();
  const theme = new Compartment();
  const lang = (schema) => sql({ dialect: PostgreSQL, schema, defaultSchema: 'public', upperCaseKeywords: true });
  const view = new EditorView({
    parent,
    doc,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { onRun?.(); return true; } }])),
      basicSetup,
      language.of(lang({})),
      PostgreSQL.language.data.of({ autocomplete: completeFromList(functionCompletions) }),
      theme.of(dark ? oneDark : lightTheme),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          view.dispatch(setDiagnostics(u.state, []));
          onChange?.(u.state.doc.toString());
        }
      }),
    ],
  });

  return {
    view,
    getDoc: () => view.state.doc.toString(),
    setDoc(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
    },
    // The selection if there is one, else the whole buffer; offset = where it starts.
    runText() {
      const sel = view.state.selection.main;
      if (!sel.empty) return { text: view.state.sliceDoc(sel.from, sel.to), offset: sel.from };
      return { text: view.state.doc.toString(), offset: 0 };
    },
    insert(text) {
      const sel = view.state.selection.main;
      view.dispatch({ changes: { from: sel.from, to: sel.to, insert: text }, selection: EditorSelection.cursor(sel.from + text.length) });
      view.focus();
    },
    // Marks the character at `offset` (the error's position) and moves the cursor there.
    markError(offset, message) {
      const len = view.state.doc.length;
      let from = Math.max(0, Math.min(offset, len));
      let to = Math.min(len, from + 1);
      // Underline the word at the position, as far as it goes.
      const line = view.state.doc.lineAt(from);
      const rest = line.text.slice(from - line.from);
      const m = /^[\w$]+|^'[^']*'?|^"[^"]*"?/.exec(rest);
      if (m) to = Math.min(line.to, from + m[0].length);
      if (to === from && from > 0) from--;
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message }]));
      view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    },
    clearMarks() { view.dispatch(setDiagnostics(view.state, [])); },
    // schema: { schemas: [{ name, tables: [{ name, columns: [{ name }] }] }] } → completion.
    setSchema(schema) {
      const spec = {};
      for (const s of schema?.schemas ?? []) {
        for (const t of s.tables) {
          const cols = t.columns.map((c) => c.name);
          spec[`${s.name}.${t.name}`] = cols;
        }
      }
      view.dispatch({ effects: language.reconfigure(lang(spec)) });
    },
    setDark(on) { view.dispatch({ effects: theme.reconfigure(on ? oneDark : lightTheme) }); },
    focus() { view.focus(); },
  };
}
