import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { CredentialsService } from './credentials.service';
import { DeviceSessionsResolver } from './device-sessions.resolver';
import { DeviceSessionsService } from './device-sessions.service';
import { OneTimeCodes } from './one-time-codes';
import { OneTimeCodesRepository } from './one-time-codes.repository';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodes } from './recovery-codes';
import { RecoveryCodesRepository } from './recovery-codes.repository';
import { Sessions } from './sessions';
import { SessionsRepository } from './sessions.repository';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';
import { SignInThrottle } from './sign-in-throttle';

/** Accounts, sign-in, sessions and the global authentication guard. */
@Module({
  providers: [
    AccountsRepository,
    OneTimeCodesRepository,
    RecoveryCodesRepository,
    SessionsRepository,
    SignInAttemptsRepository,
    AccessTokenService,
    Authenticator,
    PasswordHasher,
    SignInThrottle,
    Sessions,
    OneTimeCodes,
    RecoveryCodes,
    CredentialsService,
    AuthService,
    AccountsService,
    AuthResolver,
    DeviceSessionsService,
    DeviceSessionsResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Authenticator, PasswordHasher, OneTimeCodes, Sessions, AccountsService, CredentialsService],
})
export class IdentityModule {}
