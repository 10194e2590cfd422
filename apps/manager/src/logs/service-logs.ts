import { Injectable } from '@nestjs/common';
import { TaskState } from '@shoal/protocol';
import { ShoalError } from '../common/errors';
import { RaftHost } from '../raft/raft-host';
import type { TaskObject } from '../store/objects';
import { Store } from '../store/store';
import { AgentLogs } from './agent-logs';
import { forwardLogs } from './log-forwarding';
import { LogsRequest, LogsSink, TaskLogLine, matcher } from './logs-request';

/** States in which a task has (or had) a container whose logs the engine may still keep. */
const RAN = new Set<TaskState>([TaskState.STARTING, TaskState.RUNNING, TaskState.COMPLETE, TaskState.SHUTDOWN, TaskState.FAILED]);
/** States in which a task's container still runs: a followed stream cut short resumes. */
const LIVE = new Set<TaskState>([TaskState.STARTING, TaskState.RUNNING]);
const RESUME_MS = 1000;

/**
 * A service's logs: one stream per task, asked of the agent that runs it, merged into
 * one flow of lines tagged with task, slot and node. Agents hold sessions only with the
 * leader, so a follower forwards the request to the leader over the cluster port.
 */
@Injectable()
export class ServiceLogs {
  constructor(
    private readonly store: Store,
    private readonly agents: AgentLogs,
    private readonly raft: RaftHost,
  ) {}

  /** Streams the logs to the sink; the returned function stops them. */
  open(req: LogsRequest, sink: LogsSink): () => void {
    if (this.raft.isLeading()) return this.openHere(req, sink);
    const leader = this.raft.leaderAddress();
    if (!leader || !this.raft.secret) {
      sink.end(new ShoalError('UNAVAILABLE', 'no leader is elected: agents stream logs through the leader; retry in a moment'));
      return () => undefined;
    }
    return forwardLogs(leader, this.raft.memberId, this.raft.secret, req, sink);
  }

  /** Streams from the agents connected to this manager (the leader). */
  openHere(req: LogsRequest, sink: LogsSink): () => void {
    const streams = new Map<string, () => void>();
    const ended = new Set<string>();
    /** The last line's timestamp per task: a resumed stream starts after it. */
    const last = new Map<string, string>();
    const timers = new Set<NodeJS.Timeout>();
    const matches = matcher(req.search);
    let finished = false;
    let unwatch: (() => void) | undefined;

    const finish = (error?: ShoalError): void => {
      if (finished) return;
      finished = true;
      unwatch?.();
      offLeading();
      for (const t of timers) clearTimeout(t);
      for (const cancel of streams.values()) cancel();
      sink.end(error);
    };
    // Sessions move to the next leader: a client retries there (through any manager).
    const offLeading = this.raft.onLeading((leading) => {
      if (!leading) finish(new ShoalError('UNAVAILABLE', 'this manager stopped leading while streaming logs; retry'));
    });

    /** Following: a stream cut short (the node's session dropped) resumes after its last line while the task runs. */
    const resumeLater = (taskId: string, nodeId: string): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const task = this.store.task(taskId);
        if (!task || task.nodeId !== nodeId || !LIVE.has(task.status.state)) return;
        streams.delete(taskId);
        ended.delete(taskId);
        start(task);
      }, RESUME_MS);
      timers.add(timer);
    };

    const start = (task: TaskObject): void => {
      if (finished || streams.has(task.id) || !task.nodeId || !RAN.has(task.status.state)) return;
      if (req.taskIds && !req.taskIds.includes(task.id)) return;
      const nodeId = task.nodeId;
      const hostname = this.store.node(nodeId)?.description.hostname ?? '';
      const after = last.get(task.id);
      const ask = after
        ? { taskId: task.id, follow: true, since: Math.floor(Date.parse(after) / 1000) }
        : { taskId: task.id, follow: req.follow, tail: req.tail, since: req.since };
      const cancel = this.agents.open(nodeId, ask, {
        lines: (entries) => {
          const seen = last.get(task.id);
          const fresh = seen ? entries.filter((e) => e.timestamp > seen) : entries;
          if (fresh.length === 0 || finished) return;
          last.set(task.id, fresh[fresh.length - 1].timestamp);
          const lines = fresh
            .filter((e) => matches(e.text))
            .map((e): TaskLogLine => ({ taskId: task.id, slot: task.slot, nodeId, hostname, stream: e.stream, timestamp: e.timestamp, text: e.text }));
          if (lines.length > 0) sink.batch(lines, 0);
        },
        // A task without logs (its container removed, its node gone) adds nothing; the others go on.
        end: (error) => {
          ended.add(task.id);
          if (req.follow) {
            if (error) resumeLater(task.id, nodeId);
          } else if (ended.size === streams.size) finish();
        },
      });
      streams.set(task.id, cancel);
    };

    for (const task of this.store.tasks({ serviceId: req.serviceId })) start(task);
    if (!req.follow) {
      if (streams.size === 0) queueMicrotask(() => finish());
    } else {
      // Following: tasks that start later (scaling, replacements) join the stream.
      unwatch = this.store.watch((set) => {
        for (const c of set.changes) {
          if (c.kind === 'service' && c.action === 'REMOVED' && c.object.id === req.serviceId) return finish();
          if (c.kind === 'task' && c.action !== 'REMOVED' && (c.object as TaskObject).serviceId === req.serviceId) start(c.object as TaskObject);
        }
      });
    }
    return () => finish();
  }
}
