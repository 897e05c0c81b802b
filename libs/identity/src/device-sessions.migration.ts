import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Signed in on these devices": what a person needs to recognise each of their sign-ins
 * (which browser, when it was last used, whether it was a shared computer) so they can end one.
 */
export class DeviceSessions1763900000600 implements MigrationInterface {
  name = 'DeviceSessions1763900000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE auth_session
        ADD COLUMN shared_device boolean NOT NULL DEFAULT false,
        ADD COLUMN user_agent text CHECK (length(user_agent) <= 300),
        ADD COLUMN last_used_at timestamptz
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE auth_session DROP COLUMN shared_device, DROP COLUMN user_agent, DROP COLUMN last_used_at',
    );
  }
}
