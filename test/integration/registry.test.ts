import Docker from 'dockerode';
import { SLEEPER_ARGS, TEST_IMAGE, TestCluster, TestRegistry, runCli, startCluster, startRegistry, waitFor } from '@shoal/testing';

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $v, input: $input) { id version } }`;
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

interface Task {
  status: { state: string; message: string };
}
interface Report {
  summary: string | null;
  nodes: { nodeId: string; eligible: boolean; reasons: string[] }[];
}
interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

/**
 * Images from a real registry (Debian's docker-registry, on a free loopback port): the
 * agent pulls them, and the manager reads their platforms from it for the scheduler.
 */
describe('images from a registry', () => {
  let c: TestCluster;
  let reg: TestRegistry;
  const docker = new Docker();
  /** The test image's manifest digest in the registry, and its arm64 twin's. */
  let amd64: { digest: string; size: number; manifest: { config: Descriptor; layers: Descriptor[] } };
  let arm64: { digest: string; size: number };
  const notHere = 'no suitable node (1 node: 1 node is linux/amd64, not a platform the image is built for (linux/arm64))';

  beforeAll(async () => {
    reg = await startRegistry();
    c = await startCluster();
    const digest = await reg.push(TEST_IMAGE, 'shoal-test/busybox:1');
    const res = await fetch(`${reg.url}/v2/shoal-test/busybox/manifests/${digest}`, { headers: { accept: DOCKER_MANIFEST } });
    const raw = await res.text();
    amd64 = { digest, size: Buffer.byteLength(raw), manifest: JSON.parse(raw) as typeof amd64.manifest };
    arm64 = await pushArm64('shoal-test/arm', '1');
  });
  /** The token-authenticated registry, once a test started it. */
  let authed: TestRegistry | undefined;
  afterAll(async () => {
    // Containers first: the engine keeps a tag a container still uses.
    await c?.stop();
    for (const r of [authed, reg]) {
      await r?.untagLocal();
      await r?.stop();
    }
  });

  /**
   * Writes an image whose config says linux/arm64 with the test image's (amd64) layer,
   * through the distribution API: no arm64 binaries needed, and no node here may run it.
   */
  function pushArm64(repository: string, tag: string, mediaType = DOCKER_MANIFEST): Promise<{ digest: string; size: number }> {
    return pushVariant(repository, tag, { architecture: 'arm64', mediaType });
  }

  /** The test image's layers under another config: another architecture, or a `variant` label (so another digest). */
  async function pushVariant(
    repository: string,
    tag: string,
    { architecture = 'amd64', label, mediaType = DOCKER_MANIFEST }: { architecture?: string; label?: string; mediaType?: string },
  ): Promise<{ digest: string; size: number }> {
    const cfg = (await (await fetch(`${reg.url}/v2/shoal-test/busybox/blobs/${amd64.manifest.config.digest}`)).json()) as { config?: { Labels?: object } };
    const labelled = label ? { config: { ...cfg.config, Labels: { ...cfg.config?.Labels, variant: label } } } : {};
    const config = JSON.stringify({ ...cfg, architecture, ...labelled });
    const configDigest = await reg.putBlob(repository, config);
    for (const layer of amd64.manifest.layers) await reg.mountBlob(repository, layer.digest, 'shoal-test/busybox');
    const oci = mediaType === OCI_MANIFEST;
    const manifest = {
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : amd64.manifest.config.mediaType,
        digest: configDigest,
        size: Buffer.byteLength(config),
      },
      layers: amd64.manifest.layers.map((l) => (oci ? { ...l, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' } : l)),
    };
    return { digest: await reg.putManifest(repository, tag, manifest), size: Buffer.byteLength(JSON.stringify(manifest)) };
  }

  const create = async (name: string, image: string) =>
    (await c.api.must<{ createService: { id: string; version: number } }>(CREATE, { input: { name, image, args: SLEEPER_ARGS, replicas: 1 } })).createService;
  const remove = (id: string) => c.api.must('mutation($id: ID!) { removeService(id: $id) }', { id });
  const specImage = async (id: string) =>
    (await c.api.must<{ service: { spec: { image: string } } }>('query($id: ID!) { service(id: $id) { spec { image } } }', { id })).service.spec.image;
  const tasks = async (id: string) =>
    (
      await c.api.must<{ tasks: { items: Task[] } }>(
        'query($id: ID!) { tasks(filter: { serviceId: $id, desiredState: RUNNING }) { items { status { state message } } } }',
        {
          id,
        },
      )
    ).tasks.items;
  const report = async (id: string) =>
    (
      await c.api.must<{ service: { placement: Report } }>('query($id: ID!) { service(id: $id) { placement { summary nodes { nodeId eligible reasons } } } }', {
        id,
      })
    ).service.placement;
  const containers = async (service: string) => (await c.containers()).filter((x) => x.Labels['shoal.service.name'] === service);
  const runs = (service: string) =>
    waitFor(`a running container of ${service}`, async () => ((await containers(service)).length === 1 ? containers(service) : undefined));
  const pending = (id: string, message: string) =>
    waitFor(`a pending task saying "${message}"`, async () => {
      const ts = await tasks(id);
      if (ts.length === 1 && ts[0].status.state === 'PENDING' && ts[0].status.message === message) return true;
      throw new Error(`tasks: ${JSON.stringify(ts)}`);
    });
  const hasLocal = (ref: string) =>
    docker
      .getImage(ref)
      .inspect()
      .then(() => true)
      .catch(() => false);

  it('runs a service from the registry, pinned to the digest its tag names: the agent pulls the image the engine did not have', async () => {
    const image = `${reg.host}/shoal-test/busybox:1`;
    await reg.untagLocal();
    const { id } = await create('pulled', image);
    const pinned = `${image}@${amd64.digest}`;
    expect(await specImage(id)).toBe(pinned);
    expect(await hasLocal(pinned)).toBe(false);
    const [container] = await runs('pulled');
    expect(container.Image).toBe(pinned);
    expect(await hasLocal(pinned)).toBe(true);
    // The registry said linux/amd64: the node takes it, with nothing to say.
    expect(await report(id)).toEqual({ summary: null, nodes: [{ nodeId: c.nodeId, eligible: true, reasons: [] }] });
    await remove(id);
  });

  it('keeps a task of an image for another platform pending, says so node by node, and runs it once updated to an image the node can run', async () => {
    const { id, version } = await create('armed', `${reg.host}/shoal-test/arm:1`);
    await pending(id, notHere);
    expect(await report(id)).toEqual({
      summary: notHere,
      nodes: [{ nodeId: c.nodeId, eligible: false, reasons: ['platform: node is linux/amd64, not a platform the image is built for (linux/arm64)'] }],
    });
    expect(await containers('armed')).toEqual([]);

    await c.api.must(UPDATE, { id, v: version, input: { image: `${reg.host}/shoal-test/busybox:1` } });
    await runs('armed');
    await remove(id);
  });

  it("reads a Docker manifest list's and an OCI index's platforms", async () => {
    const entry = (digest: string, size: number, arch: string, mediaType = DOCKER_MANIFEST) => ({
      mediaType,
      digest,
      size,
      platform: { os: 'linux', architecture: arch },
    });
    // Both images in one repository, each under its digest, then the lists naming them.
    expect(await reg.push(TEST_IMAGE, 'shoal-test/multi:amd64')).toBe(amd64.digest);
    const arm = await pushArm64('shoal-test/multi', 'arm-docker');
    const armOci = await pushArm64('shoal-test/multi', 'arm-oci', OCI_MANIFEST);
    await reg.putManifest('shoal-test/multi', 'both', {
      schemaVersion: 2,
      mediaType: DOCKER_LIST,
      manifests: [entry(amd64.digest, amd64.size, 'amd64'), entry(arm.digest, arm.size, 'arm64')],
    } as { mediaType: string });
    await reg.putManifest('shoal-test/multi', 'arm-only', {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [entry(armOci.digest, armOci.size, 'arm64', OCI_MANIFEST)],
    } as { mediaType: string });

    const both = await create('multi', `${reg.host}/shoal-test/multi:both`);
    // The engine picks the linux/amd64 entry of the list.
    await runs('multi');
    expect((await report(both.id)).nodes[0].eligible).toBe(true);
    await remove(both.id);

    const armOnly = await create('arm-only', `${reg.host}/shoal-test/multi:arm-only`);
    await pending(armOnly.id, notHere);
    await remove(armOnly.id);
  });

  it('runs a service pinned by digest, and reads the platform of a digest reference (with or without its tag)', async () => {
    await reg.untagLocal();
    const pinned = `${reg.host}/shoal-test/busybox@${amd64.digest}`;
    expect(await hasLocal(pinned)).toBe(false);
    const { id } = await create('pinned', pinned);
    const [container] = await runs('pinned');
    expect(container.Image).toBe(pinned);
    expect(await hasLocal(pinned)).toBe(true);
    const { service } = await c.api.must<{ service: { spec: { image: string } } }>('query($id: ID!) { service(id: $id) { spec { image } } }', { id });
    expect(service.spec.image).toBe(pinned);
    await remove(id);

    for (const image of [`${reg.host}/shoal-test/arm@${arm64.digest}`, `${reg.host}/shoal-test/arm:1@${arm64.digest}`]) {
      const pinnedArm = await create(`pinned-arm-${image.includes(':1@') ? 'tagged' : 'bare'}`, image);
      await pending(pinnedArm.id, notHere);
      await remove(pinnedArm.id);
    }
  });

  it('rolls a re-pushed tag out only when asked, and rolls back to the exact image before', async () => {
    const image = `${reg.host}/shoal-test/busybox:1`;
    const { id } = await create('repushed', image);
    const [before] = await runs('repushed');
    expect(before.Image).toBe(`${image}@${amd64.digest}`);
    // The tag now names another image (same layers, another config): a new digest.
    const second = await pushVariant('shoal-test/busybox', '1', { label: 'second' });
    const version = async () =>
      (await c.api.must<{ service: { version: number } }>('query($id: ID!) { service(id: $id) { version } }', { id })).service.version;
    // An update that names no image keeps the pin (CHANGED, the default).
    await c.api.must(UPDATE, { id, v: await version(), input: { env: ['A=1'] } });
    expect(await specImage(id)).toBe(`${image}@${amd64.digest}`);
    // Naming the tag again re-pins it, and the rolling update runs the new image.
    await c.api.must(UPDATE, { id, v: await version(), input: { image } });
    expect(await specImage(id)).toBe(`${image}@${second.digest}`);
    await waitFor('the re-pushed image running', async () => (await containers('repushed')).find((x) => x.Image === `${image}@${second.digest}`));
    const [now] = await runs('repushed');
    expect((await docker.getContainer(now.Id).inspect()).Config.Labels).toMatchObject({ variant: 'second' });
    // A rollback returns to the digest before, whatever the tag names now.
    await c.api.must('mutation($id: ID!) { rollbackService(id: $id) { id } }', { id });
    expect(await specImage(id)).toBe(`${image}@${amd64.digest}`);
    await waitFor('the first image running again', async () => (await containers('repushed')).find((x) => x.Image === `${image}@${amd64.digest}`));
    // Put the tag back for the tests after this one.
    expect(await reg.push(TEST_IMAGE, 'shoal-test/busybox:1')).toBe(amd64.digest);
    // The CLI naming the tag again: the pin does not move, nothing is replaced, and it returns at once converged.
    const [running] = await containers('repushed');
    expect(runCli(c.manager, ['service', 'update', '--timeout', '1m', 'repushed', '--image', image])).toMatchObject({
      code: 0,
      err: expect.stringMatching(/repushed: converged\n$/),
    });
    expect(await specImage(id)).toBe(`${image}@${amd64.digest}`);
    expect((await containers('repushed')).map((x) => x.Id)).toEqual([running.Id]);
    await remove(id);
    // --resolve-image never stores the tag as given, with no warning.
    expect(runCli(c.manager, ['service', 'create', '--detach', '--name', 'as-given', '--resolve-image', 'never', image, ...SLEEPER_ARGS])).toMatchObject({
      code: 0,
      err: '',
    });
    const { service } = await c.api.must<{ service: { id: string; spec: { image: string } } }>('{ service(name: "as-given") { id spec { image } } }');
    expect(service.spec.image).toBe(image);
    await remove(service.id);
  });

  it('reads the platform from a registry with token authentication through an anonymous token, and the agent pulls from it', async () => {
    // A second registry serving the same storage, behind a token service (as ghcr.io, quay.io).
    authed = await startRegistry({ storage: reg.storage, tokenAuth: true });
    expect((await fetch(`${authed.url}/v2/shoal-test/arm/manifests/1`)).status).toBe(401);
    const arm = await create('token-arm', `${authed.host}/shoal-test/arm:1`);
    await pending(arm.id, notHere);
    expect(authed.tokens?.scopes).toContain('repository:shoal-test/arm:pull');
    await remove(arm.id);

    const image = `${authed.host}/shoal-test/busybox:1`;
    const { id } = await create('token-pulled', image);
    await runs('token-pulled');
    expect(await specImage(id)).toBe(`${image}@${amd64.digest}`);
    expect(await hasLocal(`${image}@${amd64.digest}`)).toBe(true);
    await remove(id);
  });
});
