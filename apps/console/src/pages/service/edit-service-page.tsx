import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ApiError, describeError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { ServiceQuery, UpdateServiceMutation } from '../../graphql/services.queries';
import { diffForm, replacesTasks, specToFormValues, toUpdateInput, type FieldChange, type UpdateServiceInput } from '../../model/service-edit';
import { FIELD_LABELS } from '../../model/service-form';
import { ServiceForm, type SubmitOutcome } from '../create-service/service-form';

interface Review {
  input: UpdateServiceInput;
  changes: FieldChange[];
}

/** Edit a service's spec: the form starts from what runs, and the changes are shown before they are applied. */
export default function EditServicePage() {
  const { id = '' } = useParams();
  // Read once, not live: the form must not move under the person's hands. The version guards against changes made meanwhile.
  const [{ data, error }] = useQuery({ query: ServiceQuery, variables: { id } });
  const [review, setReview] = useState<Review | null>(null);
  const [result, update] = useMutation(UpdateServiceMutation);
  const [applyError, setApplyError] = useState<string | null>(null);
  const navigate = useNavigate();
  const service = data?.service;
  if (data && !service)
    return (
      <>
        <PageTitle>Service not found</PageTitle>
        <p>
          There is no service with id <code>{id}</code>. <Link to="/services">All services</Link>
        </p>
      </>
    );
  if (!service)
    return (
      <>
        <PageTitle>Edit service</PageTitle>
        <ApiError error={error} />
      </>
    );
  const initial = specToFormValues(service);

  const check = async (input: Parameters<typeof toUpdateInput>[0], values: typeof initial): Promise<SubmitOutcome> => {
    const changes = diffForm(initial, values);
    if (changes.length === 0) return { error: 'Nothing changed.' };
    setApplyError(null);
    setReview({ input: toUpdateInput(input, service.spec), changes });
    return {};
  };

  const apply = async (): Promise<void> => {
    if (!review) return;
    const r = await update({ id: service.id, version: service.version, input: review.input });
    if (!r.error) {
      await navigate(`/services/${service.id}`);
      return;
    }
    if (r.error.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT')) {
      setApplyError('The service changed since this page read it. Open the service again to start from its new spec.');
    } else setApplyError(describeError(r.error));
  };

  return (
    <>
      <PageTitle>{`Edit service ${service.name}`}</PageTitle>
      {review && (
        <section className="panel panel-warning" aria-labelledby="review-heading">
          <h2 id="review-heading">Review the changes</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Now</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {review.changes.map((c) => (
                <tr key={c.field}>
                  <th scope="row">{FIELD_LABELS[c.field]}</th>
                  <td>
                    <pre className="diff-old">{c.before || '(none)'}</pre>
                  </td>
                  <td>
                    <pre className="diff-new">{c.after || '(none)'}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {replacesTasks(review.changes)
              ? `All ${service.runningReplicas} running tasks are replaced by tasks of the new spec.`
              : 'Only the number of tasks changes: tasks are added or removed, the others keep running.'}
          </p>
          <button type="button" onClick={() => void apply()} disabled={result.fetching}>
            Apply changes
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setReview(null)}>
            Back to the form
          </button>
          {applyError && (
            <p className="error" role="alert">
              {applyError}
            </p>
          )}
        </section>
      )}
      <div hidden={review !== null}>
        <ServiceForm initial={initial} nameLocked submitLabel="Review changes" onSubmit={check} />
      </div>
    </>
  );
}
