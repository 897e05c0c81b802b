import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@roundtable/platform';
import { redateDemo } from './redate-demo';
import { seedDemo } from './seed-demo';

export interface DemoStart {
  /** Seeded on this start (the first one). */
  seeded: boolean;
  /** Whole weeks the demo's dates moved forward on this start. */
  weeks: number;
  /** Whether the upcoming conference moved to Thursday of next week. */
  conferenceMoved: boolean;
}

/**
 * What a start does when demo seeding is on (the embedded database, or SEED_DEMO=true; the
 * configuration refuses SEED_DEMO in production): seed the demo the first time, and on every
 * later start move its dates forward so it looks as it did the day it was seeded.
 */
export async function startDemo(app: INestApplicationContext, password: string): Promise<DemoStart> {
  if (await seedDemo(app, password)) return { seeded: true, weeks: 0, conferenceMoved: false };
  const { weeks, conferenceMoved } = await redateDemo(app.get(DataSource), app.get(Clock).now());
  return { seeded: false, weeks, conferenceMoved };
}
