import { Args, ID, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Allow } from '../auth/allow.decorator';
import { LogBatch, LogQueue, collect } from '../logs/log-queue';
import { LogsArgs, MAX_TAIL, TaskLogLine, validateLogsRequest } from '../logs/logs-request';
import { ServiceLogs } from '../logs/service-logs';
import { Store } from '../store/store';
import { LogBatchModel, LogLineModel, LogStream } from './models/log.model';

/** Lines per task a query returns when it names no tail. */
const QUERY_TAIL = 1000;

const toModel = (l: TaskLogLine): LogLineModel => ({ ...l, stream: l.stream === 'stderr' ? LogStream.STDERR : LogStream.STDOUT });

/** Service logs: a subscription that streams (and follows), and a bounded query. */
@Resolver(() => LogLineModel)
export class LogsResolver {
  constructor(
    private readonly store: Store,
    private readonly logs: ServiceLogs,
  ) {}

  @Allow('VIEWER')
  @Subscription(() => LogBatchModel, {
    name: 'serviceLogs',
    description: "A service's logs, every task's lines tagged with task, slot and node; with follow, new lines (and new tasks) as they come.",
  })
  streamServiceLogs(
    @Args('service', { type: () => ID, description: 'Service id or name.' }) service: string,
    @Args('follow', { nullable: true, defaultValue: false }) follow: boolean,
    @Args('tail', { type: () => Int, nullable: true, description: `Last lines per task first, 0 to ${MAX_TAIL}; all when absent.` }) tail?: number,
    @Args('since', { nullable: true, description: 'RFC 3339 time or a duration before now (10m, 1h30m).' }) since?: string,
    @Args('tasks', { type: () => [ID], nullable: true, description: 'Only these tasks of the service.' }) tasks?: string[],
    @Args('search', { nullable: true, description: 'Only lines containing this, ignoring case.' }) search?: string,
  ): AsyncIterableIterator<{ serviceLogs: LogBatchModel }> {
    const req = validateLogsRequest(this.store, { service, follow, tail, since, tasks, search });
    const queue = new LogQueue((b: LogBatch) => ({ serviceLogs: { lines: b.lines.map(toModel), skipped: b.skipped } }));
    queue.stop = this.logs.open(req, queue);
    return queue;
  }

  @Allow('VIEWER')
  @Query(() => LogBatchModel, {
    name: 'serviceLogs',
    description: `A service's logs so far, merged by time: the last \`tail\` lines of each task (default ${QUERY_TAIL}), at most ${MAX_TAIL} in all (\`skipped\` counts older ones left out).`,
  })
  async readServiceLogs(
    @Args('service', { type: () => ID, description: 'Service id or name.' }) service: string,
    @Args('tail', { type: () => Int, nullable: true }) tail?: number,
    @Args('since', { nullable: true }) since?: string,
    @Args('tasks', { type: () => [ID], nullable: true }) tasks?: string[],
    @Args('search', { nullable: true }) search?: string,
  ): Promise<LogBatchModel> {
    const args: LogsArgs = { service, follow: false, tail: tail ?? QUERY_TAIL, since, tasks, search };
    const req = validateLogsRequest(this.store, args);
    const { lines, skipped } = await collect((sink) => this.logs.open(req, sink), MAX_TAIL);
    return { lines: lines.map(toModel), skipped };
  }
}
