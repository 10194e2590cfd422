import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TaskState } from '@shoal/protocol';
import { ReplicatedOrchestrator } from '../orchestrator/replicated/replicated.orchestrator';
import { SchedulerLoop } from '../scheduler/scheduler.loop';
import { StoreFixture } from '../testing/store.fixture';
import { createHash } from 'node:crypto';
import { parseReference, resolveImage } from './resolve-image';

const resolveImagePlatforms = async (image: string) => (await resolveImage(image))?.platforms;
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

  it("gives the manifest's digest: the registry's Docker-Content-Digest, or the sha256 of the bytes it sent", async () => {
    const body = JSON.stringify(INDEX);
    expect((await resolveImage(`${reg.host}/team/app:1`))?.digest).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
    const digest = `sha256:${'d'.repeat(64)}`;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'docker-content-digest': digest });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      expect(await resolveImage(`127.0.0.1:${(server.address() as AddressInfo).port}/team/app:1`)).toEqual({
        digest,
        platforms: [
          { os: 'linux', arch: 'arm64' },
          { os: 'linux', arch: 's390x' },
        ],
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
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
      const placed = f.store.tasks({ serviceId: web.id }).filter((t) => t.spec.image.includes('/single@sha256:'));
      expect(placed.map((t) => [t.nodeId, t.status.state])).toEqual([['n1', TaskState.ASSIGNED]]);
    });
  });
});

/** Pinning through the use cases, against a registry whose tag can be re-pushed. */
describe('digest pinning', () => {
  let f: StoreFixture;
  let services: ServicesService;
  let reg: Awaited<ReturnType<typeof registry>>;
  const paths: Record<string, unknown> = {};
  const push = (config: string) => {
    paths['/v2/app/manifests/1'] = { config: { digest: config } };
    paths[`/v2/app/blobs/${config}`] = { os: 'linux', architecture: 'amd64' };
    return `sha256:${createHash('sha256').update(JSON.stringify(paths['/v2/app/manifests/1'])).digest('hex')}`;
  };
  const manifestGets = () => reg.requests.filter((r) => r.startsWith('/v2/app/manifests/')).length;
  const image = () => f.store.serviceNamed('s1')!.spec.image;
  beforeAll(async () => {
    reg = await registry(paths);
  });
  afterAll(() => new Promise((resolve) => reg.server.close(resolve)));
  beforeEach(async () => {
    f = await StoreFixture.open();
    await f.cluster();
    services = new ServicesService(f.store, f.proposer);
  });
  afterEach(() => f.close());
  const create = async (img: string, mode?: 'ALWAYS' | 'CHANGED' | 'NEVER') => (await services.create({ name: 's1', image: img, replicas: 1 }, mode)).id;
  const update = async (patch: { image?: string; env?: string[] }, mode?: 'ALWAYS' | 'CHANGED' | 'NEVER') =>
    services.update(f.store.serviceNamed('s1')!.id, f.store.serviceNamed('s1')!.version, patch, { resolveImage: mode });

  it('pins a tag to the digest it names at create, and keeps the pin through an update that names no image', async () => {
    const first = push('sha256:one');
    const id = await create(`${reg.host}/app:1`);
    expect(f.store.service(id)!.spec.image).toBe(`${reg.host}/app:1@${first}`);
    expect(f.store.service(id)!.imagePlatforms).toEqual({ image: `${reg.host}/app:1@${first}`, platforms: [{ os: 'linux', arch: 'amd64' }] });
    push('sha256:two'); // the tag moves on
    const asked = manifestGets();
    await update({ env: ['A=1'] });
    expect(image()).toBe(`${reg.host}/app:1@${first}`);
    expect(manifestGets()).toBe(asked); // nothing named, nothing asked
  });

  it('re-pins when an update names the tag again (CHANGED) or always (ALWAYS), and not with NEVER', async () => {
    const first = push('sha256:one');
    await create(`${reg.host}/app:1`);
    const second = push('sha256:two');
    await update({ image: `${reg.host}/app:1` }, 'NEVER');
    expect(image()).toBe(`${reg.host}/app:1`);
    await update({ image: `${reg.host}/app:1@${first}` });
    expect(image()).toBe(`${reg.host}/app:1@${first}`); // a digest given is kept
    await update({ env: ['A=1'] }, 'ALWAYS');
    expect(image()).toBe(`${reg.host}/app:1@${second}`);
    expect(f.store.serviceNamed('s1')!.previousSpec?.image).toBe(`${reg.host}/app:1@${first}`);
    const third = push('sha256:three');
    await update({ image: `${reg.host}/app:1` });
    expect(image()).toBe(`${reg.host}/app:1@${third}`);
  });

  it('stores the image as given with NEVER, or where no registry answers', async () => {
    push('sha256:one');
    await create(`${reg.host}/app:1`, 'NEVER');
    expect(image()).toBe(`${reg.host}/app:1`);
    expect(f.store.serviceNamed('s1')!.imagePlatforms?.platforms).toEqual([{ os: 'linux', arch: 'amd64' }]);
    await update({ image: '127.0.0.1:1/app:1' });
    expect(image()).toBe('127.0.0.1:1/app:1');
    await update({ image: 'busybox:1' });
    expect(image()).toBe('busybox:1');
  });
});
