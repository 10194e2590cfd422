import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { UpdateUserMutation } from '../../graphql/access.queries';
import { passwordProblem } from '../../model/access';

/** An admin sets someone's password; that user's sessions end. */
export function ResetPassword({ id, username }: { id: string; username: string }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [result, update] = useMutation(UpdateUserMutation);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const invalid = passwordProblem(password);
    setError(invalid);
    if (invalid) return;
    const r = await update({ id, input: { password } });
    if (r.error) return setError(describeError(r.error));
    setPassword('');
    setOpen(false);
    setDone(true);
  };

  if (!open)
    return (
      <>
        <button type="button" className="button-quiet" onClick={() => (setOpen(true), setDone(false))}>
          Reset password of {username}
        </button>
        {done && (
          <span role="status" className="muted">
            Password set; {username}&apos;s sessions ended.
          </span>
        )}
      </>
    );
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormField id={`reset-${id}`} label={`New password for ${username}`} error={error}>
        {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </FormField>
      <button type="submit" disabled={result.fetching}>
        Set password
      </button>{' '}
      <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
