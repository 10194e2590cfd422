import type { ContainerOptions, HealthCheck, Mount } from '@shoal/protocol';
import { badInput } from '../common/errors';
import type { RestartPolicy } from '../store/objects';

/** Limits and vocabularies of container options, health checks and restart policies. */
const MAX_MOUNTS = 64;
const MAX_PATH = 4096;
const DAY_MS = 24 * 3600 * 1000;
const USER = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]*(?::[a-zA-Z0-9_][a-zA-Z0-9_.-]*)?$/;
const HOSTNAME = /^(?=.{1,253}$)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const MOUNT_TYPES = ['bind', 'volume', 'tmpfs'];
// Linux signal names as Docker accepts them (with or without SIG), plus numbers 1-64.
const SIGNALS = new Set(
  'ABRT ALRM BUS CHLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ'.split(
    ' ',
  ),
);
// Linux capabilities (capabilities(7)), without the CAP_ prefix; ALL adds or drops every one.
const CAPABILITIES = new Set(
  (
    'AUDIT_CONTROL AUDIT_READ AUDIT_WRITE BLOCK_SUSPEND BPF CHECKPOINT_RESTORE CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID IPC_LOCK IPC_OWNER KILL ' +
    'LEASE LINUX_IMMUTABLE MAC_ADMIN MAC_OVERRIDE MKNOD NET_ADMIN NET_BIND_SERVICE NET_BROADCAST NET_RAW PERFMON SETFCAP SETGID SETPCAP SETUID ' +
    'SYS_ADMIN SYS_BOOT SYS_CHROOT SYS_MODULE SYS_NICE SYS_PACCT SYS_PTRACE SYS_RAWIO SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG SYSLOG WAKE_ALARM ALL'
  ).split(' '),
);
const ULIMITS = new Set('as core cpu data fsize locks memlock msgqueue nice nofile nproc rss rtprio rttime sigpending stack'.split(' '));
const RESTART_CONDITIONS = ['none', 'on-failure', 'any'];

/** Checks a service's container options; throws BAD_USER_INPUT naming the field at fault. */
export function validateContainerOptions(o: ContainerOptions | undefined, field: string): void {
  if (!o) return;
  const f = (name: string) => `${field}.${name}`;
  if (o.workdir !== undefined && !isAbsolutePath(o.workdir)) throw badInput(f('workdir'), 'must be an absolute path inside the container');
  if (o.user !== undefined && (o.user.length > 255 || !USER.test(o.user))) throw badInput(f('user'), 'must be user, user:group, uid or uid:gid');
  if (o.hostname !== undefined && !HOSTNAME.test(o.hostname))
    throw badInput(f('hostname'), 'must be a DNS name: letters, digits and inner dashes, dot-separated');
  for (const key of Object.keys(o.labels ?? {})) {
    if (key.startsWith('shoal.')) throw badInput(f('labels'), `label ${JSON.stringify(key)}: keys starting with "shoal." are Shoal's own`);
  }
  validateMounts(o.mounts ?? [], f('mounts'));
  if (o.stopSignal !== undefined && !isSignal(o.stopSignal)) {
    throw badInput(f('stopSignal'), `${JSON.stringify(o.stopSignal)} is not a signal (like "SIGTERM", "SIGQUIT", "HUP" or a number from 1 to 64)`);
  }
  duration(o.stopGracePeriodMs, f('stopGracePeriodMs'), 0);
  capabilities(o.capAdd, f('capAdd'));
  capabilities(o.capDrop, f('capDrop'));
  const dropped = new Set((o.capDrop ?? []).map(capName));
  const both = (o.capAdd ?? []).map(capName).find((c) => dropped.has(c) && c !== 'ALL');
  if (both) throw badInput(f('capAdd'), `capability ${both} is both added and dropped`);
  const seen = new Set<string>();
  (o.ulimits ?? []).forEach((u, i) => {
    const at = f(`ulimits[${i}]`);
    if (!ULIMITS.has(u.name)) throw badInput(`${at}.name`, `${JSON.stringify(u.name)} is not a ulimit (one of ${[...ULIMITS].join(', ')})`);
    if (seen.has(u.name)) throw badInput(`${at}.name`, `ulimit ${u.name} is set twice`);
    seen.add(u.name);
    if (!isLimit(u.soft)) throw badInput(`${at}.soft`, 'must be a whole number ≥ 0, or -1 for unlimited');
    if (!isLimit(u.hard)) throw badInput(`${at}.hard`, 'must be a whole number ≥ 0, or -1 for unlimited');
    if (u.hard !== -1 && (u.soft === -1 || u.soft > u.hard)) throw badInput(`${at}.soft`, 'must not exceed the hard limit');
  });
}

