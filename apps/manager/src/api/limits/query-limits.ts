import { FragmentDefinitionNode, GraphQLError, Kind, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

export interface QueryLimits {
  /** Deepest selection allowed (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Field selections in one operation, fragments expanded and aliases counted each time. */
  maxFields: number;
}

/**
 * Refuses, before anything runs, an operation nested deeper than `maxDepth` or selecting
 * more than `maxFields` fields once fragments are expanded — the hostile shapes (deep
 * nesting, a field aliased a thousand times, fragments that multiply) cost the server
 * nothing then. Errors carry the codes QUERY_TOO_DEEP and QUERY_TOO_COMPLEX.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const rule: ValidationRule = (context: ValidationContext) => ({
    OperationDefinition(node) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const tally = { fields: 0, depth: 0 };
      const ok = walk(node.selectionSet, 1, fragments, new Set(), tally, limits);
      const name = node.name ? ` ${node.name.value}` : '';
      if (!ok && tally.depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(`operation${name} is nested deeper than ${limits.maxDepth} levels`, { nodes: [node], extensions: { code: 'QUERY_TOO_DEEP' } }),
        );
      } else if (!ok) {
        context.reportError(
          new GraphQLError(`operation${name} selects more than ${limits.maxFields} fields (aliases and fragments counted each time)`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          }),
        );
      }
    },
  });
  return [rule];
}

/** Counts fields and depth; stops (returns false) as soon as a limit is passed, so the walk itself is bounded. */
function walk(
  set: SelectionSetNode,
  depth: number,
  fragments: Map<string, FragmentDefinitionNode>,
  path: Set<string>,
  tally: { fields: number; depth: number },
  limits: QueryLimits,
): boolean {
  tally.depth = Math.max(tally.depth, depth);
  if (depth > limits.maxDepth) return false;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (++tally.fields > limits.maxFields) return false;
      if (s.selectionSet && !walk(s.selectionSet, depth + 1, fragments, path, tally, limits)) return false;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (!walk(s.selectionSet, depth, fragments, path, tally, limits)) return false;
    } else {
      const f = fragments.get(s.name.value);
      if (!f || path.has(f.name.value)) continue; // unknown or cyclic: graphql's own rules report it
      path.add(f.name.value);
      const ok = walk(f.selectionSet, depth, fragments, path, tally, limits);
      path.delete(f.name.value);
      if (!ok) return false;
    }
  }
  return true;
}
