import { StoreFixture } from '../testing/store.fixture';
import { ClusterSettingsService } from './cluster-settings.service';

describe('ClusterSettingsService', () => {
  let f: StoreFixture;
  let s: ClusterSettingsService;
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    s = new ClusterSettingsService(f.store, f.proposer);
  });
  afterEach(() => f.close());

  it('changes the heartbeat period and grace given, keeping the others', async () => {
    const c = await s.update({ heartbeatPeriodMs: 500, heartbeatGrace: 4 });
    expect(c.settings).toEqual({ heartbeatPeriodMs: 500, heartbeatGrace: 4, taskHistoryLimit: 5, restartDelayMs: 0 });
    expect((await s.update({ heartbeatGrace: 2 })).settings).toMatchObject({ heartbeatPeriodMs: 500, heartbeatGrace: 2 });
  });

  it.each([
    [{ heartbeatPeriodMs: 99 }, 'input.heartbeatPeriodMs', /from 100 to 60000/],
    [{ heartbeatPeriodMs: 60_001 }, 'input.heartbeatPeriodMs', /from 100 to 60000/],
    [{ heartbeatPeriodMs: 250.5 }, 'input.heartbeatPeriodMs', /whole number/],
    [{ heartbeatGrace: 1 }, 'input.heartbeatGrace', /from 2 to 100/],
    [{ heartbeatPeriodMs: 500, heartbeatGrace: 101 }, 'input.heartbeatGrace', /from 2 to 100/],
  ])('refuses %j with a coded field error and writes nothing', async (changes, field, message) => {
    const index = f.store.appliedIndex;
    await expect(s.update(changes)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });
    expect(f.store.appliedIndex).toBe(index);
    expect(f.store.cluster()!.settings).toMatchObject({ heartbeatPeriodMs: 1000, heartbeatGrace: 3 });
  });
});
