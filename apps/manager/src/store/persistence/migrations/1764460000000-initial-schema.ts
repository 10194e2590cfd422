import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['clusters', 'nodes', 'services', 'tasks', 'tokens']) {
      await q.query(`CREATE TABLE "${table}" ("id" text PRIMARY KEY NOT NULL, "version" integer NOT NULL, "data" text NOT NULL)`);
    }
    await q.query(`CREATE TABLE "meta" ("key" text PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['meta', 'tokens', 'tasks', 'services', 'nodes', 'clusters']) await q.query(`DROP TABLE "${table}"`);
  }
}
