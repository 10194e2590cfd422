import { loadConfig } from './config';
import { DockerExecutor, engineMessage } from './docker/docker.executor';
import { LogStreams } from './logs/log-streams';
import { CredentialsFile } from './session/credentials-file';
import { ManagerSession } from './session/manager-session';
import { Worker } from './worker/worker';

const log = {
  info: (m: string) => process.stdout.write(`${new Date().toISOString()} INFO  ${m}\n`),
  warn: (m: string) => process.stderr.write(`${new Date().toISOString()} WARN  ${m}\n`),
};

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

  const session = new ManagerSession({
    managers: config.managers,
    joinToken: config.joinToken,
    credentials: new CredentialsFile(config.stateDir),
    describe: async () => ({ ...(await executor.describe()), hostname: config.hostname, labels: config.labels }),
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
    pendingReports: () => worker?.reports() ?? [],
    onFatal: (code, message) => {
      log.warn(`manager refused this agent (${code}): ${message}`);
      process.exit(code === 'UNAUTHENTICATED' ? 3 : 4);
    },
    log,
  });
  const logs = new LogStreams(() => nodeId, executor, { send: (m) => session.sendLogs(m), bufferedBytes: () => session.bufferedBytes() });
  session.start();
  log.info(`agent ${config.hostname} connecting to ${config.managers.join(', ')}`);

  const stop = (signal: string): void => {
    log.info(`${signal}: stopping the agent; containers keep running`);
    clearInterval(resyncTimer);
    unwatch?.();
    session.stop();
    setTimeout(() => process.exit(0), 100).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

try {
  main();
} catch (err) {
  process.stderr.write(`shoal-agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
