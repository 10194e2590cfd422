import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../components/api-error';
import { FormField } from '../../components/form-field';
import { SetNodeLabelsMutation } from '../../graphql/nodes.queries';
import { formatKeyValueLines, parseKeyValueLines, type KeyValue } from '../../model/key-values';

interface Props {
  id: string;
  version: number;
  labels: readonly KeyValue[];
}

/** The operator's labels of a node (what `node.labels.<key>` constraints match), replaced as a whole. */
export function NodeLabelsForm({ id, version, labels }: Props) {
  const current = formatKeyValueLines(labels);
  const [base, setBase] = useState(current);
  const [text, setText] = useState(current);
  if (current !== base) {
    // The labels changed on the manager: follow them unless the person is editing.
    setBase(current);
    if (text === base) setText(current);
  }
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [result, save] = useMutation(SetNodeLabelsMutation);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const { pairs, bad } = parseKeyValueLines(text);
    if (bad !== null) {
      setError(`"${bad}" is not key=value.`);
      return;
    }
    const r = await save({ id, version, labels: pairs });
    setError(r.error ? describeError(r.error) : undefined);
    setSaved(!r.error);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <FormField id="node-labels" label="Labels" help="One key=value per line; placement constraints match them as node.labels.<key>." error={error}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </FormField>
      <button type="submit" disabled={result.fetching}>
        Save labels
      </button>{' '}
      {saved && (
        <span role="status" className="muted">
          Saved.
        </span>
      )}
    </form>
  );
}
