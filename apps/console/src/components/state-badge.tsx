import { taskTone, type TaskState, type Tone } from '../model/task-state';

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function TaskStateBadge({ state }: { state: TaskState }) {
  return <Badge tone={taskTone(state)}>{state}</Badge>;
}

export function NodeStateBadge({ state }: { state: 'READY' | 'DOWN' | 'UNKNOWN' }) {
  return <Badge tone={state === 'READY' ? 'ok' : state === 'DOWN' ? 'bad' : 'idle'}>{state}</Badge>;
}

export function AvailabilityBadge({ availability }: { availability: 'ACTIVE' | 'PAUSE' | 'DRAIN' }) {
  return <Badge tone={availability === 'ACTIVE' ? 'ok' : 'progress'}>{availability}</Badge>;
}
