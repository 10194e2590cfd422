import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { LastUseRecorder } from './last-use.recorder';
import { LoginLimiter } from './login.limiter';

@Module({
  imports: [AuditModule],
  providers: [Authenticator, LastUseRecorder, LoginLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator, LoginLimiter],
})
export class AuthModule {}
