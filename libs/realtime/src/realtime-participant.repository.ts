import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What realtime reads about a participant to route and judge live messages: their access
 * epoch, their presence choice, and their own accounts. No policy here: the plan rooms,
 * presence and delivery decide what to do with it.
 */
@Injectable()
export class RealtimeParticipantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The participant's access epoch now (0 before anything ever narrowed; RealtimeAccessEpoch migration). */
  async accessEpoch(participantId: string): Promise<number> {
    const rows: { epoch: string }[] = await this.dataSource.query(
      'SELECT epoch FROM participant_access_epoch WHERE participant_id = $1',
      [participantId],
    );
    return Number(rows[0]?.epoch ?? 0);
  }

  /**
   * Whether the participant lets their team see when they are here (off unless they turned it
   * on). Only this choice is stored: presence itself lives in memory and is never written down.
   */
  async sharesPresence(participantId: string): Promise<boolean> {
    const rows: { share: boolean }[] = await this.dataSource.query(
      'SELECT share_presence_with_team AS share FROM participant WHERE id = $1',
      [participantId],
    );
    return rows[0]?.share ?? false;
  }

  /** The participants' own (participant-kind) accounts. */
  participantAccounts(participantIds: string[]): Promise<{ id: string; participant_id: string }[]> {
    return this.dataSource.query(
      "SELECT id, participant_id FROM account WHERE kind = 'PARTICIPANT' AND participant_id = ANY($1)",
      [participantIds],
    ) as Promise<{ id: string; participant_id: string }[]>;
  }
}
