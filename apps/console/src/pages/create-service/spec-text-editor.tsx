import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import type { ServiceFormValues } from '../../model/service-form';
import { formatSpec, parseSpecText, type SpecFormat } from '../../model/service-spec-text';

interface Props {
  values: ServiceFormValues;
  onChange: (values: ServiceFormValues) => void;
  /** Editing a service: its name cannot change. */
  nameLocked: boolean;
}

interface Problem {
  line: number;
  message: string;
}

/**
 * CodeMirror 6 over the form's input as YAML or JSON. A person's edit that parses
 * replaces the form's values; a change in the form rewrites the text (unless the form
 * has errors, which its fields show). Problems are marked in the text and listed below
 * it with their line, which is what a screen reader reads.
 */
export default function SpecTextEditor({ values, onChange, nameLocked }: Props) {
  const [format, setFormat] = useState<SpecFormat>('yaml');
  const [problems, setProblems] = useState<Problem[]>([]);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  /** The values the text last stood for: the form's changes that are not these are written into the text. */
  const shown = useRef('');
  /** Set while the text is rewritten from the form, so that change is not sent back to it. */
  const writing = useRef(false);
  const latest = useRef({ values, onChange, nameLocked });
  useEffect(() => {
    latest.current = { values, onChange, nameLocked };
  });

  useEffect(() => {
    const check = (state: EditorState) => parseSpecText(state.doc.toString(), latest.current.nameLocked ? latest.current.values.name : undefined);
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: formatSpec(latest.current.values, format) ?? '',
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          format === 'yaml' ? yaml() : json(),
          syntaxHighlighting(defaultHighlightStyle),
          linter(
            (ev) =>
              check(ev.state).problems.map((p) => ({
                from: Math.min(p.from, ev.state.doc.length),
                to: Math.min(p.to, ev.state.doc.length),
                severity: 'error' as const,
                message: p.message,
              })),
            { delay: 300 },
          ),
          lintGutter(),
          // Long lines wrap rather than scroll sideways on a narrow screen; an explicit tabindex lets checkers see the scroller's content is reachable by keyboard.
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': `Service input as ${format.toUpperCase()}`,
            'aria-describedby': 'spec-text-problems',
            tabindex: '0',
          }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const result = check(u.state);
            setProblems(result.problems.map((p) => ({ line: u.state.doc.lineAt(Math.min(p.from, u.state.doc.length)).number, message: p.message })));
            if (writing.current || !result.values) return;
            shown.current = JSON.stringify(result.values);
            latest.current.onChange(result.values);
          }),
        ],
      }),
    });
    shown.current = JSON.stringify(latest.current.values);
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [format]);

  useEffect(() => {
    const v = view.current;
    const key = JSON.stringify(values);
    if (!v || key === shown.current) return;
    const text = formatSpec(values, format);
    if (text === null) return;
    shown.current = key;
    writing.current = true;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
    writing.current = false;
  }, [values, format]);

  return (
    <div className="spec-text">
      <div className="field">
        <label htmlFor="spec-format">Text format</label>
        <select id="spec-format" value={format} onChange={(e) => setFormat(e.target.value as SpecFormat)}>
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </select>
      </div>
      <div ref={host} className="spec-text-editor" />
      <ul id="spec-text-problems" className="spec-text-problems" aria-live="polite">
        {problems.map((p, i) => (
          <li key={i} className="error">
            Line {p.line}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
