import type { Api } from './api';
import type { Target } from './config';
import type { Format } from './table';

export interface Ctx {
  format: Format;
  /** The --context flag, if given. */
  contextFlag?: string;
  /** Resolved on first use, so context commands work without a reachable manager. */
  target(): Target;
  api: Api;
}

export interface Command {
  /** Arguments and flags, shown in help: "SERVICE=REPLICAS...". */
  usage: string;
  summary: string;
  run(ctx: Ctx, argv: string[]): Promise<void>;
}

/** A command group ("service") maps verbs ("ls") to commands; a lone command uses "". */
export type Group = Record<string, Command>;

export const out = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
