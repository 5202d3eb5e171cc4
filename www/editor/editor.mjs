// The payload editor: CodeMirror 6 upgrading the page's plain text area in place.
//
// The page works without it (the text area is the editor until this arrives), so it is
// loaded after the page is usable and never on the first paint's critical path. The Rust
// side owns the text: this module reports edits through `onChange` and shows what it is
// given (`setText`, `setDiagnostics`, `select`). Offsets are UTF-16 code units, as in JS.
import { EditorState, Annotation, Compartment } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting, HighlightStyle,
} from '@codemirror/language';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { json } from '@codemirror/lang-json';
import { tags } from '@lezer/highlight';

/** Marks the page's own replacements, so they are not echoed back as edits. */
const fromPage = Annotation.define();

// Colours with at least 4.5:1 contrast on white (axe's AA bar), close to the page's own.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#1d3f8f' },
  { tag: tags.string, color: '#8a1f11' },
  { tag: tags.number, color: '#0f6b3a' },
  { tag: [tags.bool, tags.null], color: '#6b2fa0' },
  { tag: tags.invalid, color: '#b00020' },
]);

const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--line, #d0d5dd)', borderRadius: '8px', background: 'var(--panel, #fff)',
    fontSize: '13px', height: '380px', resize: 'vertical', overflow: 'hidden',
  },
  '&.cm-focused': { outline: '2px solid var(--accent, #1d4ed8)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono, ui-monospace, monospace)', lineHeight: '1.4' },
  '.cm-gutters': { background: 'var(--bg, #f6f7f9)', color: '#5b6270', borderRight: '1px solid var(--line, #d0d5dd)' },
  // The active line is tinted, not painted: an opaque background hid the selection
  // layer drawn beneath it, so a value picked from the issue list looked unselected.
  '.cm-activeLine': { background: 'rgba(47, 91, 234, 0.04)' },
  // The selection, focused or not: a blue about 1.4:1 against the line, under which every
  // token colour above keeps 4.5:1 (the tint included).
  '& > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': { background: '#d9e1f2' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': { background: '#cadbfa' },
  '.cm-activeLineGutter': { background: '#e6ecf8', color: '#1f2430' },
});

// Ctrl/Cmd+Enter sends the request (the step listens for it); Tab leaves the editor,
// so keyboard users are never trapped in it.
const keys = [...defaultKeymap.filter((b) => b.key !== 'Mod-Enter'), ...historyKeymap, ...foldKeymap, ...searchKeymap, ...lintKeymap];

// At phone width (style.css's 800 px) long lines wrap: a line scrolled sideways in a
// 360 px box hid most of it. Wider, a line stays a line: JSON reads by its indentation,
// and lines fit there.
const narrow = matchMedia('(max-width: 800px)');
const wrapping = () => (narrow.matches ? EditorView.lineWrapping : []);

/**
 * Replaces `textarea` with an editor holding `text`; `onChange(text)` hears every edit.
 * The text area stays in the page, hidden, and gets the text back on `destroy`.
 */
export function mount(textarea, text, onChange) {
  // Edits reach the page after the frame that draws them: the typed character shows
  // first, the checks follow, and a burst of keys within one frame is checked once.
  // `flush` hands over a pending edit at once (before a Send reads the text).
  let pending = false;
  const flush = () => {
    if (!pending) return;
    pending = false;
    onChange(view.state.doc.toString());
  };
  const later = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => setTimeout(flush));
  };
  const wrap = new Compartment();
  const label = textarea.labels && textarea.labels[0];
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const view = new EditorView({
    parent: textarea.parentNode,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), foldGutter(), lintGutter(), highlightActiveLineGutter(),
        highlightSpecialChars(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), highlightActiveLine(), highlightSelectionMatches(),
        json(), syntaxHighlighting(highlight), theme, keymap.of(keys), wrap.of(wrapping()),
        EditorView.contentAttributes.of({
          spellcheck: 'false',
          // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
          tabindex: '0',
          'data-testid': 'payload-input',
          ...(label ? { 'aria-labelledby': label.id } : { 'aria-label': 'Payload' }),
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((t) => t.annotation(fromPage))) later();
        }),
      ],
    }),
  });
  textarea.parentNode.insertBefore(view.dom, textarea.nextSibling);
  view.dom.dataset.testid = 'payload-editor';
  textarea.hidden = true;
  const focusEditor = (e) => { e.preventDefault(); view.focus(); };
  if (label) label.addEventListener('click', focusEditor);
  const rewrap = () => view.dispatch({ effects: wrap.reconfigure(wrapping()) });
  narrow.addEventListener('change', rewrap);

  const clamp = (n) => Math.max(0, Math.min(n, view.state.doc.length));
  return {
    flush,
    /** Shows `next` unless it is already shown; undo can bring the old text back. */
    setText(next) {
      flush();
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next }, annotations: fromPage.of(true) });
    },
    /** `list`: JSON of [{from, to, severity, message}], the page's issues at their values. */
    setDiagnostics(list) {
      const diagnostics = JSON.parse(list).map((d) => ({ ...d, from: clamp(d.from), to: clamp(d.to) }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Selects a value, scrolls it to the middle, and puts the cursor there. */
    select(from, to) {
      view.dispatch({
        selection: { anchor: clamp(from), head: clamp(to) },
        effects: EditorView.scrollIntoView(clamp(from), { y: 'center' }),
      });
      view.focus();
    },
    destroy() {
      flush();
      if (label) label.removeEventListener('click', focusEditor);
      narrow.removeEventListener('change', rewrap);
      textarea.value = view.state.doc.toString();
      view.destroy();
      textarea.hidden = false;
    },
  };
}

/** The text of the editor whose DOM is `dom` (for tests and tools reading the page). */
export function textOf(dom) {
  const view = EditorView.findFromDOM(dom);
  return view ? view.state.doc.toString() : null;
}
