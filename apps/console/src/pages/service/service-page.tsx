import { Link, useParams } from 'react-router';
import { ApiError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { PlacementReport } from '../../components/placement-report';
import { Badge } from '../../components/state-badge';
import { ServiceQuery } from '../../graphql/services.queries';
import { useLiveQuery } from '../../live/use-live-query';
import { formatTime } from '../../model/format';
import { RedeployService } from './redeploy-service';
import { RemoveService } from './remove-service';
import { RolloutView } from './rollout-view';
import { ScaleForm } from './scale-form';
import { ServiceLogs } from './service-logs';
import { SlotsTable } from './slots-table';
import { SpecView } from './spec-view';

export default function ServicePage() {
  const { id = '' } = useParams();
  const [{ data, error }] = useLiveQuery(ServiceQuery, { id });
  const service = data?.service;
  if (data && !service)
    return (
      <>
        <PageTitle>Service not found</PageTitle>
        <p>
          There is no service with id <code>{id}</code>; it may have been removed. <Link to="/services">All services</Link>
        </p>
      </>
    );
  const pending = data?.pendingTasks.totalCount ?? 0;
  return (
    <>
      <PageTitle>{service ? `Service ${service.name}` : 'Service'}</PageTitle>
      <ApiError error={error} />
      {service && (
        <>
          <p className="big" aria-live="polite">
            <Badge tone={service.runningReplicas === service.replicas ? 'ok' : 'progress'}>{`${service.runningReplicas}/${service.replicas} running`}</Badge>{' '}
            <span className="muted">updated {formatTime(service.updatedAt)}</span>
          </p>
          <div className="actions-row">
            <ScaleForm key={service.replicas} id={service.id} replicas={service.replicas} />
            <Link className="button" to={`/services/${service.id}/edit`}>
              Edit spec
            </Link>
            <RedeployService id={service.id} name={service.name} version={service.version} />
            <RemoveService id={service.id} name={service.name} />
          </div>
          <RolloutView id={service.id} />
          <PlacementReport report={service.placement} pending={pending} />
          <SlotsTable serviceId={service.id} />
          <SpecView spec={service.spec} />
          <ServiceLogs serviceId={service.id} serviceName={service.name} />
        </>
      )}
    </>
  );
}
