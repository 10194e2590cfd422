import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { UpdateClusterSettingsMutation } from '../../graphql/cluster.queries';
import type { FieldErrors } from '../../model/access';
import { settingsFieldOf, toClusterSettingsInput, type ClusterSettingsValues } from '../../model/cluster-settings-form';

interface Props {
  settings: { heartbeatPeriodMs: number; heartbeatGrace: number; restartDelayMs: number; taskHistoryLimit: number };
}

/** The settings the API can change while the cluster runs (admins only); errors show at their field. */
export function ClusterSettingsForm({ settings }: Props) {
  const [values, setValues] = useState<ClusterSettingsValues>({
    heartbeatPeriodMs: String(settings.heartbeatPeriodMs),
    heartbeatGrace: String(settings.heartbeatGrace),
    restartDelayMs: String(settings.restartDelayMs),
    taskHistoryLimit: String(settings.taskHistoryLimit),
  });
  const [errors, setErrors] = useState<FieldErrors<keyof ClusterSettingsValues>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdateClusterSettingsMutation);
  const set = (key: keyof ClusterSettingsValues) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    setFailure(undefined);
    const { input, errors: invalid } = toClusterSettingsInput(values);
    setErrors(invalid);
    if (!input) {
      document.getElementById(`settings-${Object.keys(invalid)[0]}`)?.focus();
      return;
    }
    const r = await update({ input });
    if (!r.error) return setSaved(true);
    const bad = r.error.graphQLErrors.find((g) => settingsFieldOf(g.extensions?.field));
    if (bad) setErrors({ [settingsFieldOf(bad.extensions?.field)!]: bad.message });
    else setFailure(describeError(r.error));
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="settings-form-heading">
      <h3 id="settings-form-heading">Change settings</h3>
      {Object.keys(errors).length > 0 && (
        <p className="error" role="alert">
          {Object.keys(errors).length === 1 ? '1 field needs' : `${Object.keys(errors).length} fields need`} attention.
        </p>
      )}
      <FormField
        id="settings-heartbeatPeriodMs"
        label="Heartbeat period (ms)"
        help="How often agents send a heartbeat; connected agents switch at once. 100-60,000."
        error={errors.heartbeatPeriodMs}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" value={values.heartbeatPeriodMs} onChange={set('heartbeatPeriodMs')} />}
      </FormField>
      <FormField
        id="settings-heartbeatGrace"
        label="Heartbeat grace (missed heartbeats)"
        help="A node is marked down after this many periods without a heartbeat, and its tasks are replaced. 2-100."
        error={errors.heartbeatGrace}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" value={values.heartbeatGrace} onChange={set('heartbeatGrace')} />}
      </FormField>
      <FormField
        id="settings-restartDelayMs"
        label="Restart delay (ms)"
        help="Before a failed task is replaced; doubles per consecutive failure. 0-3,600,000."
        error={errors.restartDelayMs}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" value={values.restartDelayMs} onChange={set('restartDelayMs')} />}
      </FormField>
      <FormField
        id="settings-taskHistoryLimit"
        label="Task history limit"
        help="Finished tasks kept per slot; older ones are removed. 1-100."
        error={errors.taskHistoryLimit}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" value={values.taskHistoryLimit} onChange={set('taskHistoryLimit')} />}
      </FormField>
      <button type="submit" disabled={result.fetching}>
        Save settings
      </button>{' '}
      {saved && (
        <span role="status" className="muted">
          Saved.
        </span>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
