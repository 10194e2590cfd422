import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { PageTitle } from '../../components/page-title';
import { CreateServiceMutation } from '../../graphql/services.queries';
import { formFieldOf, type CreateServiceInput, type FieldErrors } from '../../model/service-form';
import { ServiceForm, type SubmitOutcome } from './service-form';

export default function CreateServicePage() {
  const [, create] = useMutation(CreateServiceMutation);
  const navigate = useNavigate();

  const submit = async (input: CreateServiceInput): Promise<SubmitOutcome> => {
    const result = await create({ input });
    const created = result.data?.createService;
    if (created) {
      await navigate(`/services/${created.id}`);
      return {};
    }
    if (!result.error) return { error: 'The manager gave no answer; try again.' };
    const fieldErrors: FieldErrors = {};
    for (const e of result.error.graphQLErrors) {
      const apiField = e.extensions?.field;
      const field = typeof apiField === 'string' ? formFieldOf(apiField) : null;
      if (field) fieldErrors[field] = e.message.replace(/^[\w.[\]]+: /, '');
    }
    return Object.keys(fieldErrors).length > 0 ? { fieldErrors } : { error: describeError(result.error) };
  };

  return (
    <>
      <PageTitle>Create service</PageTitle>
      <ServiceForm onSubmit={submit} />
    </>
  );
}
