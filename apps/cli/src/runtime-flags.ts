import { CliError } from './errors';

/** `shoal service create` flags for container options, restart policy and health check. */
export const RUNTIME_FLAGS_USAGE =
  '[--workdir DIR] [--user USER] [--restart-condition none|on-failure|any] [--restart-max-attempts N] [--health-cmd SHELL [--health-interval-ms N]]';

/** The same flags for the argument parser. */
export const RUNTIME_FLAGS = {
  workdir: 'string',
  user: 'string',
  'restart-condition': 'string',
  'restart-max-attempts': 'string',
  'health-cmd': 'string',
  'health-interval-ms': 'string',
} as const;

/** Applies one such flag to the createService input; false when the flag is not one of them. */
export function runtimeFlag(flag: string, value: string, input: Record<string, unknown>): boolean {
  const container = () => (input.container ??= {}) as Record<string, unknown>;
  const healthCheck = () => (input.healthCheck ??= {}) as Record<string, unknown>;
  const restartPolicy = () => (input.restartPolicy ??= { condition: 'any' }) as Record<string, unknown>;
  const whole = () => {
    if (!/^\d+$/.test(value)) throw new CliError(`${flag} ${value}: expected a whole number`);
    return Number(value);
  };
  if (flag === '--workdir') container().workdir = value;
  else if (flag === '--user') container().user = value;
  else if (flag === '--restart-condition') restartPolicy().condition = value;
  else if (flag === '--restart-max-attempts') restartPolicy().maxAttempts = whole();
  else if (flag === '--health-cmd') healthCheck().shell = value;
  else if (flag === '--health-interval-ms') healthCheck().intervalMs = whole();
  else return false;
  return true;
}
