import { Labels } from '../../components/labels';
import type { ResultOf } from '../../graphql/graphql';
import type { ServiceQuery } from '../../graphql/services.queries';
import { formatBytes, formatCpus } from '../../model/format';

type Spec = NonNullable<ResultOf<typeof ServiceQuery>['service']>['spec'];

const list = (items: readonly string[] | null | undefined) =>
  items?.length ? <code>{JSON.stringify(items)}</code> : <span className="muted">image default</span>;
const amount = (n: number, format: (n: number) => string, none: string) => (n ? format(n) : <span className="muted">{none}</span>);

export function SpecView({ spec }: { spec: Spec }) {
  const { reservations, limits } = spec.resources;
  return (
    <section aria-labelledby="spec-heading">
      <h2 id="spec-heading">Spec</h2>
      <dl className="facts">
        <dt>Image</dt>
        <dd>
          <code>{spec.image}</code>
        </dd>
        <dt>Command</dt>
        <dd>{list(spec.command)}</dd>
        <dt>Args</dt>
        <dd>{list(spec.args)}</dd>
        <dt>Environment</dt>
        <dd>{spec.env.length ? <code>{spec.env.join(' ')}</code> : <span className="muted">none</span>}</dd>
        <dt>Labels</dt>
        <dd>
          <Labels labels={spec.labels} />
        </dd>
        <dt>Ports</dt>
        <dd>
          {spec.ports.length ? spec.ports.map((p) => `${p.published ?? 'any'}:${p.target}/${p.protocol}`).join(', ') : <span className="muted">none</span>}
        </dd>
        <dt>Placement</dt>
        <dd>
          {spec.placement.strategy}
          {spec.placement.constraints.length > 0 && `; ${spec.placement.constraints.join(', ')}`}
          {spec.placement.preferences.length > 0 && `; spread over ${spec.placement.preferences.map((p) => p.spread).join(' then ')}`}
          {spec.placement.maxReplicasPerNode > 0 && `; at most ${spec.placement.maxReplicasPerNode} per node`}
        </dd>
        <dt>Reserved</dt>
        <dd>
          {amount(reservations.nanoCpus, formatCpus, 'no CPU')}, {amount(reservations.memoryBytes, formatBytes, 'no memory')}
        </dd>
        <dt>Limits</dt>
        <dd>
          {amount(limits.nanoCpus, formatCpus, 'CPU unlimited')}, {amount(limits.memoryBytes, formatBytes, 'memory unlimited')},{' '}
          {amount(limits.pids, String, 'pids unlimited')}
        </dd>
      </dl>
    </section>
  );
}
