import { loadConfig } from './config';
import { DockerExecutor, engineMessage } from './docker/docker.executor';
import { LogStreams } from './logs/log-streams';
import { UsageSampler } from './metrics/usage.sampler';
import { HostManager } from './host-manager/host-manager';
import { CredentialsFile } from './session/credentials-file';
import { ManagerSession } from './session/manager-session';
import { ManagersFile } from './session/managers-file';
import { Worker } from './worker/worker';

const log = {
  info: (m: string) => process.stdout.write(`${new Date().toISOString()} INFO  ${m}\n`),
  warn: (m: string) => process.stderr.write(`${new Date().toISOString()} WARN  ${m}\n`),
};

/** Why the agent stopped on its own (docs/design/agent.md). */
export const EXIT = {
  /** Configuration error. */
  CONFIG: 1,
  /** The join token or the node's credentials were refused. */
  UNAUTHENTICATED: 3,
  /** The manager refused the session for another reason (protocol mismatch). */
  REFUSED: 4,
  /** The node was removed from the cluster (removeNode): its credentials are revoked. */
  NODE_REMOVED: 5,
} as const;

/**
 * The agent: one session with a manager, one worker converging the local Docker
 * Engine to the node's assignment set. Stopping the agent leaves containers running;
 * on start it adopts them.
 */
function main(): void {
  const config = loadConfig();
  const executor = new DockerExecutor();
  let worker: Worker | undefined;
  let unwatch: (() => void) | undefined;
  let resyncTimer: NodeJS.Timeout | undefined;
  let nodeId: string | undefined;

  const watchEngine = (nodeId: string): void => {
    unwatch = executor.watch(
      nodeId,
      (taskId) => worker?.onEngineEvent(taskId),
      (err) => {
        log.warn(`engine event stream: ${err.message}; resubscribing`);
        setTimeout(() => {
          watchEngine(nodeId);
          void worker?.resync().catch((e: unknown) => log.warn(`resync: ${engineMessage(e)}`));
        }, 1000);
      },
    );
  };

  const hostManager = new HostManager(config.manager, log, () => session.redescribe());
  const session = new ManagerSession({
    managers: config.managers,
    joinToken: config.joinToken,
    credentials: new CredentialsFile(config.stateDir),
    known: new ManagersFile(config.stateDir),
    describe: async () => ({ ...(await executor.describe()), hostname: config.hostname, labels: config.labels, managerMemberId: hostManager.memberId() }),
    onWelcome: (welcome) => {
      nodeId = welcome.nodeId;
      if (worker) return;
      worker = new Worker(welcome.nodeId, executor, (r) => session.report(r), log);
      watchEngine(welcome.nodeId);
      resyncTimer = setInterval(() => void worker?.resync().catch((e: unknown) => log.warn(`resync: ${engineMessage(e)}`)), config.resyncPeriodMs);
    },
    onAssignments: (m) => void worker?.assign(m.tasks).catch((e: unknown) => log.warn(`applying assignments: ${engineMessage(e)}`)),
    onLogs: (m) => (m.type === 'logs' ? logs.open(m) : logs.cancel(m.streamId)),
    onClosed: () => logs.cancelAll(),
    onStartManager: (m) => hostManager.start(m.join, m.joinToken),
    onStopManager: (m) => void hostManager.stop(m.memberId).catch((e: unknown) => log.warn(`stopping the manager on this host: ${String(e)}`)),
    pendingReports: () => worker?.reports() ?? [],
    onFatal: (code, message) => {
      log.warn(`manager refused this agent (${code}): ${message}`);
      void hostManager
        .terminate()
        .finally(() => process.exit(code === 'UNAUTHENTICATED' ? EXIT.UNAUTHENTICATED : code === 'NODE_REMOVED' ? EXIT.NODE_REMOVED : EXIT.REFUSED));
    },
    log,
  });
  const logs = new LogStreams(() => nodeId, executor, { send: (m) => session.sendLogs(m), bufferedBytes: () => session.bufferedBytes() });
  hostManager.resume();
  session.start();
  const sampler = new UsageSampler({ intervalMs: config.metricsIntervalMs, onSample: (s) => session.sendUsage(s), log });
  if (config.metricsIntervalMs > 0) sampler.start();
  log.info(`agent ${config.hostname} connecting to ${config.managers.join(', ')}`);

  const stop = (signal: string): void => {
    log.info(`${signal}: stopping the agent; containers keep running`);
    clearInterval(resyncTimer);
    sampler.stop();
    unwatch?.();
    session.stop();
    void hostManager.terminate().finally(() => setTimeout(() => process.exit(0), 100).unref());
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

try {
  main();
} catch (err) {
  process.stderr.write(`shoal-agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(EXIT.CONFIG);
}
