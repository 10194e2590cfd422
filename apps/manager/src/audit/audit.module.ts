import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';
import { AuditWriter } from './audit.writer';

@Module({
  providers: [AuditWriter, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditWriter],
})
export class AuditModule {}
