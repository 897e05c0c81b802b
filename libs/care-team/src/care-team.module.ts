import { Module } from '@nestjs/common';
import { CareTeamRepository } from './care-team.repository';

@Module({ providers: [CareTeamRepository], exports: [CareTeamRepository] })
export class CareTeamModule {}
