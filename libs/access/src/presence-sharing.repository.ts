import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The participant's presence-sharing choice: only the choice is stored, never when they were online. */
@Injectable()
export class PresenceSharingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sharesPresence(participantId: string): Promise<boolean> {
    const rows: { share: boolean }[] = await this.dataSource.query(
      'SELECT share_presence_with_team AS share FROM participant WHERE id = $1',
      [participantId],
    );
    return rows[0]?.share ?? false;
  }

  /**
   * Not a versioned edit: the participant's version is read by staff and must not move for
   * a setting that is the participant's alone (ARCHITECTURE.md: versions never move because
   * of something hidden from the viewer). A boolean choice: the last one wins.
   */
  async setSharePresence(participantId: string, share: boolean): Promise<void> {
    await this.dataSource.query('UPDATE participant SET share_presence_with_team = $2 WHERE id = $1', [
      participantId,
      share,
    ]);
  }
}
