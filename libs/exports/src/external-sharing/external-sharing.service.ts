import { Injectable } from '@nestjs/common';
import { AuditTrail, ConsentService } from '@roundtable/access';
import { SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { badUserInput, Clock, notFound } from '@roundtable/platform';
import type { ExternalSharingConsentEntity } from './external-sharing.entity';
import { ExternalSharingRepository } from './external-sharing.repository';
import type { AllowExternalSharingInput, ExternalSharingConsent } from './external-sharing.models';

/** A recipient as compared: case and spacing do not matter, the words do. */
export function sameRecipient(a: string | null | undefined, b: string | null | undefined): boolean {
  const normal = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
  return Boolean(a && b && normal(a) === normal(b));
}

/**
 * What may leave Roundtable: per label, only by the participant's consent (PRODUCT.md rule
 * 10), each with an end; substance-use content only to a recipient the consent names
 * (42 CFR Part 2 redisclosure). Allowing and stopping are the participant's alone and audited
 * (rule 12).
 */
@Injectable()
export class ExternalSharingService {
  constructor(
    private readonly clock: Clock,
    private readonly consent: ConsentService,
    private readonly audit: AuditTrail,
    private readonly consents: ExternalSharingRepository,
  ) {}

  async allow(actor: Actor, input: AllowExternalSharingInput): Promise<ExternalSharingConsent> {
    await this.consent.assertIsParticipant(actor, input.participantId);
    const now = this.clock.now();
    if (input.endsAt <= now) throw badUserInput('input.endsAt', 'input.endsAt: must be in the future');
    const recipient = input.recipient?.trim() || null;
    if (input.label === SensitivityLabel.SUBSTANCE_USE && !recipient) {
      throw badUserInput(
        'input.recipient',
        'input.recipient: substance-use content is shared only with a named recipient',
      );
    }
    const row = await this.consents.save({
      participantId: input.participantId,
      label: input.label,
      recipient,
      startsAt: now,
      endsAt: input.endsAt,
      allowedBy: actor.accountId,
      stoppedAt: null,
      stoppedBy: null,
    });
    await this.recordChange(actor, row, 'allowExternalSharing');
    return this.toModel(row);
  }

  async stop(actor: Actor, consentId: string): Promise<ExternalSharingConsent> {
    const row = await this.ownConsent(actor, consentId);
    if (!row.stoppedAt) {
      row.stoppedAt = this.clock.now();
      row.stoppedBy = actor.accountId;
      await this.consents.save(row);
      await this.recordChange(actor, row, 'stopExternalSharing');
    }
    return this.toModel(row);
  }

  /** One consent, for its participant only (a retried allowExternalSharing answers with it). */
  async consentOf(actor: Actor, consentId: string): Promise<ExternalSharingConsent> {
    return this.toModel(await this.ownConsent(actor, consentId));
  }

  /** The participant's consents, current and past, newest first. */
  async list(actor: Actor, participantId: string): Promise<ExternalSharingConsent[]> {
    await this.consent.assertIsParticipant(actor, participantId);
    return (await this.rows(participantId)).map((row) => this.toModel(row));
  }

  /** Labels that may leave for this recipient now (no policy check: callers have done it). */
  async shareableLabels(participantId: string, recipient: string | null): Promise<Set<SensitivityLabel>> {
    const now = this.clock.now();
    const labels = new Set<SensitivityLabel>();
    for (const row of await this.rows(participantId)) {
      if (!this.isActive(row, now)) continue;
      if (row.recipient && !sameRecipient(row.recipient, recipient)) continue;
      labels.add(row.label);
    }
    return labels;
  }

  async rows(participantId: string): Promise<ExternalSharingConsentEntity[]> {
    return this.consents.consentsOf(participantId);
  }

  /** The consent row, when it exists and the actor is its participant (NOT_FOUND / the consent policy's answer). */
  private async ownConsent(actor: Actor, consentId: string): Promise<ExternalSharingConsentEntity> {
    const row = await this.consents.consent(consentId);
    if (!row) throw notFound();
    await this.consent.assertIsParticipant(actor, row.participantId);
    return row;
  }

  /** Allowing and stopping are consent changes, audited with the label they let out (rule 12). */
  private async recordChange(actor: Actor, row: ExternalSharingConsentEntity, action: string): Promise<void> {
    await this.audit.record({
      participantId: row.participantId,
      actor: actor.accountId,
      action,
      kind: 'CONSENT',
      labels: [row.label],
      itemId: row.id,
    });
  }

  private isActive(row: ExternalSharingConsentEntity, now: Date): boolean {
    return !row.stoppedAt && row.startsAt <= now && row.endsAt > now;
  }

  private toModel(row: ExternalSharingConsentEntity): ExternalSharingConsent {
    return {
      id: row.id,
      label: row.label,
      recipient: row.recipient,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      stoppedAt: row.stoppedAt,
      active: this.isActive(row, this.clock.now()),
    };
  }
}
