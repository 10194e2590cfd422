import { useQuery } from 'urql';
import { MeQuery } from '../graphql/access.queries';
import type { Role } from '../model/access';

export interface Me {
  kind: 'SESSION' | 'TOKEN';
  name: string;
  role: Role;
  /** The user behind the session or token; null for the bootstrap admin token. */
  userId: string | null;
}

/** Who the console acts as; null until the manager has said. */
export function useMe(): Me | null {
  const [{ data }] = useQuery({ query: MeQuery });
  if (!data) return null;
  const { kind, name, role, user } = data.me;
  return { kind, name, role, userId: user?.id ?? null };
}
