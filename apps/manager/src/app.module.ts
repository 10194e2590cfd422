import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { formatError } from './api/format-error';
import { RESOLVERS } from './api/resolvers';
import { queryLimitRules } from './api/limits/query-limits';
import { readBarrierPlugin } from './api/read-barrier.plugin';
import { ShoalErrorFilter } from './api/shoal-error.filter';
import { AuditPruner } from './audit/audit.pruner';
import { AuthModule } from './auth/auth.module';
import { SessionReaper } from './auth/session.reaper';
import { Authenticator } from './auth/authenticator';
import { bearerOf, sessionCookieOf } from './auth/credentials';
import { ClosableSocket, LiveConnections } from './auth/live-connections';
import { ClusterBootstrap } from './cluster/cluster.bootstrap';
import { ClusterSettingsService } from './cluster/cluster-settings.service';
import { MANAGER_CONFIG, ManagerConfig } from './config';
import { Dispatcher } from './dispatcher/dispatcher';
import { LeaderLoops } from './leader/leader-loops';
import { AgentLogs } from './logs/agent-logs';
import { ServiceLogs } from './logs/service-logs';
import { MetricsService } from './metrics/metrics.service';
import { NodeMembershipService } from './nodes/node-membership.service';
import { NodeRoleReconciler } from './nodes/node-role.reconciler';
import { NodesService } from './nodes/nodes.service';
import { RaftHost } from './raft/raft-host';
import { TaskReaper } from './orchestrator/reaper/task.reaper';
import { ReplicatedOrchestrator } from './orchestrator/replicated/replicated.orchestrator';
import { PlacementReporter } from './scheduler/placement.reporter';
import { SchedulerLoop } from './scheduler/scheduler.loop';
import { ServicesService } from './services/services.service';
import { SessionsService } from './identity/sessions.service';
import { TokensService } from './identity/tokens.service';
import { UsersService } from './identity/users.service';
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
          inject: [Authenticator, LiveConnections, RaftHost],
          useFactory: (auth: Authenticator, live: LiveConnections, raft: RaftHost) => ({
            autoSchemaFile: true,
            sortSchema: true,
            path: '/graphql',
            playground: false,
            introspection: config.graphql.introspection,
            validationRules: queryLimitRules(config.graphql),
            includeStacktraceInErrorResponses: false,
            // Field resolvers run the guard too, for the fields with a rule of their own (Cluster.joinTokens).
            fieldResolverEnhancers: ['guards'],
            formatError,
            plugins: [readBarrierPlugin(raft)],
            subscriptions: {
              'graphql-ws': {
                path: '/graphql',
                // Subscriptions present an API token in connectionParams.authorization, or
                // the session cookie on a same-origin upgrade (a cross-site page cannot
                // forge Origin). The credentials are checked here, again per operation, and
                // whenever tokens, sessions or users change (LiveConnections).
                onConnect: (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: unknown }) => {
                  const extra = ctx.extra as WsExtra;
                  const bearer = bearerOf(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization);
                  const session = bearer ? undefined : sameOrigin(extra.request?.headers) ? sessionCookieOf(extra.request?.headers.cookie) : undefined;
                  const principal = bearer ? auth.token(bearer) : session ? auth.session(session) : null;
                  if (!principal) return false;
                  extra.credentials = { bearer, session };
                  if (extra.socket) live.add(extra.socket, extra.credentials, principal.role);
                  return true;
                },
                // Subscription errors leave with a code too (FORBIDDEN...), as over HTTP.
                onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
                  result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
                // Errors before the first event (a malformed `after` cursor) are sent as graphql-ws `error` messages.
                onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e)),
              },
            },
            context: (ctx: { req?: { ip?: string; socket?: { remoteAddress?: string } }; res?: unknown; extra?: WsExtra }) =>
              ctx.extra
                ? { ws: true, wsCredentials: ctx.extra.credentials, clientAddr: ctx.extra.request?.socket?.remoteAddress }
                : { req: ctx.req, res: ctx.res, clientAddr: ctx.req?.ip ?? ctx.req?.socket?.remoteAddress },
          }),
        }),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ShoalErrorFilter },
        ClusterBootstrap,
        ClusterSettingsService,
        ServicesService,
        NodesService,
        NodeMembershipService,
        NodeRoleReconciler,
        UsersService,
        TokensService,
        SessionsService,
        ...RESOLVERS,
        Dispatcher,
        AgentLogs,
        ServiceLogs,
        MetricsService,
        ReplicatedOrchestrator,
        SchedulerLoop,
        PlacementReporter,
        TaskReaper,
        AuditPruner,
        SessionReaper,
        LeaderLoops,
      ],
    };
  }
}

@Module({})
class ConfigModule {}

interface WsExtra {
  socket?: ClosableSocket;
  request?: { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };
  credentials?: { bearer?: string; session?: string };
}

/** A browser's WebSocket upgrade from a page served by this manager. */
function sameOrigin(headers: Record<string, string | string[] | undefined> | undefined): boolean {
  const origin = headers?.origin;
  const host = headers?.host;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
