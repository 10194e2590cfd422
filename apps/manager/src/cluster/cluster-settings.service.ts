import { Injectable } from '@nestjs/common';
import { ShoalError, badInput } from '../common/errors';
import type { ClusterObject, ClusterSettings } from '../store/objects';
import { Proposer } from '../store/proposer';
import { Store } from '../store/store';

/** Settings operators may change while the cluster runs, with their bounds (as SHOAL_* at bootstrap). */
const BOUNDS: Partial<Record<keyof ClusterSettings, [number, number]>> = {
  heartbeatPeriodMs: [100, 60_000],
  heartbeatGrace: [2, 100],
  taskHistoryLimit: [1, 100],
  restartDelayMs: [0, 3_600_000],
};

/** Changes cluster settings: validates, then proposes one entry. */
@Injectable()
export class ClusterSettingsService {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  async update(changes: Partial<ClusterSettings>): Promise<ClusterObject> {
    const cluster = this.store.cluster();
    if (!cluster) throw new ShoalError('UNAVAILABLE', 'the cluster is not initialised yet; retry shortly');
    const settings = { ...cluster.settings };
    for (const [key, value] of Object.entries(changes) as [keyof ClusterSettings, number | undefined | null][]) {
      if (value === undefined || value === null) continue;
      const bounds = BOUNDS[key];
      if (!bounds) throw badInput(`input.${key}`, 'cannot be changed here');
      if (!Number.isInteger(value) || value < bounds[0] || value > bounds[1])
        throw badInput(`input.${key}`, `must be a whole number from ${bounds[0]} to ${bounds[1]}`);
      settings[key] = value;
    }
    await this.proposer.propose([{ op: 'patch', kind: 'cluster', id: cluster.id, fields: { settings } }]);
    return this.store.cluster()!;
  }
}
