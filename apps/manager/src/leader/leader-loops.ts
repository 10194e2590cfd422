import { Injectable, Logger } from '@nestjs/common';
import { AuditPruner } from '../audit/audit.pruner';
import { SessionReaper } from '../auth/session.reaper';
import { Dispatcher } from '../dispatcher/dispatcher';
import { MetricsService } from '../metrics/metrics.service';
import { NodeRoleReconciler } from '../nodes/node-role.reconciler';
import { ReplicatedOrchestrator } from '../orchestrator/replicated/replicated.orchestrator';
import { TaskReaper } from '../orchestrator/reaper/task.reaper';
import { SchedulerLoop } from '../scheduler/scheduler.loop';
import type { ChangeSet } from '../store/actions';
import { Store } from '../store/store';
import { Loop } from './loop';

/**
 * Every leader-only loop, started and stopped here and nowhere else: `start` once this
 * manager leads and has applied an entry of its term, `stop` the moment it does not.
 */
@Injectable()
export class LeaderLoops {
  private readonly log = new Logger('LeaderLoops');
  private readonly orchestrator: Loop;
  private readonly scheduler: Loop;
  private readonly reaper: Loop;
  private readonly auditPruner: Loop;
  private readonly sessionReaper: Loop;
  private readonly clusterUsage: Loop;
  private readonly nodeRoles: Loop;
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: Dispatcher,
    orchestrator: ReplicatedOrchestrator,
    scheduler: SchedulerLoop,
    reaper: TaskReaper,
    private readonly pruner: AuditPruner,
    sessionReaper: SessionReaper,
    private readonly metrics: MetricsService,
    nodeRoles: NodeRoleReconciler,
  ) {
    this.orchestrator = new Loop('ReplicatedOrchestrator', () => orchestrator.run(), 1000);
    this.scheduler = new Loop('Scheduler', () => scheduler.run(), 1000);
    this.reaper = new Loop('TaskReaper', () => reaper.run(), 5000);
    this.auditPruner = new Loop('AuditPruner', () => pruner.run(), 60_000);
    this.sessionReaper = new Loop('SessionReaper', () => sessionReaper.run(), 60_000);
    this.clusterUsage = new Loop('ClusterUsage', () => metrics.aggregate(), metrics.intervalMs);
    // Raft membership changes are not store changes: the period catches them.
    this.nodeRoles = new Loop('NodeRoles', () => nodeRoles.run(), 500);
  }

  start(): void {
    if (this.unwatch) return;
    this.dispatcher.start();
    this.orchestrator.start();
    this.scheduler.start();
    this.reaper.start();
    this.auditPruner.start();
    this.sessionReaper.start();
    this.clusterUsage.start();
    this.nodeRoles.start();
    this.unwatch = this.store.watch((set) => this.route(set));
    this.log.log('leader loops started');
  }

  stop(): void {
    if (!this.unwatch) return;
    this.unwatch();
    this.unwatch = undefined;
    this.clusterUsage.stop();
    this.metrics.forget();
    this.nodeRoles.stop();
    this.sessionReaper.stop();
    this.auditPruner.stop();
    this.reaper.stop();
    this.scheduler.stop();
    this.orchestrator.stop();
    this.dispatcher.stop();
    this.log.log('leader loops stopped');
  }

  /** Wakes the loops a change concerns. */
  private route(set: ChangeSet): void {
    for (const c of set.changes) {
      switch (c.kind) {
        case 'service':
          this.orchestrator.kick();
          this.reaper.kick();
          break;
        case 'task':
          this.orchestrator.kick();
          this.scheduler.kick();
          this.reaper.kick();
          break;
        case 'node':
          this.orchestrator.kick();
          this.scheduler.kick();
          this.nodeRoles.kick();
          break;
        case 'cluster':
        case 'token':
        case 'audit':
          if (this.pruner.overCount()) this.auditPruner.kick();
          break;
        case 'user':
        case 'session':
          break;
      }
    }
  }
}
