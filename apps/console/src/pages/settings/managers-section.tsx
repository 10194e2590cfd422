import type { ResultOf } from '../../graphql/graphql';
import type { SettingsQuery } from '../../graphql/cluster.queries';
import { Badge } from '../../components/state-badge';

type Raft = ResultOf<typeof SettingsQuery>['cluster']['raft'];

export function ManagersSection({ raft }: { raft: Raft }) {
  return (
    <section aria-labelledby="raft-heading">
      <h2 id="raft-heading">Managers</h2>
      <p>
        Term {raft.term}, leader <code>{raft.leader ?? 'none'}</code>, committed up to {raft.commitIndex}, applied up to {raft.appliedIndex} (as manager{' '}
        <code>{raft.id}</code> sees it).
      </p>
      {/* Focusable, so the table can be scrolled sideways by keyboard on a narrow screen: it has no controls of its own. */}
      <div className="table-wrap" tabIndex={0} role="group" aria-label="Managers table">
        <table>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Address</th>
              <th scope="col">Role</th>
              <th scope="col">Reachable</th>
              <th scope="col">Match index</th>
            </tr>
          </thead>
          <tbody>
            {raft.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <code>{m.id}</code>
                </th>
                <td>{m.address}</td>
                <td>{m.role}</td>
                <td>
                  <Badge tone={m.reachable ? 'ok' : 'bad'}>{m.reachable ? 'yes' : 'no'}</Badge>
                </td>
                <td>{m.matchIndex ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
