import {
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../pagination/keyset';

export interface QueryLimits {
  /** Deepest selection allowed (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Field selections in one operation, fragments expanded and aliases counted each time. */
  maxFields: number;
  /**
   * Objects one operation may ask for: every field that takes `first` counts `first` (its
   * default when omitted, the maximum when a variable) times the `first`s of the lists
   * around it, aliases counted each time.
   */
  maxItems?: number;
}

interface Tally {
  fields: number;
  depth: number;
  items: number;
  exceeded?: 'depth' | 'fields' | 'items';
}

/**
 * Refuses, before anything runs, an operation nested deeper than `maxDepth`, selecting
 * more than `maxFields` fields once fragments are expanded, or asking for more than
 * `maxItems` objects through its pages — the hostile shapes (deep nesting, a field aliased a
 * thousand times, fragments that multiply, pages of pages) cost the server nothing then.
 * Errors carry the codes QUERY_TOO_DEEP and QUERY_TOO_COMPLEX.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const rule: ValidationRule = (context: ValidationContext) => ({
    OperationDefinition(node) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const tally: Tally = { fields: 0, depth: 0, items: 0 };
      const schema = context.getSchema();
      const walker = new Walker(schema, fragments, limits, tally);
      walker.walk(node.selectionSet, 1, schema.getRootType(node.operation) ?? undefined, 1);
      const name = node.name ? ` ${node.name.value}` : '';
      if (tally.exceeded === 'depth') {
        context.reportError(
          new GraphQLError(`operation${name} is nested deeper than ${limits.maxDepth} levels`, { nodes: [node], extensions: { code: 'QUERY_TOO_DEEP' } }),
        );
      } else if (tally.exceeded === 'fields') {
        context.reportError(
          new GraphQLError(`operation${name} selects more than ${limits.maxFields} fields (aliases and fragments counted each time)`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          }),
        );
      } else if (tally.exceeded === 'items') {
        context.reportError(
          new GraphQLError(`operation${name} may ask for more than ${limits.maxItems} objects (first times the lists around it): ask for smaller pages`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          }),
        );
      }
    },
  });
  return [rule];
}

/** Counts fields, depth and objects; stops (returns false) as soon as a limit is passed, so the walk itself is bounded. */
class Walker {
  private readonly path = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly limits: QueryLimits,
    private readonly tally: Tally,
  ) {}

  walk(set: SelectionSetNode, depth: number, parent: GraphQLNamedType | undefined, width: number): boolean {
    const t = this.tally;
    t.depth = Math.max(t.depth, depth);
    if (depth > this.limits.maxDepth) return this.fail('depth');
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (++t.fields > this.limits.maxFields) return this.fail('fields');
        const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[s.name.value] : undefined;
        let inner = width;
        if (def?.args.some((a) => a.name === 'first')) {
          inner = width * pageWidth(s);
          t.items += inner;
          if (this.limits.maxItems !== undefined && t.items > this.limits.maxItems) return this.fail('items');
        }
        if (s.selectionSet && !this.walk(s.selectionSet, depth + 1, def ? getNamedType(def.type) : undefined, inner)) return false;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = s.typeCondition ? this.schema.getType(s.typeCondition.name.value) : parent;
        if (!this.walk(s.selectionSet, depth, type ?? undefined, width)) return false;
      } else {
        const f = this.fragments.get(s.name.value);
        if (!f || this.path.has(f.name.value)) continue; // unknown or cyclic: graphql's own rules report it
        this.path.add(f.name.value);
        const ok = this.walk(f.selectionSet, depth, this.schema.getType(f.typeCondition.name.value) ?? undefined, width);
        this.path.delete(f.name.value);
        if (!ok) return false;
      }
    }
    return true;
  }

  private fail(limit: Tally['exceeded']): false {
    this.tally.exceeded ??= limit;
    return false;
  }
}

/** What a field's `first` may return: the literal, the maximum for a variable, the default when omitted. */
function pageWidth(field: FieldNode): number {
  const first = field.arguments?.find((a) => a.name.value === 'first')?.value;
  if (!first) return DEFAULT_PAGE;
  if (first.kind === Kind.INT) return Math.min(MAX_PAGE, Math.max(1, Number(first.value))); // out of range: the resolver refuses it
  return MAX_PAGE;
}
