import { loadConfig } from './config';

describe('the cluster address managers and agents are told', () => {
  it('is the listen address when that names one host', () => {
    expect(loadConfig({ SHOAL_CLUSTER_ADDR: '10.0.0.5:4001' }).clusterAdvertise).toBe('10.0.0.5:4001');
    expect(loadConfig({ SHOAL_CLUSTER_ADDR: '[::1]:4001' }).clusterAdvertise).toBe('[::1]:4001');
    expect(loadConfig({}).clusterAdvertise).toBe('127.0.0.1:4001');
  });

  it('is SHOAL_CLUSTER_ADVERTISE_ADDR when given, while the listener binds every interface', () => {
    const config = loadConfig({ SHOAL_CLUSTER_ADDR: '0.0.0.0:4001', SHOAL_CLUSTER_ADVERTISE_ADDR: 'manager-1.example:4001' });
    expect(config).toMatchObject({ clusterHost: '0.0.0.0', clusterPort: 4001, clusterAdvertise: 'manager-1.example:4001' });
  });

  it('is required for a wildcard listen address, and may not be one itself', () => {
    expect(() => loadConfig({ SHOAL_CLUSTER_ADDR: '0.0.0.0:4001' })).toThrow(
      'SHOAL_CLUSTER_ADDR 0.0.0.0:4001 listens on every interface: set SHOAL_CLUSTER_ADVERTISE_ADDR to the HOST:PORT other managers and agents reach this manager at',
    );
    expect(() => loadConfig({ SHOAL_CLUSTER_ADDR: '[::]:4001' })).toThrow(/listens on every interface/);
    expect(() => loadConfig({ SHOAL_CLUSTER_ADDR: '0.0.0.0:4001', SHOAL_CLUSTER_ADVERTISE_ADDR: '0.0.0.0:4001' })).toThrow(
      'SHOAL_CLUSTER_ADVERTISE_ADDR must name a host others can reach, not "0.0.0.0:4001"',
    );
    expect(() => loadConfig({ SHOAL_CLUSTER_ADVERTISE_ADDR: 'nohost' })).toThrow('SHOAL_CLUSTER_ADVERTISE_ADDR must be HOST:PORT, got "nohost"');
  });
});
