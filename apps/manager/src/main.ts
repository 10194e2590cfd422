import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CLOSE } from '@shoal/protocol';
import { AppModule } from './app.module';
import { ClusterBootstrap } from './cluster/cluster.bootstrap';
import { ClusterListener } from './cluster/cluster-listener';
import { ManagerJoinHandler } from './cluster/manager-join.handler';
import { loadConfig } from './config';
import { AgentGateway } from './dispatcher/agent.gateway';
import { Dispatcher } from './dispatcher/dispatcher';
import { ShoalError } from './common/errors';
import { LeaderLoops } from './leader/leader-loops';
import { AgentLogs } from './logs/agent-logs';
import { LogsPeerHandler } from './logs/log-forwarding';
import { ServiceLogs } from './logs/service-logs';
import { MetricsService } from './metrics/metrics.service';
import { RaftHost } from './raft/raft-host';
import { Store } from './store/store';

/**
 * Start-up in the order that keeps the cluster correct: open the store and the Raft log,
 * listen for peers and agents, start Raft; the leader bootstraps the cluster and runs the
 * leader loops; then accept API clients.
 */
interface HttpRoutes {
  get(path: string, handler: (req: unknown, res: { json(body: unknown): void }) => void): void;
  use(handler: (req: PageRequest, res: { sendFile(path: string): void }, next: () => void) => void): void;
}
interface PageRequest {
  method: string;
  path: string;
  accepts(type: string): string | false;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    logger: (process.env.SHOAL_LOG_LEVEL ?? 'log,warn,error,fatal').split(',') as ('log' | 'warn' | 'error' | 'fatal' | 'debug' | 'verbose')[],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();

  const raft = app.get(RaftHost);
  const loops = app.get(LeaderLoops);
  const bootstrap = app.get(ClusterBootstrap);
  let dispatching = false;
  const metrics = app.get(MetricsService);
  app.get(Dispatcher).managerAddresses = () => raft.managerAddresses();
  const gateway = new AgentGateway(
    app.get(Dispatcher),
    () => (dispatching ? null : (raft.leaderAddress() ?? '')),
    app.get(AgentLogs),
    (nodeId, sample) => metrics.record(nodeId, sample),
  );
  const serviceLogs = app.get(ServiceLogs);
  // Followers forward log requests here; only a leader has the agents' sessions to serve them.
  const logPeers = new LogsPeerHandler(
    () => raft.secret,
    (id) => raft.addresses().has(id),
    (req, sink) => {
      if (raft.isLeading()) return serviceLogs.openHere(req, sink);
      sink.end(new ShoalError('UNAVAILABLE', 'this manager no longer leads; retry'));
      return () => undefined;
    },
  );
  const listener = new ClusterListener(gateway, raft.transport, new ManagerJoinHandler(app.get(Store), raft, () => raft.secret), logPeers);
  const clusterAddr = await listener.listen(config.clusterHost, config.clusterPort);

  // Leader-only work starts once this manager leads with an up-to-date store, and stops
  // the moment it does not; agents are sent to the new leader.
  let generation = 0;
  raft.onLeading((leading) => {
    const mine = ++generation;
    if (!leading) {
      dispatching = false;
      gateway.closeSessions(CLOSE.notLeader, raft.leaderAddress() ?? '');
      loops.stop();
      return;
    }
    void (async () => {
      while (mine === generation) {
        try {
          await bootstrap.run();
          if (mine !== generation) return;
          loops.start();
          dispatching = true;
          return;
        } catch (err) {
          new Logger('Manager').warn(`cluster bootstrap failed, retrying: ${String(err)}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    })();
  });
  raft.start();

  // Unauthenticated liveness for launchers and load balancers; it reveals nothing.
  const http = app.getHttpAdapter().getInstance() as HttpRoutes;
  http.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  if (existsSync(config.consoleDir)) {
    app.useStaticAssets(config.consoleDir);
    // The console routes in the browser (/services/…): a page address that is no file gets index.html.
    const index = join(config.consoleDir, 'index.html');
    http.use((req, res, next) => {
      const page = req.method === 'GET' && !req.path.startsWith('/graphql') && extname(req.path) === '' && req.accepts('html');
      if (page) res.sendFile(index);
      else next();
    });
  }

  await app.listen(config.apiPort, config.apiHost);
  // Keep idle API connections for a minute (Node's default is 5 s): a client that reuses a
  // pooled connection just as the server drops it sees "other side closed". Load
  // balancers and long-lived clients expect a longer idle timeout anyway.
  const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const url = await app.getUrl();
  new Logger('Manager').log(`GraphQL API at ${url.replace('[::1]', 'localhost')}/graphql; agents connect to ${clusterAddr.address}:${clusterAddr.port}`);

  const shutdown = async (signal: string): Promise<void> => {
    new Logger('Manager').log(`${signal}: stopping (containers keep running)`);
    generation++;
    loops.stop();
    await listener.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration and start-up errors: one clear line, no stack for expected ones.
  process.stderr.write(`shoal-manager: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.env.SHOAL_DEBUG) console.error(err);
  process.exit(1);
});
