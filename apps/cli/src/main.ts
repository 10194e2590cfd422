#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { CliError, gql } from './api';
import { print } from './table';
import { RUNTIME_FLAGS_USAGE, runtimeFlag } from './runtime-flags';

const USAGE = `Usage: shoal [--format table|json] COMMAND

  shoal node ls
  shoal service ls
  shoal service create --name NAME [--replicas N] [--env K=V]... [--publish PUBLISHED:TARGET]...
                       ${RUNTIME_FLAGS_USAGE} IMAGE [ARG...]
  shoal service ps SERVICE
  shoal service scale SERVICE=REPLICAS
  shoal service rm SERVICE
  shoal service rollback SERVICE
  shoal cluster info

Environment: SHOAL_URL (default http://127.0.0.1:4000/graphql), SHOAL_TOKEN
(default: the token in .shoal/admin-token, as written by npm start).`;

interface Service {
  id: string;
  name: string;
  image: string;
  replicas: number;
  runningReplicas: number;
}

async function main(argv: string[]): Promise<void> {
  let format: 'table' | 'json' = 'table';
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--format') format = argv[++i] === 'json' ? 'json' : 'table';
    else if (argv[i] === '-h' || argv[i] === '--help') return void process.stdout.write(`${USAGE}\n`);
    else args.push(argv[i]);
  }
  const url = process.env.SHOAL_URL ?? 'http://127.0.0.1:4000/graphql';
  const token = process.env.SHOAL_TOKEN ?? (existsSync('.shoal/admin-token') ? readFileSync('.shoal/admin-token', 'utf8').trim() : undefined);
  const api = <T>(q: string, v?: Record<string, unknown>) => gql<T>(url, token, q, v);
  const serviceId = async (ref: string): Promise<string> => {
    const { byName } = await api<{ byName: { id: string } | null }>('query($n: String) { byName: service(name: $n) { id } }', { n: ref });
    if (byName) return byName.id;
    const { byId } = await api<{ byId: { id: string } | null }>('query($id: ID) { byId: service(id: $id) { id } }', { id: ref });
    if (byId) return byId.id;
    throw new CliError(`no such service: ${ref}`);
  };

  const [group, verb, ...rest] = args;
  switch (`${group ?? ''} ${verb ?? ''}`) {
    case 'node ls': {
      const { nodes } = await api<{
        nodes: { id: string; hostname: string; role: string; availability: string; status: { state: string }; description: { engineVersion: string } }[];
      }>('{ nodes { id hostname role availability status { state } description { engineVersion } } }');
      return print(
        nodes.map((n) => ({
          id: n.id,
          hostname: n.hostname,
          status: n.status.state,
          availability: n.availability,
          role: n.role,
          engine: n.description.engineVersion,
        })),
        ['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'ROLE', 'ENGINE'],
        format,
      );
    }
    case 'service ls': {
      const { services } = await api<{ services: Service[] }>('{ services { id name image replicas runningReplicas } }');
      return print(
        services.map((s) => ({ id: s.id, name: s.name, replicas: `${s.runningReplicas}/${s.replicas}`, image: s.image })),
        ['ID', 'NAME', 'REPLICAS', 'IMAGE'],
        format,
      );
    }
    case 'service create': {
      const input: Record<string, unknown> = { env: [] as string[], ports: [] as unknown[] };
      let i = 0;
      for (; i < rest.length && rest[i].startsWith('--'); i++) {
        const [flag, value] = [rest[i], rest[++i]];
        if (value === undefined) throw new CliError(`${flag} needs a value`);
        if (flag === '--name') input.name = value;
        else if (flag === '--replicas') input.replicas = Number(value);
        else if (flag === '--env') (input.env as string[]).push(value);
        else if (flag === '--publish') {
          const m = /^(\d+):(\d+)(?:\/(tcp|udp|sctp))?$/.exec(value);
          if (!m) throw new CliError(`--publish ${value}: expected PUBLISHED:TARGET[/PROTOCOL]`);
          (input.ports as unknown[]).push({ published: Number(m[1]), target: Number(m[2]), protocol: m[3] ?? 'tcp' });
        } else if (!runtimeFlag(flag, value, input)) throw new CliError(`unknown flag ${flag}`);
      }
      input.image = rest[i];
      if (!input.image || !input.name) throw new CliError(`service create needs --name and an IMAGE\n\n${USAGE}`);
      if (rest.length > i + 1) input.args = rest.slice(i + 1);
      const { createService } = await api<{ createService: { id: string } }>('mutation($input: CreateServiceInput!) { createService(input: $input) { id } }', {
        input,
      });
      return void process.stdout.write(`${createService.id}\n`);
    }
    case 'service ps': {
      const id = await serviceId(rest[0] ?? '');
      const { tasks } = await api<{
        tasks: {
          id: string;
          serviceName: string;
          slot: number;
          nodeId: string | null;
          desiredState: string;
          status: { state: string; message: string; err: string | null };
        }[];
      }>('query($id: ID!) { tasks(filter: { serviceId: $id }) { id serviceName slot nodeId desiredState status { state message err } } }', { id });
      return print(
        tasks.map((t) => ({
          id: t.id,
          name: `${t.serviceName}.${t.slot}`,
          node: t.nodeId ?? '',
          desiredstate: t.desiredState,
          currentstate: t.status.state,
          error: t.status.err ?? (t.status.state === 'PENDING' ? t.status.message : ''),
        })),
        ['ID', 'NAME', 'NODE', 'DESIRED STATE', 'CURRENT STATE', 'ERROR'],
        format,
      );
    }
    case 'service scale': {
      for (const pair of rest) {
        const m = /^(.+)=(\d+)$/.exec(pair);
        if (!m) throw new CliError(`${pair}: expected SERVICE=REPLICAS`);
        await api('mutation($id: ID!, $n: Int!) { scaleService(id: $id, replicas: $n) { id } }', { id: await serviceId(m[1]), n: Number(m[2]) });
        process.stdout.write(`${m[1]} scaled to ${m[2]}\n`);
      }
      return;
    }
    case 'service rm': {
      for (const ref of rest) {
        await api('mutation($id: ID!) { removeService(id: $id) }', { id: await serviceId(ref) });
        process.stdout.write(`${ref}\n`);
      }
      return;
    }
    case 'service rollback': {
      const ref = rest[0] ?? '';
      const { rollbackService } = await api<{ rollbackService: { updateStatus: { message: string } | null } }>(
        'mutation($id: ID!) { rollbackService(id: $id) { updateStatus { message } } }',
        { id: await serviceId(ref) },
      );
      return void process.stdout.write(`${ref}: ${rollbackService.updateStatus?.message ?? 'rollback started'}\n`);
    }
    case 'cluster info': {
      const { cluster } = await api<{ cluster: { id: string; name: string; clusterAddr: string; appliedIndex: number; settings: Record<string, number> } }>(
        '{ cluster { id name clusterAddr appliedIndex settings { heartbeatPeriodMs heartbeatGrace taskHistoryLimit restartDelayMs } } }',
      );
      if (format === 'json') return void process.stdout.write(`${JSON.stringify(cluster, null, 2)}\n`);
      process.stdout.write(
        `ID:             ${cluster.id}\nName:           ${cluster.name}\nAgents connect: ${cluster.clusterAddr}\nApplied index:  ${cluster.appliedIndex}\n`,
      );
      for (const [k, v] of Object.entries(cluster.settings)) process.stdout.write(`${k}: ${v}\n`);
      return;
    }
    default:
      throw new CliError(args.length ? `unknown command: ${args.join(' ')}\n\n${USAGE}` : USAGE, 64);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`shoal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof CliError ? err.exitCode : 1);
});
