/** An image's (or node's) operating system and CPU architecture, as OCI names them. */
export interface Platform {
  os: string;
  /** amd64, arm64, arm, 386, … (Docker's `x86_64` and `aarch64` are read as amd64 and arm64). */
  arch: string;
}

/** The engine reports `x86_64` or `aarch64` where image indexes say amd64 or arm64. */
const ARCH_ALIASES: Readonly<Record<string, string>> = { x86_64: 'amd64', x86: '386', i386: '386', i686: '386', aarch64: 'arm64', armhf: 'arm', armv7l: 'arm' };

export function normalArch(arch: string): string {
  const a = arch.toLowerCase();
  return ARCH_ALIASES[a] ?? a;
}

/** linux/amd64 */
export function platformText(p: Platform): string {
  return `${p.os.toLowerCase()}/${normalArch(p.arch)}`;
}

/** Whether an image built for `platforms` runs on `node`; an empty or unknown list runs anywhere. */
export function runsOn(platforms: readonly Platform[] | undefined, node: Platform): boolean {
  if (!platforms || platforms.length === 0) return true;
  const want = platformText(node);
  return platforms.some((p) => platformText(p) === want);
}
