/** Exit codes (docs/cli.md): what a script can branch on. */
export const EXIT = {
  OK: 0,
  ERROR: 1,
  /** Bad usage, or the manager cannot be reached. */
  USAGE: 2,
  UNREACHABLE: 2,
  UNAUTHENTICATED: 3,
  FORBIDDEN: 4,
  NOT_FOUND: 5,
  /** service create/update: not converged within --timeout. */
  TIMEOUT: 6,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.ERROR,
  ) {
    super(message);
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.USAGE);
