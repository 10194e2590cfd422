import { Link } from 'react-router';
import { TaskStateBadge } from '../../components/state-badge';
import type { ResultOf } from '../../graphql/graphql';
import type { ServiceQuery } from '../../graphql/services.queries';
import { formatTime } from '../../model/format';
import { groupBySlot } from '../../model/slots';

type Task = NonNullable<ResultOf<typeof ServiceQuery>['service']>['tasks'][number];

/** Each replica slot: its current task, then the tasks it replaced. */
export function SlotsTable({ tasks }: { tasks: readonly Task[] }) {
  const slots = groupBySlot(tasks);
  return (
    <section aria-labelledby="slots-heading">
      <h2 id="slots-heading">Tasks by slot</h2>
      {slots.length === 0 ? (
        <p className="muted">No tasks.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Slot</th>
                <th scope="col">Observed</th>
                <th scope="col">Desired</th>
                <th scope="col">Node</th>
                <th scope="col">Message or error</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {slots.flatMap(({ slot, current, history }) =>
                [current, ...history.slice(0, 2)]
                  .filter((t): t is Task => t !== null)
                  .map((t, i) => (
                    <tr key={t.id} className={t === current ? undefined : 'history'}>
                      {i === 0 ? <th scope="row">{slot}</th> : <td className="muted">{slot} (earlier)</td>}
                      <td>
                        <TaskStateBadge state={t.status.state} />
                      </td>
                      <td>{t.desiredState}</td>
                      <td>{t.node ? <Link to={`/nodes/${t.node.id}`}>{t.node.hostname}</Link> : <span className="muted">not placed</span>}</td>
                      <td>
                        {t.status.err ? <span className="error-text">{t.status.err}</span> : t.status.message}
                        {t.status.exitCode !== null && t.status.exitCode !== undefined && ` (exit ${t.status.exitCode})`}
                      </td>
                      <td>{formatTime(t.status.timestamp)}</td>
                    </tr>
                  )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
