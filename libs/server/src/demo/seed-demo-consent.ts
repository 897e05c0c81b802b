import type { INestApplicationContext } from '@nestjs/common';
import { SensitivityLabel } from '@roundtable/contracts';
import { ConsentService } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';

const YEAR = 365 * 86_400_000;

/** Sam shares substance-use content with the case manager and the physician, not with housing. */
export async function seedDemoConsent(
  app: INestApplicationContext,
  participantId: string,
  who: { sam: Actor; cm: Actor; md: Actor },
): Promise<void> {
  const consent = app.get(ConsentService, { strict: false });
  const endsAt = new Date(app.get(Clock).now().getTime() + YEAR);
  for (const grantee of [who.cm, who.md]) {
    await consent.grant(who.sam, {
      participantId,
      label: SensitivityLabel.SUBSTANCE_USE,
      accountId: grantee.accountId,
      includesFutureMembers: false,
      endsAt,
    });
  }
}
