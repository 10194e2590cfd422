import Docker from 'dockerode';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { freePort } from './ports';
import { type TokenService, startTokenService, tokenAuthConfig } from './registry-token';
import { waitFor } from './wait-for';

export interface TestRegistry {
  /** `127.0.0.1:PORT`: the first part of an image reference naming this registry. */
  host: string;
  /** `http://127.0.0.1:PORT`: the distribution API's base address (`/v2/...`). */
  url: string;
  /** The folder the registry stores images in (another registry may serve it too). */
  storage: string;
  /** With `tokenAuth`: the token service it sends clients to. */
  tokens?: TokenService;
  /** The registry's log so far, for failure messages. */
  output(): string;
  /** Tags a local image as `host/repository:tag` and pushes it; returns the manifest digest. */
  push(localImage: string, repositoryTag: string): Promise<string>;
  /** Uploads a blob into `repository` through the distribution API; returns its digest. */
  putBlob(repository: string, content: Buffer | string): Promise<string>;
  /** Makes a blob of `from` also a blob of `repository` (cross-repository mount). */
  mountBlob(repository: string, digest: string, from: string): Promise<void>;
  /** Puts a manifest (or manifest list, OCI index) under a tag or its digest; returns its digest. */
  putManifest(repository: string, reference: string, manifest: { mediaType: string }): Promise<string>;
  /** Removes the local tags (`host/...`) left by `push` or by the engine's pulls from this registry. */
  untagLocal(): Promise<void>;
  /** Stops the registry and removes its storage. */
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** Serve another registry's storage folder (left in place at `stop`). */
  storage?: string;
  /** Token authentication, with a token service of its own giving anyone any scope (`./registry-token`). */
  tokenAuth?: boolean;
}

/**
 * A real registry (Debian's `docker-registry`, distribution 2.8) of the test's own, on a
 * free loopback port with a temporary storage folder. The engine pushes to and pulls
 * from it without TLS: dockerd treats 127.0.0.0/8 registries as insecure by default.
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'shoal-registry-'));
  const storage = options.storage ?? join(dir, 'data');
  const tokens = options.tokenAuth ? await startTokenService(dir) : undefined;
  const config = join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: warn, accesslog: { disabled: true } }',
      `storage: { filesystem: { rootdirectory: ${storage} }, delete: { enabled: true } }`,
      `http: { addr: 127.0.0.1:${port}, secret: ${randomBytes(16).toString('hex')} }`,
      ...(tokens ? [tokenAuthConfig(tokens)] : []),
      '',
    ].join('\n'),
  );
  let log = '';
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await tokens?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      `docker-registry on ${host}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}):\n${log}`);
        const res = await fetch(`${url}/v2/`).catch(() => undefined);
        return res?.ok || (tokens && res?.status === 401);
      },
      15_000,
      50,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const docker = new Docker();
  return {
    host,
    url,
    storage,
    tokens,
    output: () => log,
    push: async (localImage, repositoryTag) => {
      const colon = repositoryTag.lastIndexOf(':');
      const repo = `${host}/${repositoryTag.slice(0, colon)}`;
      const tag = repositoryTag.slice(colon + 1);
      await docker.getImage(localImage).tag({ repo, tag });
      const stream = await docker.getImage(`${repo}:${tag}`).push({ tag });
      const output = await new Promise<{ error?: string; aux?: { Digest?: string } }[]>((resolve, reject) =>
        docker.modem.followProgress(stream, (err: Error | null, out: { error?: string; aux?: { Digest?: string } }[]) => (err ? reject(err) : resolve(out))),
      );
      const failed = output.find((o) => o.error)?.error;
      if (failed) throw new Error(`push of ${repo}:${tag} failed: ${failed}`);
      const digest = output.find((o) => o.aux?.Digest)?.aux?.Digest;
      if (!digest) throw new Error(`push of ${repo}:${tag} gave no digest`);
      return digest;
    },
    putBlob: async (repository, content) => {
      const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
      const started = await must(fetch(`${url}/v2/${repository}/blobs/uploads/`, { method: 'POST' }), 202);
      const location = new URL(started.headers.get('location') ?? '', url);
      location.searchParams.set('digest', digest);
      await must(fetch(location, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: content }), 201);
      return digest;
    },
    mountBlob: async (repository, digest, from) => {
      await must(fetch(`${url}/v2/${repository}/blobs/uploads/?mount=${digest}&from=${from}`, { method: 'POST' }), 201);
    },
    putManifest: async (repository, reference, manifest) => {
      const res = await must(
        fetch(`${url}/v2/${repository}/manifests/${reference}`, {
          method: 'PUT',
          headers: { 'content-type': manifest.mediaType },
          body: JSON.stringify(manifest),
        }),
        201,
      );
      return res.headers.get('docker-content-digest') ?? '';
    },
    untagLocal: async () => {
      for (const image of await docker.listImages())
        for (const ref of [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])])
          if (ref.startsWith(`${host}/`))
            await docker
              .getImage(ref)
              .remove({ noprune: true })
              .catch(() => undefined);
    },
    stop,
  };
}

async function must(response: Promise<Response>, status: number): Promise<Response> {
  const res = await response;
  if (res.status !== status) throw new Error(`${res.url}: HTTP ${res.status}, ${status} expected: ${await res.text()}`);
  return res;
}
