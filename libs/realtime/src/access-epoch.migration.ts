import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables whose changes can narrow who sees a participant's plan, and what the trigger
 * watches on each. docs/realtime-revocation.md lists them; a new access table gets a row
 * here in a new migration (see that document), never by editing this one.
 */
const PARTICIPANT_ROW_TABLES = ['consent_grant', 'care_team_membership', 'break_glass'] as const;
const LABELLED_ITEM_TABLES = [
  'goal',
  'step',
  'strategy',
  'offer',
  'metric',
  'measurement',
  'win',
  'setback',
  'agenda_item',
  'conference_note',
  'perspective',
  'decision',
  'participant_response',
  'minutes_amendment',
] as const;

/**
 * Revocation beats delivery (PRODUCT.md rules 10 and 11). Every change that can narrow
 * access to a participant's plan bumps that participant's access epoch *in the same
 * transaction* (a row lock held until commit); every plan_event is stamped with the epoch
 * it read under FOR SHARE, so an event committed after a narrowing commit always carries
 * the newer epoch, and a socket re-checks before delivering anything newer than its view.
 * Triggers, not service code: the services that narrow access need not know about it.
 */
export class RealtimeAccessEpoch1763900000300 implements MigrationInterface {
  name = 'RealtimeAccessEpoch1763900000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE participant_access_epoch (
        participant_id uuid PRIMARY KEY REFERENCES participant(id),
        epoch bigint NOT NULL DEFAULT 0
      )`);
    await db.query('INSERT INTO participant_access_epoch (participant_id) SELECT id FROM participant');
    await db.query(`
      CREATE FUNCTION participant_access_epoch_create() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO participant_access_epoch (participant_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER participant_access_epoch_create AFTER INSERT ON participant
      FOR EACH ROW EXECUTE FUNCTION participant_access_epoch_create()`);

    // Bumps in participant order, so two narrowing transactions never deadlock on each other.
    await db.query(`
      CREATE FUNCTION bump_participant_access_epoch(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO participant_access_epoch (participant_id, epoch)
        SELECT id, 1 FROM (SELECT DISTINCT unnest(ids) AS id) d WHERE id IS NOT NULL ORDER BY id
        ON CONFLICT (participant_id) DO UPDATE SET epoch = participant_access_epoch.epoch + 1
      $$`);
    await db.query(`
      CREATE FUNCTION access_narrowed_for_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM bump_participant_access_epoch(ARRAY[OLD.participant_id]);
        ELSE
          PERFORM bump_participant_access_epoch(ARRAY[OLD.participant_id, NEW.participant_id]);
        END IF;
        RETURN NULL;
      END $$`);
    // Everyone whose plan an account reaches: its care teams (any membership), its own
    // participant record, and grants made to it by name.
    await db.query(`
      CREATE FUNCTION access_narrowed_for_account(account uuid) RETURNS void LANGUAGE sql AS $$
        SELECT bump_participant_access_epoch(ARRAY(
          SELECT m.participant_id FROM care_team_membership m WHERE m.account_id = account
          UNION SELECT a.participant_id FROM account a WHERE a.id = account AND a.participant_id IS NOT NULL
          UNION SELECT g.participant_id FROM consent_grant g WHERE g.grantee_account = account))
      $$`);
    await db.query(`
      CREATE FUNCTION access_narrowed_for_account_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'account' THEN
          PERFORM access_narrowed_for_account(OLD.id);
        ELSE
          PERFORM access_narrowed_for_account(OLD.account_id);
        END IF;
        RETURN NULL;
      END $$`);

    for (const table of PARTICIPANT_ROW_TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_access_narrowed AFTER UPDATE ON ${table}
        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION access_narrowed_for_row()`);
      await db.query(`
        CREATE TRIGGER ${table}_access_removed AFTER DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION access_narrowed_for_row()`);
    }
    for (const table of LABELLED_ITEM_TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_label_changed AFTER UPDATE OF label ON ${table}
        FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label) EXECUTE FUNCTION access_narrowed_for_row()`);
      await db.query(`
        CREATE TRIGGER ${table}_access_removed AFTER DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION access_narrowed_for_row()`);
    }
    // Deactivation, a sign-in reset (new passphrase) and any change of what the account is.
    await db.query(`
      CREATE TRIGGER account_access_narrowed AFTER UPDATE ON account
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash
        OR OLD.kind IS DISTINCT FROM NEW.kind
        OR OLD.discipline IS DISTINCT FROM NEW.discipline
        OR OLD.program_role IS DISTINCT FROM NEW.program_role
        OR OLD.program_id IS DISTINCT FROM NEW.program_id
        OR OLD.participant_id IS DISTINCT FROM NEW.participant_id)
      EXECUTE FUNCTION access_narrowed_for_account_row()`);
    // Sign-out, sign-out everywhere, refresh-token reuse, a reset that ends sessions.
    await db.query(`
      CREATE TRIGGER auth_session_access_narrowed AFTER UPDATE ON auth_session
      FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL OR NEW.expires_at < OLD.expires_at)
      EXECUTE FUNCTION access_narrowed_for_account_row()`);
    await db.query(`
      CREATE TRIGGER auth_session_access_removed AFTER DELETE ON auth_session
      FOR EACH ROW EXECUTE FUNCTION access_narrowed_for_account_row()`);

    // Stamping. The share lock is taken before the per-label sequence row is locked (a
    // BEFORE INSERT trigger runs before ON CONFLICT locks the existing row), so a writer
    // waits for a narrowing in flight first, and the lock order is always epoch → sequence.
    await db.query('ALTER TABLE plan_event ADD COLUMN access_epoch bigint NOT NULL DEFAULT 0');
    await db.query(`
      CREATE FUNCTION participant_access_epoch_share(pid uuid) RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE current_epoch bigint;
      BEGIN
        SELECT epoch INTO current_epoch FROM participant_access_epoch WHERE participant_id = pid FOR SHARE;
        IF NOT FOUND THEN
          INSERT INTO participant_access_epoch (participant_id) VALUES (pid) ON CONFLICT DO NOTHING;
          SELECT epoch INTO current_epoch FROM participant_access_epoch WHERE participant_id = pid FOR SHARE;
        END IF;
        RETURN current_epoch;
      END $$`);
    await db.query(`
      CREATE FUNCTION plan_label_sequence_lock_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM participant_access_epoch_share(NEW.participant_id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_label_sequence_lock_epoch BEFORE INSERT ON plan_label_sequence
      FOR EACH ROW EXECUTE FUNCTION plan_label_sequence_lock_epoch()`);
    await db.query(`
      CREATE FUNCTION plan_event_stamp_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.access_epoch := participant_access_epoch_share(NEW.participant_id);
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_event_stamp_epoch BEFORE INSERT ON plan_event
      FOR EACH ROW EXECUTE FUNCTION plan_event_stamp_epoch()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER plan_event_stamp_epoch ON plan_event');
    await db.query('DROP TRIGGER plan_label_sequence_lock_epoch ON plan_label_sequence');
    await db.query('DROP FUNCTION plan_event_stamp_epoch()');
    await db.query('DROP FUNCTION plan_label_sequence_lock_epoch()');
    await db.query('DROP FUNCTION participant_access_epoch_share(uuid)');
    await db.query('ALTER TABLE plan_event DROP COLUMN access_epoch');
    await db.query('DROP TRIGGER auth_session_access_removed ON auth_session');
    await db.query('DROP TRIGGER auth_session_access_narrowed ON auth_session');
    await db.query('DROP TRIGGER account_access_narrowed ON account');
    for (const table of [...PARTICIPANT_ROW_TABLES, ...LABELLED_ITEM_TABLES]) {
      await db.query(`DROP TRIGGER ${table}_access_removed ON ${table}`);
      await db.query(
        `DROP TRIGGER IF EXISTS ${table}_access_narrowed ON ${table}; DROP TRIGGER IF EXISTS ${table}_label_changed ON ${table}`,
      );
    }
    await db.query('DROP FUNCTION access_narrowed_for_account_row()');
    await db.query('DROP FUNCTION access_narrowed_for_account(uuid)');
    await db.query('DROP FUNCTION access_narrowed_for_row()');
    await db.query('DROP FUNCTION bump_participant_access_epoch(uuid[])');
    await db.query('DROP TRIGGER participant_access_epoch_create ON participant');
    await db.query('DROP FUNCTION participant_access_epoch_create()');
    await db.query('DROP TABLE participant_access_epoch');
  }
}
