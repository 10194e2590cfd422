import { useState, type FormEvent } from 'react';
import { FormField } from '../../components/form-field';
import { SpecTextView } from './spec-text-view';
import {
  EMPTY_SERVICE_FORM,
  FIELD_LABELS,
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
  onSubmit: (input: CreateServiceInput, values: ServiceFormValues) => Promise<SubmitOutcome>;
  /** Starting values: empty for a new service, the running spec when editing. */
  initial?: ServiceFormValues;
  submitLabel?: string;
  /** A service's name and mode cannot change. */
  nameLocked?: boolean;
}

const TEXT: { field: ServiceFormField; help: string; lines?: boolean }[] = [
  { field: 'command', help: "Replaces the image's ENTRYPOINT; one item per line.", lines: true },
  { field: 'args', help: "Replaces the image's CMD; one argument per line.", lines: true },
  { field: 'env', help: 'One KEY=VALUE per line.', lines: true },
  { field: 'labels', help: 'One key=value per line.', lines: true },
  { field: 'ports', help: 'One per line: 80, 8080:80 or 8080:80/udp (published:target/protocol).', lines: true },
  { field: 'constraints', help: 'One per line, e.g. node.labels.zone==eu or node.role!=manager.', lines: true },
  { field: 'maxReplicasPerNode', help: 'Empty or 0: no limit.' },
  { field: 'reserveCpus', help: 'CPUs set aside on the node, e.g. 0.5.' },
  { field: 'reserveMemoryMiB', help: 'Memory set aside on the node.' },
  { field: 'limitCpus', help: 'CPUs the container may use; empty: no limit.' },
  { field: 'limitMemoryMiB', help: 'At least 6 MiB; empty: no limit.' },
];

const MODE_HELP: Record<ServiceFormValues['mode'], string> = {
  REPLICATED: 'A number of tasks, placed by the scheduler.',
  GLOBAL: 'One task on every node that passes the constraints.',
  REPLICATED_JOB: 'Tasks that run to completion (exit 0), a few at a time.',
  GLOBAL_JOB: 'One task to completion on every node that passes the constraints.',
};

const RESOLVE_HELP: Record<ServiceFormValues['resolveImage'], string> = {
  CHANGED: 'A tag from a registry is stored with its digest (app:1@sha256:…), so every node runs the same image and a rollback returns to it.',
  NEVER: 'Each node pulls the tag itself, and may get another image if the tag moves.',
  ALWAYS: 'Asks the registry again: if the tag was pushed anew, the service rolls out the new image.',
};

/** The create-service form: checks what it can before sending, then shows the API's field errors next to their field. */
export function ServiceForm({ onSubmit, initial = EMPTY_SERVICE_FORM, submitLabel = 'Create service', nameLocked = false }: Props) {
  const [values, setValues] = useState<ServiceFormValues>(initial);
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
    const outcome = await onSubmit(parsed.input, values);
    setBusy(false);
    setErrors(outcome.fieldErrors ?? {});
    setFormError(outcome.error ?? null);
    if (outcome.fieldErrors) focusFirstError(form);
  };

  const count = Object.keys(errors).length;
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
          {(p) => <input {...p} value={values.name} onChange={set('name')} autoComplete="off" required readOnly={nameLocked} />}
        </FormField>
        <FormField id="image" label="Image" help='For example "nginx:1.27" or "127.0.0.1:5000/app@sha256:…".' error={errors.image}>
          {(p) => <input {...p} value={values.image} onChange={set('image')} autoComplete="off" required />}
        </FormField>
        <FormField id="resolveImage" label="Image digest" help={RESOLVE_HELP[values.resolveImage]} error={errors.resolveImage}>
          {(p) => (
            <select {...p} value={values.resolveImage} onChange={set('resolveImage')}>
              <option value="CHANGED">Pin to the digest the tag names now</option>
              <option value="NEVER">Keep the tag as given</option>
              {nameLocked && <option value="ALWAYS">Re-pin the current tag, even if the image is unchanged</option>}
            </select>
          )}
        </FormField>
        <FormField id="mode" label="Mode" help={MODE_HELP[values.mode]} error={errors.mode}>
          {(p) => (
            <select {...p} value={values.mode} onChange={set('mode')} disabled={nameLocked}>
              <option value="REPLICATED">Replicated</option>
              <option value="GLOBAL">Global</option>
              <option value="REPLICATED_JOB">Replicated job</option>
              <option value="GLOBAL_JOB">Global job</option>
            </select>
          )}
        </FormField>
        {values.mode === 'REPLICATED' && (
          <FormField id="replicas" label="Replicas" error={errors.replicas}>
            {(p) => <input {...p} type="number" min={0} inputMode="numeric" value={values.replicas} onChange={set('replicas')} required />}
          </FormField>
        )}
        {values.mode === 'REPLICATED_JOB' && (
          <>
            <FormField id="totalCompletions" label={FIELD_LABELS.totalCompletions} help="Tasks that must exit 0." error={errors.totalCompletions}>
              {(p) => <input {...p} type="number" min={1} inputMode="numeric" value={values.totalCompletions} onChange={set('totalCompletions')} required />}
            </FormField>
            <FormField id="maxConcurrent" label={FIELD_LABELS.maxConcurrent} help="Tasks running at once." error={errors.maxConcurrent}>
              {(p) => <input {...p} type="number" min={1} inputMode="numeric" value={values.maxConcurrent} onChange={set('maxConcurrent')} required />}
            </FormField>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Container and placement</legend>
        {TEXT.map(({ field, help, lines }) => (
          <FormField key={field} id={field} label={FIELD_LABELS[field]} help={help} error={errors[field]}>
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
      <SpecTextView values={values} onChange={setValues} nameLocked={nameLocked} />
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : submitLabel}
      </button>
    </form>
  );
}

function focusFirstError(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
