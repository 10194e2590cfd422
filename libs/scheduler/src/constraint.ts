import type { CandidateNode } from './types';

/**
 * A placement constraint, `<attribute> == <value>` or `<attribute> != <value>`, as in
 * swarm mode. Attributes: node.id, node.hostname, node.role, node.platform.os,
 * node.platform.arch, node.labels.<key>, engine.labels.<key>. Values may have inner
 * spaces (label values can) and compare without regard to case; `!=` holds for a node
 * without the label.
 */
export interface Constraint {
  /** The expression as written, trimmed: what explanations quote. */
  text: string;
  attribute: string;
  equal: boolean;
  value: string;
}

/** Thrown by parseConstraint; the message says what is wrong in words a person can act on. */
export class ConstraintError extends Error {}

const FIXED = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch'];
const LABEL_PREFIXES = ['node.labels.', 'engine.labels.'];
export const CONSTRAINT_ATTRIBUTES = [...FIXED, 'node.labels.<key>', 'engine.labels.<key>'];

export function parseConstraint(expression: string): Constraint {
  const text = expression.trim();
  const m = /^([^=!\s]+)\s*(==|!=)\s*(.*)$/.exec(text);
  if (!m) throw new ConstraintError(`${JSON.stringify(expression)} is not <attribute>==<value> or <attribute>!=<value>`);
  const [, attribute, op, value] = m;
  checkAttribute(attribute);
  if (value === '') throw new ConstraintError(`${JSON.stringify(text)} has no value after ${op}`);
  if (/[=!]=/.test(value))
    throw new ConstraintError(`${JSON.stringify(text)}: the value ${JSON.stringify(value)} has a second operator; give each constraint on its own`);
  if (attribute === 'node.role' && !['manager', 'worker'].includes(value.toLowerCase())) {
    throw new ConstraintError(`${JSON.stringify(text)}: node.role is manager or worker`);
  }
  return { text, attribute, equal: op === '==', value };
}

/** Checks a label attribute for spread preferences: node.labels.<key> or engine.labels.<key>. */
export function checkLabelAttribute(attribute: string): void {
  if (!LABEL_PREFIXES.some((p) => attribute.startsWith(p) && attribute.length > p.length)) {
    throw new ConstraintError(`${JSON.stringify(attribute)} is not node.labels.<key> or engine.labels.<key>`);
  }
}

function checkAttribute(attribute: string): void {
  if (FIXED.includes(attribute)) return;
  if (LABEL_PREFIXES.some((p) => attribute.startsWith(p) && attribute.length > p.length)) return;
  throw new ConstraintError(`unknown attribute ${JSON.stringify(attribute)}; use one of ${CONSTRAINT_ATTRIBUTES.join(', ')}`);
}

/** The node's value for an attribute; undefined for a label it does not have. */
export function attributeOf(node: CandidateNode, attribute: string): string | undefined {
  switch (attribute) {
    case 'node.id':
      return node.id;
    case 'node.hostname':
      return node.hostname;
    case 'node.role':
      return node.role.toLowerCase();
    case 'node.platform.os':
      return node.os;
    case 'node.platform.arch':
      return node.arch;
  }
  if (attribute.startsWith('node.labels.')) return own(node.labels, attribute.slice('node.labels.'.length));
  if (attribute.startsWith('engine.labels.')) return own(node.engineLabels, attribute.slice('engine.labels.'.length));
  return undefined;
}

/** Null when the node satisfies the constraint, else what the node has instead. */
export function violation(node: CandidateNode, c: Constraint): string | null {
  const actual = attributeOf(node, c.attribute);
  const same = actual !== undefined && actual.toLowerCase() === c.value.toLowerCase();
  if (same === c.equal) return null;
  return actual === undefined ? `${c.attribute} is not set` : `${c.attribute} is ${JSON.stringify(actual)}`;
}

function own(record: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
