import { createHash } from 'node:crypto';
import type { Platform } from '@shoal/scheduler';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface Manifest {
  manifests?: { platform?: { os?: string; architecture?: string } }[];
  config?: { digest?: string };
}

/** What the registry says of an image: its manifest's digest, and the platforms it is built for when it says. */
export interface ResolvedImage {
  /** `sha256:…` of the manifest (the list's, for a multi-platform image) the reference names now. */
  digest: string;
  platforms?: Platform[];
}

/**
 * Asks the registry an image names (`registry.local:5000/app:1`, `localhost:5000/app`)
 * the digest of the manifest its reference names now (for pinning), and which platforms
 * the image is built for: those of its manifest list (OCI index), or
 * of its one manifest's config. Undefined, meaning any node, when the image names no
 * registry (Docker Hub is not asked), or the registry does not answer within
 * `timeoutMs`, wants credentials, or answers something else. A registry that answers
 * 401 with a Bearer challenge gets asked its token service for an anonymous pull token
 * (public images on ghcr.io, quay.io, …); one that wants a password (Basic) is not.
 * Plain HTTP for localhost, 127.0.0.0/8 and [::1] (as the engine does), HTTPS otherwise.
 */
export async function resolveImage(image: string, timeoutMs = 2000): Promise<ResolvedImage | undefined> {
  const ref = parseReference(image);
  if (!ref) return undefined;
  const insecure = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/.test(ref.registry);
  const base = `${insecure ? 'http' : 'https'}://${ref.registry}/v2/${ref.repository}`;
  const get = getter(timeoutMs);
  try {
    const got = await get(`${base}/manifests/${ref.reference}`, ACCEPT);
    if (!got) return undefined;
    const manifest = JSON.parse(got.body) as Manifest;
    // The registry's Docker-Content-Digest, or the digest of the bytes it sent (the same, by the spec).
    const header = got.digest ?? '';
    const digest = /^sha256:[a-f0-9]{64}$/.test(header) ? header : `sha256:${createHash('sha256').update(got.body).digest('hex')}`;
    if (Array.isArray(manifest.manifests)) {
      // Attestation manifests say os "unknown": not a platform to run on.
      const platforms = manifest.manifests
        .map((m) => m.platform)
        .filter((p): p is { os: string; architecture: string } => typeof p?.os === 'string' && typeof p.architecture === 'string' && p.os !== 'unknown')
        .map((p) => ({ os: p.os, arch: p.architecture }));
      return platforms.length ? { digest, platforms } : { digest };
    }
    if (!manifest.config?.digest) return { digest };
    const blob = await get(`${base}/blobs/${manifest.config.digest}`).catch(() => undefined);
    const config = blob ? (JSON.parse(blob.body) as { os?: string; architecture?: string }) : undefined;
    return config?.os && config.architecture ? { digest, platforms: [{ os: config.os, arch: config.architecture }] } : { digest };
  } catch {
    return undefined;
  }
}

/** registry, repository and tag or digest of an image naming its registry; undefined otherwise. */
export function parseReference(image: string): { registry: string; repository: string; reference: string } | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const registry = image.slice(0, slash);
  // Docker's rule: the first component names a registry when it has a dot or a port, or is localhost.
  if (!registry.includes('.') && !registry.includes(':') && registry !== 'localhost') return undefined;
  if (registry === 'docker.io' || registry === 'index.docker.io') return undefined;
  let rest = image.slice(slash + 1);
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // `app:1@sha256:…`: the digest decides, the tag is only a label (as in Docker).
  const colon = rest.lastIndexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : 'latest';
  if (colon >= 0) rest = rest.slice(0, colon);
  return rest ? { registry, repository: rest, reference: digest ?? tag } : undefined;
}

/** GETs a body (and its Docker-Content-Digest), answering a Bearer challenge once with an anonymous token kept for later GETs. */
function getter(timeoutMs: number): (url: string, accept?: string) => Promise<{ body: string; digest?: string } | undefined> {
  let authorization: string | undefined;
  const get = (url: string, accept?: string) =>
    fetch(url, {
      headers: { ...(accept ? { accept } : {}), ...(authorization ? { authorization } : {}) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  return async (url, accept) => {
    let res = await get(url, accept);
    if (res.status === 401 && !authorization) {
      const token = await anonymousToken(res.headers.get('www-authenticate'), timeoutMs);
      if (!token) return undefined;
      authorization = `Bearer ${token}`;
      res = await get(url, accept);
    }
    return res.ok ? { body: await res.text(), digest: res.headers.get('docker-content-digest') ?? undefined } : undefined;
  };
}

/** The token service's anonymous token for `Bearer realm="…",service="…",scope="…"`. */
async function anonymousToken(challenge: string | null, timeoutMs: number): Promise<string | undefined> {
  if (!challenge || !/^bearer\s/i.test(challenge)) return undefined;
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
  if (!params.realm || !/^https?:\/\//.test(params.realm)) return undefined;
  const url = new URL(params.realm);
  if (params.service) url.searchParams.set('service', params.service);
  if (params.scope) url.searchParams.set('scope', params.scope);
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) return undefined;
  const body = (await res.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}
