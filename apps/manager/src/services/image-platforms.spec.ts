import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaskState } from '@shoal/protocol';
import { ReplicatedOrchestrator } from '../orchestrator/replicated/replicated.orchestrator';
import { SchedulerLoop } from '../scheduler/scheduler.loop';
import { StoreFixture } from '../testing/store.fixture';
import { parseReference, resolveImagePlatforms } from './image-platforms';
import { ServicesService } from './services.service';

/** A registry answering the distribution API's manifest and blob requests from a map of paths. */
function registry(paths: Record<string, unknown>): Promise<{ server: Server; host: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.accept ?? ''}`);
    const body = paths[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { errors: [{ code: 'MANIFEST_UNKNOWN' }] }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests })),
  );
}

const INDEX = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { digest: 'sha256:a', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    { digest: 'sha256:b', platform: { os: 'linux', architecture: 's390x' } },
    { digest: 'sha256:c', platform: { os: 'unknown', architecture: 'unknown' } },
  ],
};

describe('image platforms', () => {
  let reg: Awaited<ReturnType<typeof registry>>;
  beforeAll(async () => {
    reg = await registry({
      '/v2/team/app/manifests/1': INDEX,
      '/v2/single/manifests/latest': { config: { digest: 'sha256:cfg' } },
      '/v2/single/blobs/sha256:cfg': { os: 'linux', architecture: 'amd64' },
    });
  });
  afterAll(() => new Promise((resolve) => reg.server.close(resolve)));

  it('reads a registry host, repository and tag or digest the way Docker does, and leaves Docker Hub images alone', () => {
    expect(parseReference('localhost:5000/team/app:1')).toEqual({ registry: 'localhost:5000', repository: 'team/app', reference: '1' });
    expect(parseReference('registry.example/app@sha256:ab')).toEqual({ registry: 'registry.example', repository: 'app', reference: 'sha256:ab' });
    expect(parseReference('registry.example/app')?.reference).toBe('latest');
    expect(parseReference('registry.example/team/app:1@sha256:ab')).toEqual({ registry: 'registry.example', repository: 'team/app', reference: 'sha256:ab' });
    expect(parseReference('busybox:1')).toBeUndefined();
    expect(parseReference('library/busybox')).toBeUndefined();
    expect(parseReference('docker.io/library/busybox')).toBeUndefined();
  });

  it("lists a manifest list's platforms without attestations, and a single manifest's from its config", async () => {
    expect(await resolveImagePlatforms(`${reg.host}/team/app:1`)).toEqual([
      { os: 'linux', arch: 'arm64' },
      { os: 'linux', arch: 's390x' },
    ]);
    expect(reg.requests[0]).toMatch(/application\/vnd.oci.image.index.v1\+json/);
    expect(await resolveImagePlatforms(`${reg.host}/single`)).toEqual([{ os: 'linux', arch: 'amd64' }]);
  });

  it('says nothing (any node) for an unknown image or a registry that does not answer', async () => {
    expect(await resolveImagePlatforms(`${reg.host}/missing:1`)).toBeUndefined();
    expect(await resolveImagePlatforms('127.0.0.1:1/app:1')).toBeUndefined();
  });

  it('answers a Bearer challenge with an anonymous token from the realm, and gives up on a Basic one', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      seen.push(`${url.pathname}${url.search} ${req.headers.authorization ?? '-'}`);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/token')
        return url.searchParams.get('scope') === 'repository:team/app:pull' && url.searchParams.get('service') === 'reg'
          ? json(200, { token: 'anon' })
          : json(403, {});
      if (url.pathname.startsWith('/v2/basic/')) return json(401, {}, { 'www-authenticate': 'Basic realm="reg"' });
      if (req.headers.authorization !== 'Bearer anon')
        return json(401, {}, { 'www-authenticate': `Bearer realm="http://${host}/token",service="reg",scope="repository:team/app:pull"` });
      if (url.pathname === '/v2/team/app/manifests/1') return json(200, { config: { digest: 'sha256:cfg' } });
      if (url.pathname === '/v2/team/app/blobs/sha256:cfg') return json(200, { os: 'linux', architecture: 'arm64' });
      json(404, {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await resolveImagePlatforms(`${host}/team/app:1`)).toEqual([{ os: 'linux', arch: 'arm64' }]);
      // One token, asked once, then used for the config blob too.
      expect(seen).toEqual([
        '/v2/team/app/manifests/1 -',
        '/token?service=reg&scope=repository%3Ateam%2Fapp%3Apull -',
        '/v2/team/app/manifests/1 Bearer anon',
        '/v2/team/app/blobs/sha256:cfg Bearer anon',
      ]);
      expect(await resolveImagePlatforms(`${host}/basic/app:1`)).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  describe('through createService to the scheduler', () => {
    let f: StoreFixture;
    beforeEach(async () => {
      f = await StoreFixture.open();
      await f.cluster();
      await f.node('n1'); // linux/amd64
    });
    afterEach(() => f.close());

    it('keeps the tasks of an image built for other platforms pending, saying why, and places them once the image changes', async () => {
      const services = new ServicesService(f.store, f.proposer);
      const orchestrator = new ReplicatedOrchestrator(f.store, f.proposer);
      const scheduler = new SchedulerLoop(f.store, f.proposer);
      const web = await services.create({ name: 'web', image: `${reg.host}/team/app:1`, replicas: 1 });
      expect(f.store.service(web.id)!.imagePlatforms?.platforms).toHaveLength(2);
      await orchestrator.run();
      await scheduler.run();
      const [task] = f.store.tasks({ serviceId: web.id });
      expect(task.status).toMatchObject({
        state: TaskState.PENDING,
        message: 'no suitable node (1 node: 1 node is linux/amd64, not a platform the image is built for (linux/arm64, linux/s390x))',
      });

      await services.update(web.id, f.store.service(web.id)!.version, { image: `${reg.host}/single` });
      await orchestrator.run();
      await scheduler.run();
      const placed = f.store.tasks({ serviceId: web.id }).filter((t) => t.spec.image.endsWith('/single'));
      expect(placed.map((t) => [t.nodeId, t.status.state])).toEqual([['n1', TaskState.ASSIGNED]]);
    });
  });
});
