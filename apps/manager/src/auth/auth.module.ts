import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { LastUseRecorder } from './last-use.recorder';
import { LiveConnections } from './live-connections';
import { LoginLimiter } from './login.limiter';

@Module({
  imports: [AuditModule],
  providers: [Authenticator, LastUseRecorder, LiveConnections, LoginLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator, LiveConnections, LoginLimiter],
})
export class AuthModule {}
