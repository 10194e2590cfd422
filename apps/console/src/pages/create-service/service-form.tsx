import { useState, type FormEvent } from 'react';
import { FormField } from '../../components/form-field';
import {
  EMPTY_SERVICE_FORM,
  parseServiceForm,
  type CreateServiceInput,
  type FieldErrors,
  type ServiceFormField,
  type ServiceFormValues,
} from '../../model/service-form';

export interface SubmitOutcome {
  /** Errors the API gave for fields of the form. */
  fieldErrors?: FieldErrors;
  /** An error that belongs to no field. */
  error?: string;
}

interface Props {
  onSubmit: (input: CreateServiceInput) => Promise<SubmitOutcome>;
}

const TEXT: { field: ServiceFormField; label: string; help: string; lines?: boolean }[] = [
  { field: 'command', label: 'Command', help: "Replaces the image's ENTRYPOINT; one item per line.", lines: true },
  { field: 'args', label: 'Arguments', help: "Replaces the image's CMD; one argument per line.", lines: true },
  { field: 'env', label: 'Environment', help: 'One KEY=VALUE per line.', lines: true },
  { field: 'labels', label: 'Labels', help: 'One key=value per line.', lines: true },
  { field: 'ports', label: 'Published ports', help: 'One per line: 80, 8080:80 or 8080:80/udp (published:target/protocol).', lines: true },
  { field: 'constraints', label: 'Placement constraints', help: 'One per line, e.g. node.labels.zone==eu or node.role!=manager.', lines: true },
  { field: 'maxReplicasPerNode', label: 'Max replicas per node', help: 'Empty or 0: no limit.' },
  { field: 'reserveCpus', label: 'Reserved CPUs', help: 'CPUs set aside on the node, e.g. 0.5.' },
  { field: 'reserveMemoryMiB', label: 'Reserved memory (MiB)', help: 'Memory set aside on the node.' },
  { field: 'limitCpus', label: 'CPU limit', help: 'CPUs the container may use; empty: no limit.' },
  { field: 'limitMemoryMiB', label: 'Memory limit (MiB)', help: 'At least 6 MiB; empty: no limit.' },
];

/** The create-service form: checks what it can before sending, then shows the API's field errors next to their field. */
export function ServiceForm({ onSubmit }: Props) {
  const [values, setValues] = useState<ServiceFormValues>(EMPTY_SERVICE_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: ServiceFormField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    const form = e.currentTarget;
    const parsed = parseServiceForm(values);
    setErrors(parsed.errors);
    setFormError(null);
    if (!parsed.input) {
      focusFirstError(form);
      return;
    }
    setBusy(true);
    const outcome = await onSubmit(parsed.input);
    setBusy(false);
    setErrors(outcome.fieldErrors ?? {});
    setFormError(outcome.error ?? null);
    if (outcome.fieldErrors) focusFirstError(form);
  };

  const count = Object.keys(errors).length;
  const preview = parseServiceForm(values);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={count ? 'form-errors' : undefined}>
      {(count > 0 || formError) && (
        <div id="form-errors" className="error-summary" role="alert">
          {formError ?? `${count === 1 ? 'One field needs' : `${count} fields need`} attention.`}
        </div>
      )}
      <fieldset>
        <legend>Service</legend>
        <FormField id="name" label="Name" help="Letters, digits, '_', '.' or '-'." error={errors.name}>
          {(p) => <input {...p} value={values.name} onChange={set('name')} autoComplete="off" required />}
        </FormField>
        <FormField id="image" label="Image" help='For example "nginx:1.27" or "127.0.0.1:5000/app@sha256:…".' error={errors.image}>
          {(p) => <input {...p} value={values.image} onChange={set('image')} autoComplete="off" required />}
        </FormField>
        <FormField id="replicas" label="Replicas" error={errors.replicas}>
          {(p) => <input {...p} type="number" min={0} inputMode="numeric" value={values.replicas} onChange={set('replicas')} required />}
        </FormField>
      </fieldset>
      <fieldset>
        <legend>Container and placement</legend>
        {TEXT.map(({ field, label, help, lines }) => (
          <FormField key={field} id={field} label={label} help={help} error={errors[field]}>
            {(p) =>
              lines ? <textarea {...p} rows={2} value={values[field]} onChange={set(field)} /> : <input {...p} value={values[field]} onChange={set(field)} />
            }
          </FormField>
        ))}
        <FormField
          id="strategy"
          label="Strategy"
          help="Spread: fewest tasks of the service first. Binpack: fullest node that still fits."
          error={errors.strategy}
        >
          {(p) => (
            <select {...p} value={values.strategy} onChange={set('strategy')}>
              <option value="SPREAD">Spread</option>
              <option value="BINPACK">Binpack</option>
            </select>
          )}
        </FormField>
      </fieldset>
      <details className="as-json">
        <summary>As JSON</summary>
        <p className="help">The input this form sends to createService; the same works with the API or the CLI.</p>
        <pre className="snippet" role="region" aria-label="Service input as JSON" tabIndex={0}>
          {preview.input ? JSON.stringify(preview.input, null, 2) : 'Some fields are not valid yet.'}
        </pre>
      </details>
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create service'}
      </button>
    </form>
  );
}

function focusFirstError(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
