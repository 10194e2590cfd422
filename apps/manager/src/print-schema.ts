import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RESOLVERS } from './api/resolvers';

/**
 * Prints the code-first schema without starting a server. `--check` exits 1 when the
 * committed apps/manager/schema.graphql differs from what the code defines.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const factory = app.get(GraphQLSchemaFactory);
  const schema = lexicographicSortSchema(await factory.create(RESOLVERS));
  const text = `# Generated from the manager's resolvers by \`npm run schema:print\`; do not edit.\n\n${printSchema(schema)}\n`;
  const file = resolve(__dirname, '../schema.graphql');
  await app.close();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== text) {
      process.stderr.write('apps/manager/schema.graphql is stale: run `npm run schema:print` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('schema.graphql is up to date\n');
    return;
  }
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}

void main();
