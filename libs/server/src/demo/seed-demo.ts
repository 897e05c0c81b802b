import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountKind, AccountStatus } from '@roundtable/contracts';
import {
  CareTeamChangeEntity,
  CareTeamMembershipEntity,
  ContactEntity,
  ParticipantEntity,
} from '@roundtable/care-team';
import { actorFromAccount, AccountEntity, PasswordHasher, ProgramEntity, type Actor } from '@roundtable/identity';
import { Clock, mustGet } from '@roundtable/platform';
import { DEMO_CONTACTS, DEMO_PARTICIPANT, DEMO_PROGRAM, DEMO_PROGRAM_AGE_DAYS, DEMO_STAFF } from './demo-data';
import { DemoDatesRepository } from './demo-dates.repository';
import { seedDemoConferences } from './seed-demo-conferences';
import { seedDemoConsent } from './seed-demo-consent';
import { seedDemoOutcomes } from './seed-demo-outcomes';
import { seedDemoPlan } from './seed-demo-plan';

function actorOf(account: AccountEntity): Actor {
  return actorFromAccount(account, 'demo-seed');
}

const DAY = 86_400_000;

/**
 * Seeds the fictional demo program once (it is skipped when the demo accounts exist; later
 * starts move its dates forward instead: startDemo). Only for the embedded database or
 * SEED_DEMO=true, never in production.
 */
export async function seedDemo(app: INestApplicationContext, password: string): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const hasher = app.get(PasswordHasher, { strict: false });
  const clock = app.get(Clock);
  const accounts = dataSource.getRepository(AccountEntity);
  if (await accounts.findOneBy({ email: DEMO_STAFF[0].email })) return false;

  const now = clock.now();
  const passwordHash = await hasher.hash(password);
  const seeded = await dataSource.transaction(async (manager) => {
    const program = await manager.save(
      manager.create(ProgramEntity, {
        name: DEMO_PROGRAM,
        createdAt: new Date(now.getTime() - DEMO_PROGRAM_AGE_DAYS * DAY),
      }),
    );
    const base = {
      status: AccountStatus.ACTIVE,
      passwordHash,
      programId: program.id,
      createdAt: program.createdAt,
      version: 1,
    };

    const staff = new Map<string, AccountEntity>();
    for (const person of DEMO_STAFF) {
      const account = await manager.save(
        manager.create(AccountEntity, {
          ...base,
          kind: AccountKind.STAFF,
          displayName: person.displayName,
          email: person.email,
          username: null,
          discipline: person.discipline,
          programRole: person.programRole,
          participantId: null,
        }),
      );
      staff.set(person.key, account);
    }

    const joined = new Date(now.getTime() - 180 * DAY);
    const participant = await manager.save(
      manager.create(ParticipantEntity, {
        programId: program.id,
        preferredName: DEMO_PARTICIPANT.preferredName,
        pronouns: DEMO_PARTICIPANT.pronouns,
        createdAt: joined,
        version: 1,
      }),
    );
    const participantAccount = await manager.save(
      manager.create(AccountEntity, {
        ...base,
        kind: AccountKind.PARTICIPANT,
        displayName: DEMO_PARTICIPANT.preferredName,
        email: DEMO_PARTICIPANT.email,
        username: DEMO_PARTICIPANT.username,
        discipline: null,
        programRole: null,
        participantId: participant.id,
      }),
    );

    const caseManager = mustGet(staff, 'cm');
    for (const person of DEMO_STAFF) {
      if (!person.teamRole) continue;
      const membership = await manager.save(
        manager.create(CareTeamMembershipEntity, {
          participantId: participant.id,
          accountId: mustGet(staff, person.key).id,
          teamRole: person.teamRole,
          startsAt: person.key === 'cm' ? joined : new Date(joined.getTime() + 14 * DAY),
          endsAt: null,
          addedBy: caseManager.id,
          endedBy: null,
        }),
      );
      // The participant's record of team changes (PRODUCT.md rule 10) starts with the demo team.
      await manager.save(
        manager.create(CareTeamChangeEntity, {
          participantId: participant.id,
          membershipId: membership.id,
          kind: 'JOINED',
          accountId: membership.accountId,
          teamRole: membership.teamRole,
          discipline: person.discipline,
          effectiveAt: membership.startsAt,
          until: null,
          changedBy: caseManager.id,
          changedAt: membership.startsAt,
        }),
      );
    }
    for (const contact of DEMO_CONTACTS) {
      const at = new Date(now.getTime() - contact.daysAgo * DAY);
      await manager.save(
        manager.create(ContactEntity, {
          participantId: participant.id,
          accountId: mustGet(staff, contact.staff).id,
          mode: contact.mode,
          at,
          createdAt: at,
        }),
      );
    }
    return { programId: program.id, participantId: participant.id, participantAccount, staff };
  });
  const staffActor = (key: string) => actorOf(mustGet(seeded.staff, key));
  const sam = actorOf(seeded.participantAccount);
  const { homeGoalId, saferUseGoalId } = await seedDemoPlan(app, seeded.participantId, {
    sam,
    cm: staffActor('cm'),
    md: staffActor('md'),
    housing: staffActor('housing'),
    peer: staffActor('peer'),
  });
  await seedDemoOutcomes(app, seeded.participantId, homeGoalId, {
    sam,
    md: staffActor('md'),
    housing: staffActor('housing'),
  });
  await seedDemoConsent(app, seeded.participantId, { sam, cm: staffActor('cm'), md: staffActor('md') });
  await seedDemoConferences(
    app,
    seeded.participantId,
    { homeGoalId, saferUseGoalId },
    {
      sam,
      cm: staffActor('cm'),
      md: staffActor('md'),
      housing: staffActor('housing'),
      peer: staffActor('peer'),
    },
  );
  // Every date above is relative to the seeding: later starts move them forward from here
  // (redate-demo.ts). Recorded last, so nothing the seed wrote is dated after it.
  await new DemoDatesRepository(dataSource).insertAnchor(seeded.programId, clock.now());
  return true;
}
