import { Injectable } from '@nestjs/common';
import { DesiredState, TaskState, isTerminal, isWanted } from '@shoal/protocol';
import { newId } from '../../common/ids';
import { containerSpecOf, taskKey } from '../../services/container-spec';
import type { StoreAction } from '../../store/actions';
import { type ServiceObject, type TaskObject, isJob, isPerNode } from '../../store/objects';
import { Proposer } from '../../store/proposer';
import { Store } from '../../store/store';
import { misplacedTasks } from '../enforcer/constraint-enforcer';
import { globalNodes } from '../global/global-nodes';
import { restartDecision } from '../restart/restart-policy';
import { type SlotView, activeConfig, rollingUpdate } from '../update/rolling-update';

/**
 * Keeps every service's slots filled: a replicated service's slots 1..replicas, a
 * global service's nodes (../global: ready, not drained, matching its constraints; a
 * task of slot 0 pinned with targetNodeId). Each slot is filled with exactly one task that
 * runs the current spec. A task that ended, or sits on a down or drained node, is shut
 * down and replaced — a task that ended on its own only as the service's restart policy
 * says (../restart). A task of an old spec is replaced by the rolling update, batch by
 * batch (../update), which also moves the service's update status. Slots above
 * `replicas` are shut down. Tasks of removed services are shut down. A task on a node
 * that no longer suits it (../enforcer: constraints, shrunk resources) is shut down and
 * its slot refilled at once, as for a drained node. Only desired
 * state, new tasks and update status are written here.
 */
interface Pass {
  clock: Date;
  now: string;
  nowMs: number;
  restartDelayMs: number;
  actions: StoreAction[];
  shutdown: (t: TaskObject) => void;
  later: (at: number) => void;
}

@Injectable()
export class ReplicatedOrchestrator {
  constructor(
    private readonly store: Store,
    private readonly proposer: Proposer,
  ) {}

  /** Replaced in tests. */
  clock: () => Date = () => new Date();

  /** Tasks whose node no longer suits them, with why; computed at the start of each plan. */
  private misplaced = new Map<string, string>();

  /**
   * The actions that would reconcile the store now (exposed for tests), and when to
   * look again for slots whose replacement waits out its restart delay.
   */
  plan(): { actions: StoreAction[]; wakeAt?: number } {
    const clock = this.clock();
    const now = clock.toISOString();
    let wakeAt: number | undefined;
    const later = (at: number): void => {
      wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
    };
    const actions: StoreAction[] = [];
    const shutdown = (t: TaskObject): void => {
      actions.push({ op: 'patch', kind: 'task', id: t.id, ifExists: true, fields: { desiredState: DesiredState.SHUTDOWN } });
    };
    const restartDelayMs = this.store.cluster()?.settings.restartDelayMs ?? 1000;
    this.misplaced = misplacedTasks(this.store.nodes(), this.store.tasks({ desiredState: DesiredState.RUNNING }));
    for (const service of this.store.services()) {
      this.reconcile(service, { clock, now, nowMs: clock.getTime(), restartDelayMs, actions, shutdown, later });
    }
    for (const desiredState of [DesiredState.RUNNING, DesiredState.READY]) {
      for (const t of this.store.tasks({ desiredState })) if (!this.store.service(t.serviceId)) shutdown(t);
    }
    return { actions, wakeAt };
  }

  /** Returns how long until the next delayed replacement is due, if any. */
  async run(): Promise<number | undefined> {
    const { actions, wakeAt } = this.plan();
    if (actions.length > 0) await this.proposer.propose(actions);
    return wakeAt === undefined ? undefined : Math.max(0, wakeAt - this.clock().getTime());
  }

