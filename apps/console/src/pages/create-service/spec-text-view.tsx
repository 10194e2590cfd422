import { lazy, Suspense, useState } from 'react';
import type { ServiceFormValues } from '../../model/service-form';

// CodeMirror and the YAML parser are a chunk of their own, loaded when the view is first opened.
const SpecTextEditor = lazy(() => import('./spec-text-editor'));

/** The form's input as editable YAML or JSON, following the form and followed by it. */
export function SpecTextView(props: { values: ServiceFormValues; onChange: (values: ServiceFormValues) => void; nameLocked: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="as-json" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>As YAML or JSON</summary>
      <p className="help">
        The input this form sends; edit it here or in the fields above, each follows the other. The same input works with the API or the CLI.
      </p>
      {open && (
        <Suspense fallback={<p role="status">Loading the editor…</p>}>
          <SpecTextEditor {...props} />
        </Suspense>
      )}
    </details>
  );
}