function validateMounts(mounts: Mount[], field: string): void {
  if (mounts.length > MAX_MOUNTS) throw badInput(field, `at most ${MAX_MOUNTS} mounts`);
  const targets = new Set<string>();
  mounts.forEach((m, i) => {
    const at = `${field}[${i}]`;
    if (!MOUNT_TYPES.includes(m.type)) throw badInput(`${at}.type`, `must be one of ${MOUNT_TYPES.join(', ')}`);
    if (!isAbsolutePath(m.target) || m.target === '/') throw badInput(`${at}.target`, 'must be an absolute path inside the container, not /');
    if (targets.has(m.target)) throw badInput(`${at}.target`, `${m.target} is mounted twice`);
    targets.add(m.target);
    if (m.type === 'bind' && (!m.source || !isAbsolutePath(m.source))) throw badInput(`${at}.source`, 'a bind mount needs an absolute path on the node');
    if (m.type === 'volume' && m.source && !VOLUME_NAME.test(m.source)) {
      throw badInput(
        `${at}.source`,
        'a volume name is 2 or more letters, digits, "_", "." or "-", starting with a letter or digit (leave it out for an anonymous volume)',
      );
    }
    if (m.type === 'tmpfs' && m.source) throw badInput(`${at}.source`, 'a tmpfs mount has no source');
    if (m.type !== 'tmpfs' && (m.tmpfsSizeBytes !== undefined || m.tmpfsMode !== undefined)) {
      throw badInput(`${at}.type`, 'tmpfsSizeBytes and tmpfsMode apply to tmpfs mounts only');
    }
    if (m.tmpfsSizeBytes !== undefined && (!Number.isSafeInteger(m.tmpfsSizeBytes) || m.tmpfsSizeBytes < 0)) {
      throw badInput(`${at}.tmpfsSizeBytes`, 'must be a whole number of bytes ≥ 0');
    }
    if (m.tmpfsMode !== undefined && (!Number.isInteger(m.tmpfsMode) || m.tmpfsMode < 0 || m.tmpfsMode > 0o7777)) {
      throw badInput(`${at}.tmpfsMode`, 'must be a file mode from 0 to 4095 (0o7777)');
    }
  });
}

/** Checks a health check; conflicting options (disable with a command, command with shell) are refused. */
export function validateHealthCheck(h: HealthCheck | undefined, field: string): void {
  if (!h) return;
  const f = (name: string) => `${field}.${name}`;
  const hasCommand = (h.command?.length ?? 0) > 0;
  if (h.command !== undefined && !hasCommand) throw badInput(f('command'), 'must not be empty (use disable to turn the check off)');
  if (hasCommand && h.shell !== undefined) throw badInput(f('shell'), 'give either command or shell, not both');
  if (h.shell !== undefined && !h.shell.trim()) throw badInput(f('shell'), 'must not be empty');
  h.command?.forEach((s, i) => {
    if (s.includes('\0')) throw badInput(f(`command[${i}]`), 'must not contain NUL characters');
  });
  if (h.disable) {
    const other = (['command', 'shell', 'intervalMs', 'timeoutMs', 'retries', 'startPeriodMs'] as const).find((k) => h[k] !== undefined);
    if (other) throw badInput(f(other), 'conflicts with disable: a disabled health check has no other settings');
  }
  duration(h.intervalMs, f('intervalMs'), 1);
  duration(h.timeoutMs, f('timeoutMs'), 1);
  duration(h.startPeriodMs, f('startPeriodMs'), 0);
  if (h.retries !== undefined && (!Number.isInteger(h.retries) || h.retries < 1 || h.retries > 100))
    throw badInput(f('retries'), 'must be a whole number from 1 to 100');
}

/** Checks a restart policy; a limit or window with condition none is a conflict. */
export function validateRestartPolicy(p: RestartPolicy | undefined, field: string): void {
  if (!p) return;
  const f = (name: string) => `${field}.${name}`;
  if (!RESTART_CONDITIONS.includes(p.condition)) throw badInput(f('condition'), `must be one of ${RESTART_CONDITIONS.join(', ')}`);
  duration(p.delayMs, f('delayMs'), 0);
  duration(p.windowMs, f('windowMs'), 1);
  if (p.maxAttempts !== undefined && (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 0 || p.maxAttempts > 10_000)) {
    throw badInput(f('maxAttempts'), 'must be a whole number from 0 to 10000 (leave it out for no limit)');
  }
  if (p.condition === 'none') {
    const other = (['delayMs', 'maxAttempts', 'windowMs'] as const).find((k) => p[k] !== undefined);
    if (other) throw badInput(f(other), 'conflicts with condition none: tasks are never replaced');
  }
  if (p.windowMs !== undefined && p.maxAttempts === undefined) throw badInput(f('windowMs'), 'only counts attempts: give maxAttempts too');
}

function duration(ms: number | undefined, field: string, min: number): void {
  if (ms === undefined) return;
  if (!Number.isInteger(ms) || ms < min || ms > DAY_MS) throw badInput(field, `must be a whole number of milliseconds from ${min} to ${DAY_MS} (24 h)`);
}

function capabilities(list: string[] | undefined, field: string): void {
  list?.forEach((c, i) => {
    if (!CAPABILITIES.has(capName(c)))
      throw badInput(`${field}[${i}]`, `${JSON.stringify(c)} is not a Linux capability (like "NET_ADMIN" or "CAP_SYS_TIME", or ALL)`);
  });
}

function capName(c: string): string {
  const upper = c.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function isSignal(s: string): boolean {
  if (/^\d+$/.test(s)) return Number(s) >= 1 && Number(s) <= 64;
  const name = s.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.has(name) || /^RTMIN(\+([1-9]|1[0-5]))?$/.test(name) || /^RTMAX(-([1-9]|1[0-4]))?$/.test(name);
}

function isLimit(n: number): boolean {
  return Number.isSafeInteger(n) && n >= -1;
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') && p.length <= MAX_PATH && !p.includes('\0');
}
