import { ShoalError } from '../common/errors';
import type { ServiceSpec } from '../store/objects';
import { validateServiceSpec } from './service-spec.validation';

const ok: ServiceSpec = { name: 'web', image: 'shoal-test/busybox:1', replicas: 3 };

function fieldOf(spec: Partial<ServiceSpec>): string | undefined {
  try {
    validateServiceSpec({ ...ok, ...spec });
  } catch (e) {
    expect(e).toBeInstanceOf(ShoalError);
    expect((e as ShoalError).code).toBe('BAD_USER_INPUT');
    return (e as ShoalError).field;
  }
  return undefined;
}

describe('update and rollback configs', () => {
  it('accepts every field in range', () => {
    const c = {
      parallelism: 0,
      delayMs: 0,
      failureAction: 'ROLLBACK',
      monitorMs: 30_000,
      startTimeoutMs: 600_000,
      maxFailureRatio: 1,
      order: 'START_FIRST',
    } as const;
    expect(fieldOf({ updateConfig: c, rollbackConfig: { ...c, failureAction: 'CONTINUE' } })).toBeUndefined();
  });

  it.each([
    [{ updateConfig: { parallelism: -1 } }, 'input.updateConfig.parallelism'],
    [{ updateConfig: { parallelism: 1.5 } }, 'input.updateConfig.parallelism'],
    [{ updateConfig: { delayMs: -5 } }, 'input.updateConfig.delayMs'],
    [{ updateConfig: { monitorMs: 1e12 } }, 'input.updateConfig.monitorMs'],
    [{ updateConfig: { startTimeoutMs: -1 } }, 'input.updateConfig.startTimeoutMs'],
    [{ updateConfig: { maxFailureRatio: 1.01 } }, 'input.updateConfig.maxFailureRatio'],
    [{ updateConfig: { maxFailureRatio: Number.NaN } }, 'input.updateConfig.maxFailureRatio'],
    [{ updateConfig: { failureAction: 'RETRY' } }, 'input.updateConfig.failureAction'],
    [{ updateConfig: { order: 'ANY' } }, 'input.updateConfig.order'],
    [{ rollbackConfig: { failureAction: 'ROLLBACK' } }, 'input.rollbackConfig.failureAction'],
  ] as [Partial<ServiceSpec>, string][])('refuses %j at %s', (spec, field) => {
    expect(fieldOf(spec)).toBe(field);
  });
});
