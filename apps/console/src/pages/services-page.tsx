import { Link } from 'react-router';
import { ApiError } from '../components/api-error';
import { PageTitle } from '../components/page-title';
import { Badge } from '../components/state-badge';
import { ServicesQuery } from '../graphql/services.queries';
import { useLiveQuery } from '../live/use-live-query';
import { formatTime } from '../model/format';

export default function ServicesPage() {
  const [{ data, error }] = useLiveQuery(ServicesQuery, {});
  return (
    <>
      <PageTitle>Services</PageTitle>
      <p>
        <Link className="button" to="/services/new">
          Create service
        </Link>
      </p>
      <ApiError error={error} />
      {data && data.services.length === 0 && <p>No services yet.</p>}
      {data && data.services.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Image</th>
                <th scope="col">Replicas (running/desired)</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {data.services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/services/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>
                    <code>{s.image}</code>
                  </td>
                  <td>
                    <Badge tone={s.runningReplicas === s.replicas ? 'ok' : 'progress'}>{`${s.runningReplicas}/${s.replicas}`}</Badge>
                  </td>
                  <td>{formatTime(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
