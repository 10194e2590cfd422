import { describe, expect, it } from 'vitest';
import { EMPTY_SERVICE_FORM, type ServiceFormValues } from './service-form';
import { formatSpec, parseSpecText } from './service-spec-text';

const values: ServiceFormValues = {
  ...EMPTY_SERVICE_FORM,
  name: 'web',
  image: 'nginx:1.27',
  replicas: '3',
  env: 'MODE=blue',
  labels: 'tier=front',
  ports: '8080:80/tcp',
  constraints: 'node.labels.zone==eu',
  reserveMemoryMiB: '16',
};

describe('service spec as text', () => {
  it('turns the form into YAML and JSON and back to the same form', () => {
    const yaml = formatSpec(values, 'yaml')!;
    expect(yaml).toContain('name: web\n');
    expect(parseSpecText(yaml)).toEqual({ values, problems: [] });
    expect(parseSpecText(formatSpec(values, 'json')!)).toEqual({ values, problems: [] });
  });

  it("carries the mode and a job's sizes both ways, and refuses an unknown mode", () => {
    const job: ServiceFormValues = { ...values, replicas: '1', mode: 'REPLICATED_JOB', maxConcurrent: '2', totalCompletions: '6' };
    const yaml = formatSpec(job, 'yaml')!;
    expect(yaml).toContain('mode: REPLICATED_JOB');
    expect(parseSpecText(yaml)).toEqual({ values: job, problems: [] });
    const global: ServiceFormValues = { ...values, replicas: '1', mode: 'GLOBAL' };
    expect(parseSpecText(formatSpec(global, 'json')!)).toEqual({ values: global, problems: [] });
    expect(parseSpecText(yaml.replace('REPLICATED_JOB', 'SOMETIMES')).problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"mode" should be one of') }),
    ]);
  });

  it('carries how the image is pinned both ways, leaving the default out, and refuses an unknown choice', () => {
    expect(formatSpec(values, 'yaml')).not.toContain('resolveImage');
    const never: ServiceFormValues = { ...values, resolveImage: 'NEVER' };
    const yaml = formatSpec(never, 'yaml')!;
    expect(yaml).toContain('resolveImage: NEVER\n');
    expect(parseSpecText(yaml)).toEqual({ values: never, problems: [] });
    expect(parseSpecText(yaml.replace('NEVER', 'SOMETIMES')).problems).toEqual([
      expect.objectContaining({ message: '"resolveImage" should be one of CHANGED, NEVER, ALWAYS.' }),
    ]);
  });

  it("keeps an existing service's name", () => {
    const text = formatSpec(values, 'yaml')!.replace('name: web', 'name: api');
    expect(parseSpecText(text, 'web').problems).toEqual([expect.objectContaining({ message: 'A service\'s name cannot change: keep "web".' })]);
    expect(parseSpecText(text).problems).toEqual([]);
  });

  it('has no text while the form has errors', () => {
    expect(formatSpec({ ...values, name: 'bad name' }, 'yaml')).toBeNull();
  });

  it('says where the text is wrong: syntax, unknown fields, wrong types', () => {
    const syntax = parseSpecText('name: web\nimage: [nginx\n');
    expect(syntax.values).toBeUndefined();
    expect(syntax.problems[0].from).toBeGreaterThan(9);

    const text = 'name: web\nimage: nginx\nreplica: 3\nenv: MODE=blue\n';
    const { problems } = parseSpecText(text);
    expect(problems.map((p) => [text.slice(p.from, p.to), p.message])).toEqual([
      ['replica', expect.stringContaining('"replica" is not a field this form carries')],
      ['MODE=blue', '"env" should be a list of strings.'],
    ]);
  });
});
