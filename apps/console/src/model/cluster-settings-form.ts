import type { FieldErrors } from './access';

/** What the settings form holds: text, as typed. */
export interface ClusterSettingsValues {
  heartbeatPeriodMs: string;
  heartbeatGrace: string;
  restartDelayMs: string;
  taskHistoryLimit: string;
}

export type ClusterSettingsInput = { heartbeatPeriodMs: number; heartbeatGrace: number; restartDelayMs: number; taskHistoryLimit: number };

/** The limits the API enforces (ClusterSettingsInput), checked before sending so the error is at the field. */
const LIMITS = {
  heartbeatPeriodMs: { min: 100, max: 60_000, what: 'milliseconds' },
  heartbeatGrace: { min: 2, max: 100, what: 'heartbeats' },
  restartDelayMs: { min: 0, max: 3_600_000, what: 'milliseconds' },
  taskHistoryLimit: { min: 1, max: 100, what: 'tasks' },
} as const;

export function toClusterSettingsInput(values: ClusterSettingsValues): { input?: ClusterSettingsInput; errors: FieldErrors<keyof ClusterSettingsValues> } {
  const errors: FieldErrors<keyof ClusterSettingsValues> = {};
  const parsed: Partial<ClusterSettingsInput> = {};
  for (const key of Object.keys(LIMITS) as (keyof ClusterSettingsValues)[]) {
    const { min, max, what } = LIMITS[key];
    const text = values[key].trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n) || n < min || n > max) errors[key] = `Give a whole number of ${what} from ${min} to ${max.toLocaleString('en')}.`;
    else parsed[key] = n;
  }
  return Object.keys(errors).length ? { errors } : { input: parsed as ClusterSettingsInput, errors };
}

/** The API's field for a BAD_USER_INPUT error ("input.taskHistoryLimit") as the form's field name. */
export function settingsFieldOf(apiField: unknown): keyof ClusterSettingsValues | undefined {
  if (typeof apiField !== 'string') return undefined;
  const name = apiField.replace(/^input\./, '');
  return name in LIMITS ? (name as keyof ClusterSettingsValues) : undefined;
}
