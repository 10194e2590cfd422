import { resourceHostConfig } from './resources';

describe('resourceHostConfig', () => {
  it('maps limits and the memory reservation to HostConfig, and leaves out what is not set', () => {
    expect(resourceHostConfig(undefined)).toEqual({});
    expect(resourceHostConfig({ reservations: { nanoCpus: 1e9 } })).toEqual({});
    expect(resourceHostConfig({ reservations: { nanoCpus: 5e8, memoryBytes: 2 ** 26 }, limits: { nanoCpus: 1.5e9, memoryBytes: 2 ** 27, pids: 64 } })).toEqual({
      NanoCpus: 1.5e9,
      Memory: 2 ** 27,
      MemoryReservation: 2 ** 26,
      PidsLimit: 64,
    });
  });
});
