import { EditorView } from '@codemirror/view';
import { screen, render, waitFor, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServiceForm } from './service-form';

/** The editor's view, to change its text as typing would (jsdom has no layout for CodeMirror's input handling). */
async function editor(): Promise<EditorView> {
  const content = await screen.findByRole('textbox', { name: 'Service input as YAML' }, { timeout: 15_000 });
  return EditorView.findFromDOM(content)!;
}

// The first opening loads CodeMirror's chunk, which takes seconds on a busy machine.
describe('the YAML view of the service form', { timeout: 30_000 }, () => {
  it('follows the form, and an edit of the text fills the form', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    render(<ServiceForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Name'), 'web');
    await userEvent.type(screen.getByLabelText('Image'), 'nginx:1.27');
    await userEvent.click(screen.getByText('As YAML or JSON'));
    const view = await editor();
    expect(view.state.doc.toString()).toContain('name: web\nimage: nginx:1.27\nreplicas: 1\n');

    await userEvent.type(screen.getByLabelText('Environment'), 'MODE=blue');
    await waitFor(() => expect(view.state.doc.toString()).toContain('env:\n  - MODE=blue\n'));

    act(() =>
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: 'name: api\nimage: nginx:1.27\nreplicas: 4\nports:\n  - target: 80\n    published: 8080\n' },
      }),
    );
    expect(screen.getByLabelText('Name')).toHaveValue('api');
    expect(screen.getByLabelText('Replicas')).toHaveValue(4);
    expect(screen.getByLabelText('Published ports')).toHaveValue('8080:80/tcp');
    expect(screen.getByLabelText('Environment')).toHaveValue('');
  });

  it('lists what is wrong in the text by line, and leaves the form as it was', async () => {
    render(<ServiceForm onSubmit={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Name'), 'web');
    await userEvent.type(screen.getByLabelText('Image'), 'nginx');
    await userEvent.click(screen.getByText('As YAML or JSON'));
    const view = await editor();
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: 'name: api\nimage: nginx\nreplica: 3\n' } }));
    expect(await screen.findByText(/^Line 3: "replica" is not a field this form carries/)).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('web');
  });
});
