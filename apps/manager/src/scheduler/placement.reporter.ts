import { Injectable } from '@nestjs/common';
import { explain, placementReport } from '@shoal/scheduler';
import { notFound } from '../common/errors';
import { containerSpecOf } from '../services/container-spec';
import { Store } from '../store/store';
import { candidateOf, placedTasks, unplacedOf } from './candidates';

export interface PlacementSummary {
  summary?: string;
  nodes: { nodeId: string; hostname: string; eligible: boolean; reasons: string[] }[];
}

/**
 * `Service.placement`: the scheduler's filters run for one more task of the service
 * against every node as the store has it now, keeping every rejection, not just the first.
 */
@Injectable()
export class PlacementReporter {
  constructor(private readonly store: Store) {}

  report(serviceId: string): PlacementSummary {
    const service = this.store.service(serviceId);
    if (!service) throw notFound('service', serviceId);
    const nodes = this.store
      .nodes()
      .map(candidateOf)
      .sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.id < b.id ? -1 : 1));
    const task = unplacedOf(
      '',
      service.id,
      containerSpecOf(service.spec),
      service.spec.placement,
      service.imagePlatforms?.image === service.spec.image ? service.imagePlatforms.platforms : undefined,
    );
    const report = placementReport({ nodes, placed: placedTasks(this.store.tasks()), task });
    const anyEligible = report.some((n) => n.eligible);
    return {
      summary: anyEligible
        ? undefined
        : explain(
            nodes.length,
            report.map((n) => n.rejections[0]),
          ),
      nodes: report.map((n) => ({
        nodeId: n.nodeId,
        hostname: n.hostname,
        eligible: n.eligible,
        reasons: n.rejections.map((r) => `${r.filter}: ${r.reason}${r.detail ? ` (${r.detail})` : ''}`),
      })),
    };
  }
}
