import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { ClusterBootstrap } from './cluster/cluster.bootstrap';
import { loadConfig } from './config';
import { AgentGateway } from './dispatcher/agent.gateway';
import { Dispatcher } from './dispatcher/dispatcher';
import { LeaderLoops } from './leader/leader-loops';

/**
 * Start-up in the order that keeps the cluster correct: open and load the store,
 * bootstrap the cluster, start the leader loops, then accept agents and API clients.
 */
interface HttpRoutes {
  get(path: string, handler: (req: unknown, res: { json(body: unknown): void }) => void): void;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    logger: (process.env.SHOAL_LOG_LEVEL ?? 'log,warn,error,fatal').split(',') as ('log' | 'warn' | 'error' | 'fatal' | 'debug' | 'verbose')[],
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();

  await app.get(ClusterBootstrap).run();
  const loops = app.get(LeaderLoops);
  loops.start();
  const gateway = new AgentGateway(app.get(Dispatcher));
  const clusterAddr = await gateway.listen(config.clusterHost, config.clusterPort);

  // Unauthenticated liveness for launchers and load balancers; it reveals nothing.
  const http = app.getHttpAdapter().getInstance() as HttpRoutes;
  http.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  if (existsSync(config.consoleDir)) app.useStaticAssets(config.consoleDir);

  await app.listen(config.apiPort, config.apiHost);
  const url = await app.getUrl();
  new Logger('Manager').log(`GraphQL API at ${url.replace('[::1]', 'localhost')}/graphql; agents connect to ${clusterAddr.address}:${clusterAddr.port}`);

  const shutdown = async (signal: string): Promise<void> => {
    new Logger('Manager').log(`${signal}: stopping (containers keep running)`);
    loops.stop();
    await gateway.close();
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
