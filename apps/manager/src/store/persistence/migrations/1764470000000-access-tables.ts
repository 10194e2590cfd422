import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, console sessions and the audit log (issue 5), stored like every other kind. */
export class AccessTables1764470000000 implements MigrationInterface {
  name = 'AccessTables1764470000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'sessions', 'audit_records']) {
      await q.query(`CREATE TABLE "${table}" ("id" text PRIMARY KEY NOT NULL, "version" integer NOT NULL, "data" text NOT NULL)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_records', 'sessions', 'users']) await q.query(`DROP TABLE "${table}"`);
  }
}
