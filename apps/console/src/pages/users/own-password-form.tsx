import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { ChangePasswordMutation } from '../../graphql/access.queries';
import { passwordProblem, type FieldErrors } from '../../model/access';

type Field = 'current' | 'next' | 'again';

/** Changing one's own password needs the current one; the user's other sessions end. */
export function OwnPasswordForm() {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', again: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [done, setDone] = useState(false);
  const [result, change] = useMutation(ChangePasswordMutation);
  const set = (f: Field) => (e: { target: { value: string } }) => setValues({ ...values, [f]: e.target.value });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setDone(false);
    const invalid: FieldErrors<Field> = {};
    if (values.current === '') invalid.current = 'Enter your current password.';
    const problem = passwordProblem(values.next);
    if (problem) invalid.next = problem;
    else if (values.again !== values.next) invalid.again = 'The two new passwords differ.';
    setErrors(invalid);
    if (Object.keys(invalid).length) return;
    const r = await change({ currentPassword: values.current, newPassword: values.next });
    if (r.error) {
      const code = r.error.graphQLErrors[0]?.extensions?.code;
      if (code === 'UNAUTHENTICATED') setErrors({ current: 'That is not your current password.' });
      else if (code === 'RATE_LIMITED') setErrors({ current: `Too many wrong passwords: ${r.error.graphQLErrors[0].message}.` });
      else setErrors({ next: describeError(r.error) });
      return;
    }
    setValues({ current: '', next: '', again: '' });
    setDone(true);
  };

  return (
    <section aria-labelledby="own-password-heading">
      <h2 id="own-password-heading">Change your password</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormField id="pw-current" label="Current password" error={errors.current}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={values.current} onChange={set('current')} />}
        </FormField>
        <FormField id="pw-next" label="New password" help="8-72 bytes. Your other sessions end." error={errors.next}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.next} onChange={set('next')} />}
        </FormField>
        <FormField id="pw-again" label="New password again" error={errors.again}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.again} onChange={set('again')} />}
        </FormField>
        <button type="submit" disabled={result.fetching}>
          Change password
        </button>{' '}
        {done && (
          <span role="status" className="muted">
            Password changed.
          </span>
        )}
      </form>
    </section>
  );
}
