import { Module } from '@nestjs/common';
import { CareTeamStore } from './care-team.store';

@Module({ providers: [CareTeamStore], exports: [CareTeamStore] })
export class CareTeamModule {}
