import { EditorView } from '@codemirror/view';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_SERVICE_FORM } from '../../model/service-form';
import { ServiceForm } from './service-form';

describe('ServiceForm', () => {
  it('shows what is wrong next to each field and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<ServiceForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Name'), 'bad name');
    await userEvent.type(screen.getByLabelText('Environment'), '=oops');
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));

    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('3 fields need attention.');
    expect(screen.getByLabelText('Name')).toBeInvalid();
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Use 1-63 letters/);
    expect(screen.getByLabelText('Image')).toHaveAccessibleDescription(/Give an image reference/);
    expect(screen.getByLabelText('Environment')).toHaveAccessibleDescription(/"=oops" is not KEY=VALUE/);
    expect(screen.getByLabelText('Replicas')).toBeValid();
  });

  it('sends the parsed input and puts the API field errors next to their field', async () => {
    const onSubmit = vi.fn().mockResolvedValue({ fieldErrors: { name: 'a service named "web" already exists' } });
    render(<ServiceForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Name'), 'web');
    await userEvent.type(screen.getByLabelText('Image'), 'shoal-test/busybox:1');
    await userEvent.clear(screen.getByLabelText('Replicas'));
    await userEvent.type(screen.getByLabelText('Replicas'), '3');
    await userEvent.type(screen.getByLabelText('Arguments'), 'httpd{enter}-f');
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));

    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'web',
        image: 'shoal-test/busybox:1',
        replicas: 3,
        args: ['httpd', '-f'],
        placement: { constraints: [], strategy: 'SPREAD' },
      }),
      expect.objectContaining({ name: 'web', replicas: '3' }),
    );
    expect(await screen.findByText('a service named "web" already exists')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/already exists/);
    expect(screen.getByLabelText('Image')).toBeValid();
  });

  it('shows an error that belongs to no field above the form', async () => {
    render(<ServiceForm onSubmit={vi.fn().mockResolvedValue({ error: 'Cannot reach the manager.' })} />);
    await userEvent.type(screen.getByLabelText('Name'), 'web');
    await userEvent.type(screen.getByLabelText('Image'), 'nginx');
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the manager.');
  });

  it('shows the input it will send as JSON while it is filled in', { timeout: 30_000 }, async () => {
    render(<ServiceForm onSubmit={vi.fn()} />);
    await userEvent.click(screen.getByText('As YAML or JSON'));
    await userEvent.selectOptions(await screen.findByLabelText('Text format', {}, { timeout: 15_000 }), 'JSON');
    const content = await screen.findByRole('textbox', { name: 'Service input as JSON' });
    await userEvent.type(screen.getByLabelText('Name'), 'web');
    await userEvent.type(screen.getByLabelText('Image'), 'nginx:1.27');
    await userEvent.type(screen.getByLabelText('Environment'), 'MODE=blue');
    const json: unknown = JSON.parse(EditorView.findFromDOM(content)!.state.doc.toString());
    expect(json).toEqual({ name: 'web', image: 'nginx:1.27', replicas: 1, env: ['MODE=blue'], placement: { constraints: [], strategy: 'SPREAD' } });
  });

  it('creates a replicated job with its completions and concurrency, and a global service without replicas', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    render(<ServiceForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Name'), 'migrate');
    await userEvent.type(screen.getByLabelText('Image'), 'shoal-test/busybox:1');
    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'Replicated job');
    expect(screen.queryByLabelText('Replicas')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Mode')).toHaveAccessibleDescription(/run to completion/);
    await userEvent.clear(screen.getByLabelText('Total completions'));
    await userEvent.type(screen.getByLabelText('Total completions'), '5');
    await userEvent.clear(screen.getByLabelText('Max concurrent tasks'));
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Max concurrent tasks')).toHaveAccessibleDescription(/1 or more/);

    await userEvent.type(screen.getByLabelText('Max concurrent tasks'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));
    const [job] = onSubmit.mock.calls[0] as [Record<string, unknown>];
    expect(job).toMatchObject({ mode: 'REPLICATED_JOB', job: { maxConcurrent: 2, totalCompletions: 5 } });
    expect(job).not.toHaveProperty('replicas');

    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'Global');
    expect(screen.queryByLabelText('Total completions')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create service' }));
    const [global] = onSubmit.mock.calls[1] as [Record<string, unknown>];
    expect(global).toMatchObject({ mode: 'GLOBAL' });
    expect(global).not.toHaveProperty('replicas');
    expect(global).not.toHaveProperty('job');
  });

  it('keeps the mode of a service being edited', () => {
    render(<ServiceForm onSubmit={vi.fn()} nameLocked initial={{ ...EMPTY_SERVICE_FORM, name: 'once', image: 'nginx', mode: 'GLOBAL_JOB' }} />);
    expect(screen.getByLabelText('Mode')).toBeDisabled();
    expect(screen.getByLabelText('Mode')).toHaveValue('GLOBAL_JOB');
  });
});
