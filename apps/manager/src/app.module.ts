import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { formatError } from './api/format-error';
import { RESOLVERS } from './api/resolvers';
import { readBarrierPlugin } from './api/read-barrier.plugin';
import { ShoalErrorFilter } from './api/shoal-error.filter';
import { AuthModule } from './auth/auth.module';
import { TokenService } from './auth/token.service';
import { ClusterBootstrap } from './cluster/cluster.bootstrap';
import { ClusterSettingsService } from './cluster/cluster-settings.service';
import { MANAGER_CONFIG, ManagerConfig } from './config';
import { Dispatcher } from './dispatcher/dispatcher';
import { LeaderLoops } from './leader/leader-loops';
import { NodesService } from './nodes/nodes.service';
import { RaftHost } from './raft/raft-host';
import { TaskReaper } from './orchestrator/reaper/task.reaper';
import { ReplicatedOrchestrator } from './orchestrator/replicated/replicated.orchestrator';
import { PlacementReporter } from './scheduler/placement.reporter';
import { SchedulerLoop } from './scheduler/scheduler.loop';
import { ServicesService } from './services/services.service';
import { StoreModule } from './store/store.module';

@Module({})
export class AppModule {
  static forConfig(config: ManagerConfig): DynamicModule {
    const configModule: DynamicModule = {
      module: ConfigModule,
      global: true,
      providers: [{ provide: MANAGER_CONFIG, useValue: config }],
      exports: [MANAGER_CONFIG],
    };
    return {
      module: AppModule,
      imports: [
        configModule,
        StoreModule,
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [TokenService, RaftHost],
          useFactory: (tokens: TokenService, raft: RaftHost) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            playground: false,
            introspection: true,
            includeStacktraceInErrorResponses: false,
            formatError,
            plugins: [readBarrierPlugin(raft)],
            subscriptions: {
              'graphql-ws': {
                path: '/graphql',
                // Subscriptions authenticate once, with connectionParams.authorization.
                onConnect: (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: unknown }) => {
                  const principal = tokens.authenticate(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization);
                  if (!principal) return false;
                  (ctx.extra as { principal?: unknown }).principal = principal;
                  return true;
                },
              },
            },
            context: (ctx: { req?: unknown; extra?: { principal?: unknown } }) => (ctx.req ? { req: ctx.req } : { principal: ctx.extra?.principal }),
          }),
        }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ShoalErrorFilter },
        ClusterBootstrap,
        ClusterSettingsService,
        ServicesService,
        NodesService,
        ...RESOLVERS,
        Dispatcher,
        ReplicatedOrchestrator,
        SchedulerLoop,
        PlacementReporter,
        TaskReaper,
        LeaderLoops,
      ],
    };
  }
}

@Module({})
class ConfigModule {}
