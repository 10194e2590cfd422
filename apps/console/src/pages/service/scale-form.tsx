import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ApiError } from '../../components/api-error';
import { ScaleServiceMutation } from '../../graphql/services.queries';

export function ScaleForm({ id, replicas }: { id: string; replicas: number }) {
  const [value, setValue] = useState(String(replicas));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [result, scale] = useMutation(ScaleServiceMutation);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
      setInvalid('Give a whole number, 0 or more.');
      return;
    }
    setInvalid(null);
    void scale({ id, replicas: n });
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="scale-replicas">Replicas</label>
        <input
          id="scale-replicas"
          type="number"
          min={0}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={invalid !== null}
          aria-describedby={invalid ? 'scale-error' : undefined}
        />
      </div>
      <button type="submit" disabled={result.fetching}>
        Scale
      </button>
      {invalid && (
        <p id="scale-error" className="error" role="alert">
          {invalid}
        </p>
      )}
      <ApiError error={result.error} />
    </form>
  );
}
