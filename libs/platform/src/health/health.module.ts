import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { RedisCheck } from './redis-check';

@Module({ controllers: [HealthController], providers: [RedisCheck] })
export class HealthModule {}
