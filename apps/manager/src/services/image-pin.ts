/**
 * Image references and their digests (docs/design/scheduler.md, "Digest pinning"):
 * `registry:5000/app:1@sha256:…` names a tag and pins it to one manifest.
 */

/** When the registry is asked for an image's digest (docker's --resolve-image). */
export type ResolveImage = 'ALWAYS' | 'CHANGED' | 'NEVER';

/** The reference names a digest (`app@sha256:…`, `app:1@sha256:…`). */
export function hasDigest(image: string): boolean {
  return image.includes('@');
}

/** The last path component carries a tag (`app:1`; a registry's port is not one). */
function hasTag(image: string): boolean {
  const name = image.split('@')[0];
  return name.slice(name.lastIndexOf('/') + 1).includes(':');
}

/**
 * What to ask the registry to re-pin an image: its tag without the digest
 * (`app:1@sha256:…` → `app:1`). An image pinned by digest alone has nothing to re-resolve.
 */
export function repinnable(image: string): string {
  return hasDigest(image) && hasTag(image) ? image.slice(0, image.indexOf('@')) : image;
}

/** `app:1` pinned to `digest`: `app:1@sha256:…`. A reference that already names a digest stays as it is. */
export function pinned(image: string, digest: string): string {
  return hasDigest(image) ? image : `${image}@${digest}`;
}
