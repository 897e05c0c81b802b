import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExternalSharingConsentEntity } from './external-sharing.entity';

/** The external-sharing consent rows, as ExternalSharingService reads and writes them. */
@Injectable()
export class ExternalSharingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  consent(id: string): Promise<ExternalSharingConsentEntity | null> {
    return this.dataSource.getRepository(ExternalSharingConsentEntity).findOneBy({ id });
  }

  /** The participant's consents, current and past, newest first. */
  consentsOf(participantId: string): Promise<ExternalSharingConsentEntity[]> {
    return this.dataSource
      .getRepository(ExternalSharingConsentEntity)
      .find({ where: { participantId }, order: { startsAt: 'DESC', id: 'DESC' } });
  }

  /** Inserts a new consent, or writes an existing one's changes (its stop). */
  save(consent: Omit<ExternalSharingConsentEntity, 'id'> & { id?: string }): Promise<ExternalSharingConsentEntity> {
    return this.dataSource.getRepository(ExternalSharingConsentEntity).save(consent);
  }
}
