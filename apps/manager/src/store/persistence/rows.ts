import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * SQLite rows: one table per kind, each object as JSON beside its id and version, and
 * the applied index in `meta`. The in-memory StateMachine answers queries; these
 * tables are its durable copy, written in the same transaction as the applied index.
 */
abstract class ObjectRow {
  @PrimaryColumn('text') id!: string;
  @Column('integer') version!: number;
  @Column('text') data!: string;
}

@Entity('clusters')
export class ClusterRow extends ObjectRow {}
@Entity('nodes')
export class NodeRow extends ObjectRow {}
@Entity('services')
export class ServiceRow extends ObjectRow {}
@Entity('tasks')
export class TaskRow extends ObjectRow {}
@Entity('tokens')
export class TokenRow extends ObjectRow {}

@Entity('users')
export class UserRow extends ObjectRow {}
@Entity('sessions')
export class SessionRow extends ObjectRow {}
@Entity('audit_records')
export class AuditRow extends ObjectRow {}

@Entity('meta')
export class MetaRow {
  @PrimaryColumn('text') key!: string;
  @Column('text') value!: string;
}

export const ROW_OF = {
  cluster: ClusterRow,
  node: NodeRow,
  service: ServiceRow,
  task: TaskRow,
  token: TokenRow,
  user: UserRow,
  session: SessionRow,
  audit: AuditRow,
} as const;
