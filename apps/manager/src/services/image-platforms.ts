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

/**
 * Asks the registry an image names (`registry.local:5000/app:1`, `localhost:5000/app`)
 * which platforms the image is built for: those of its manifest list (OCI index), or
 * of its one manifest's config. Undefined, meaning any node, when the image names no
 * registry (Docker Hub is not asked), or the registry does not answer within
 * `timeoutMs`, wants credentials, or answers something else. A registry that answers
 * 401 with a Bearer challenge gets asked its token service for an anonymous pull token
 * (public images on ghcr.io, quay.io, …); one that wants a password (Basic) is not.
 * Plain HTTP for localhost, 127.0.0.0/8 and [::1] (as the engine does), HTTPS otherwise.
 */
export async function resolveImagePlatforms(image: string, timeoutMs = 2000): Promise<Platform[] | undefined> {
  const ref = parseReference(image);
  if (!ref) return undefined;
  const insecure = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/.test(ref.registry);
  const base = `${insecure ? 'http' : 'https'}://${ref.registry}/v2/${ref.repository}`;
  const get = getter(timeoutMs);
  try {
    const manifest = (await get(`${base}/manifests/${ref.reference}`, ACCEPT)) as Manifest | undefined;
    if (!manifest) return undefined;
    if (Array.isArray(manifest.manifests)) {
      // Attestation manifests say os "unknown": not a platform to run on.
      const platforms = manifest.manifests
        .map((m) => m.platform)
        .filter((p): p is { os: string; architecture: string } => typeof p?.os === 'string' && typeof p.architecture === 'string' && p.os !== 'unknown')
        .map((p) => ({ os: p.os, arch: p.architecture }));
      return platforms.length ? platforms : undefined;
    }
    if (!manifest.config?.digest) return undefined;
    const config = (await get(`${base}/blobs/${manifest.config.digest}`)) as { os?: string; architecture?: string } | undefined;
    return config?.os && config.architecture ? [{ os: config.os, arch: config.architecture }] : undefined;
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

/** GETs JSON, answering a Bearer challenge once with an anonymous token kept for later GETs. */
function getter(timeoutMs: number): (url: string, accept?: string) => Promise<unknown> {
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
    return res.ok ? res.json() : undefined;
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