  private reconcile(service: ServiceObject, pass: Pass): void {
    const { now, actions, shutdown } = pass;
    const spec = containerSpecOf(service.spec);
    const key = taskKey(spec, service.spec.placement);
    const keyOf = (t: TaskObject): string => taskKey(t.spec, t.placement);
    // Every task of the service by slot, newest first: the slot's history. Read once per run.
    const bySlot = new Map<number, TaskObject[]>();
    for (const t of this.store.tasks({ serviceId: service.id })) {
      const list = bySlot.get(t.slot);
      if (list) list.push(t);
      else bySlot.set(t.slot, [t]);
    }
    for (const list of bySlot.values()) list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    const config = activeConfig(service);
    const slots: SlotView[] = [];
    const historyOf = new Map<number, TaskObject[]>();
    const global = isPerNode(service.spec.mode);
    const job = isJob(service.spec.mode);
    // A job's slot whose latest task of the current spec exited 0 is done: never refilled.
    const done = (history: readonly TaskObject[]): boolean => job && history[0]?.status.state === TaskState.COMPLETE && keyOf(history[0]) === key;
    // A global service's slots are its nodes: task slot 0, pinned with targetNodeId.
    const nodeOfSlot = new Map<number, string>();
    const byNode = new Map<string, TaskObject[]>();
    if (global) {
      for (const list of bySlot.values()) {
        for (const t of list) {
          const node = t.targetNodeId ?? t.nodeId ?? '';
          const l = byNode.get(node);
          if (l) l.push(t);
          else byNode.set(node, [t]);
        }
      }
    }
    const newTask = (slot: number, restarts?: string[], after?: TaskObject): void => {
      const targetNodeId = nodeOfSlot.get(slot);
      actions.push({
        op: 'create',
        kind: 'task',
        object: {
          id: newId(),
          createdAt: now,
          serviceId: service.id,
          serviceName: service.spec.name,
          slot: targetNodeId ? 0 : slot,
          nodeId: null,
          ...(targetNodeId ? { targetNodeId } : {}),
          // Stop-first: not scheduled before the task it replaces has stopped (see promote below).
          desiredState: after ? DesiredState.READY : DesiredState.RUNNING,
          status: { state: TaskState.PENDING, message: after ? `waiting for task ${after.id} to stop` : 'waiting for the scheduler', timestamp: now },
          spec,
          ...(restarts ? { restarts } : {}),
          ...(service.spec.placement ? { placement: service.spec.placement } : {}),
          ...(service.imagePlatforms?.image === service.spec.image ? { platforms: service.imagePlatforms.platforms } : {}),
        },
      });
    };
    // [slot, its history newest first, whether an empty slot gets a new task]
    const wanted: [number, TaskObject[], boolean][] = [];
    if (global) {
      const kept = globalNodes(this.store.nodes(), service);
      kept.forEach((n, i) => {
        nodeOfSlot.set(i + 1, n.id);
        wanted.push([i + 1, byNode.get(n.id) ?? [], n.availability === 'ACTIVE']);
      });
      const keptIds = new Set(kept.map((n) => n.id));
      for (const [node, tasks] of byNode) {
        if (!keptIds.has(node)) tasks.filter((t) => isWanted(t.desiredState)).forEach(shutdown);
      }
    } else {
      const count = service.spec.mode === 'REPLICATED_JOB' ? (service.spec.job?.totalCompletions ?? 0) : service.spec.replicas;
      for (let slot = 1; slot <= count; slot++) wanted.push([slot, bySlot.get(slot) ?? [], true]);
    }
    // A replicated job starts new tasks while fewer than maxConcurrent of its slots are busy.
    let room = service.spec.mode === 'REPLICATED_JOB' ? (service.spec.job?.maxConcurrent ?? 1) : Infinity;
    if (job) {
      for (const [, history] of wanted) {
        if (!done(history) && history.some((t) => isWanted(t.desiredState) && this.healthy(t) && keyOf(t) === key)) room--;
      }
    }
    for (const [slot, history, fill] of wanted) {
      if (done(history)) continue;
      const candidates = history.filter((t) => isWanted(t.desiredState) && this.healthy(t));
      const current = candidates.find((t) => keyOf(t) === key);
      // An outdated task keeps its slot until the rolling update reaches it, and under
      // start-first until the new task of its slot runs. A job's is replaced at once.
      const startFirst = config.order === 'START_FIRST' && current?.status.state !== TaskState.RUNNING;
      const outdated = !job && (!current || startFirst) ? candidates.find((t) => keyOf(t) !== key) : undefined;
      for (const t of history) if (isWanted(t.desiredState) && t !== current && t !== outdated) shutdown(t);
      if (current?.desiredState === DesiredState.READY && !history.some((t) => t !== current && this.stopping(t))) {
        actions.push({
          op: 'patch',
          kind: 'task',
          id: current.id,
          ifExists: true,
          fields: { desiredState: DesiredState.RUNNING, status: { ...current.status, message: 'waiting for the scheduler', timestamp: now } },
        });
      }
      slots.push({ slot, current, outdated });
      historyOf.set(slot, history);
      if (current || outdated || !fill) continue;
      if (room <= 0) continue;
      const decision = restartDecision(service.spec.restartPolicy, history, key, keyOf, pass.restartDelayMs);
      if (!decision.replace) continue; // the restart policy leaves the slot empty (Service.stoppedSlots says why)
      if (decision.dueMs > pass.nowMs) {
        pass.later(decision.dueMs);
        continue;
      }
      newTask(slot, decision.restarts);
      room--;
    }
    if (job) {
      for (const [slot, tasks] of bySlot) {
        if (!global && slot > wanted.length) tasks.filter((t) => isWanted(t.desiredState)).forEach(shutdown);
      }
      return; // a job has no rolling update: a new spec runs every slot again
    }
    const step = rollingUpdate(service, slots, [...bySlot.values()].flat(), (t) => keyOf(t) === key, pass.clock);
    if (step.wakeAt !== undefined) pass.later(step.wakeAt);
    for (const slot of step.replace) {
      const old = slots.find((s) => s.slot === slot)?.outdated;
      const stopFirst = old !== undefined && config.order === 'STOP_FIRST';
      if (stopFirst) shutdown(old);
      // Under stop-first a new task never runs beside a task of its slot still stopping: the
      // one it replaces, or an older one (a rollback that comes while a slot waits).
      const holder = stopFirst ? (this.stopping(old, true) ? old : (historyOf.get(slot) ?? []).find((t) => t !== old && this.stopping(t))) : undefined;
      newTask(slot, undefined, holder);
    }
    if (step.rollback) {
      const fields = { spec: service.previousSpec!, previousSpec: service.spec, updateStatus: step.status };
      actions.push({ op: 'patch', kind: 'service', id: service.id, expectedVersion: service.version, fields });
    } else if (step.status) {
      actions.push({ op: 'patch', kind: 'service', id: service.id, expectedVersion: service.version, fields: { updateStatus: step.status } });
    }
    for (const [slot, tasks] of bySlot) {
      if (!global && slot > service.spec.replicas) tasks.filter((t) => isWanted(t.desiredState)).forEach(shutdown);
    }
  }

  /**
   * A task on its way down that may still hold its container: asked to shut down (or
   * about to be, with `asked`), on a node that can still report it stopped. A task never
   * placed, or on a down or missing node, holds nothing the new task could run into.
   */
  private stopping(t: TaskObject, asked = false): boolean {
    if (!asked && t.desiredState !== DesiredState.SHUTDOWN) return false;
    if (isTerminal(t.status.state) || !t.nodeId) return false;
    const node = this.store.node(t.nodeId);
    return node !== undefined && node.status.state !== 'DOWN';
  }

  /**
   * A task that may still be running its slot: not ended, and not on a down, drained or
   * missing node, nor on one that no longer suits it.
   */
  private healthy(t: TaskObject): boolean {
    if (isTerminal(t.status.state)) return false;
    if (!t.nodeId) return true;
    if (this.misplaced.has(t.id)) return false;
    const node = this.store.node(t.nodeId);
    return node !== undefined && node.status.state !== 'DOWN' && node.availability !== 'DRAIN';
  }
}
