import { TaskState, isAgentState, isForward, isTerminal } from './task-state';

describe('task states', () => {
  it('moves only forward through the lifecycle', () => {
    expect(isForward(TaskState.ASSIGNED, TaskState.RUNNING)).toBe(true);
    expect(isForward(TaskState.RUNNING, TaskState.STARTING)).toBe(false);
    expect(isForward(TaskState.RUNNING, TaskState.RUNNING)).toBe(false);
  });

  it('treats every terminal state as final, whichever came first', () => {
    expect(isForward(TaskState.RUNNING, TaskState.FAILED)).toBe(true);
    expect(isForward(TaskState.FAILED, TaskState.SHUTDOWN)).toBe(false);
    expect(isForward(TaskState.COMPLETE, TaskState.FAILED)).toBe(false);
    expect([TaskState.COMPLETE, TaskState.SHUTDOWN, TaskState.FAILED, TaskState.REJECTED, TaskState.ORPHANED].every(isTerminal)).toBe(true);
    expect(isTerminal(TaskState.RUNNING)).toBe(false);
  });

  it('lets agents report only the states after ASSIGNED', () => {
    expect(isAgentState(TaskState.ASSIGNED)).toBe(false);
    expect(isAgentState(TaskState.PENDING)).toBe(false);
    expect(isAgentState(TaskState.ACCEPTED)).toBe(true);
    expect(isAgentState(TaskState.FAILED)).toBe(true);
  });
});
