import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { PlanRepository } from './plan.repository';

/** The plan's own items: goals, steps, strategies and offers, and what waits for the participant's confirmation. */
const PLAN_TABLES = ['goal', 'step', 'strategy', 'offer', 'written_with_you'] as const;

/** A table name as the libraries register it: lower-case words joined by underscores, nothing else. */
const TABLE_NAME = /^[a-z]+(_[a-z]+)*$/;

/**
 * The current label of any item of a participant's plan, whichever library keeps it (an
 * item's label may have become stricter since it was written: updateGoal, makeItemStricter
 * and what follows a goal). Each library registers the tables of its items (each with `id`,
 * `participant_id` and `label`), as it registers its written-with-you handlers, so nobody
 * else names its tables. Used by realtime (show who is on or editing an item only to those
 * who may see it now) and by every reader of past plan events (the timeline, replay after a
 * reconnect): an event about an item now beyond the viewer is as absent as the item
 * (PRODUCT.md rules 10, 11).
 */
@Injectable()
export class PlanItemLabels {
  private readonly tables: string[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.register(PLAN_TABLES);
  }

  register(tables: readonly string[]): void {
    for (const table of tables) {
      if (!TABLE_NAME.test(table)) throw new Error(`PlanItemLabels: not a table name: ${table}`);
      if (!this.tables.includes(table)) this.tables.push(table);
    }
  }

  /** Item id → its label now; ids no library knows are absent. One statement. */
  async labelsOf(participantId: string, itemIds: string[]): Promise<Map<string, SensitivityLabel>> {
    if (itemIds.length === 0) return new Map();
    const rows = await new PlanRepository(this.dataSource.manager).labelsIn(this.tables, participantId, itemIds);
    return new Map(rows.map((row) => [row.id, row.label]));
  }

  /**
   * SQL that is true when the item an event row names is now under a label outside
   * `labelsParam` (a text[] parameter): put `NOT (...)` of it beside the event's own label
   * filter. It can only hide more than the event's label does, never show more. PostgreSQL
   * pushes the item id into each branch, so it costs a primary-key probe per table.
   */
  nowBeyond(event: { itemId: string; participantId: string }, labelsParam: string): string {
    const current = this.tables.map((table) => `SELECT id, participant_id, label FROM ${table}`).join(' UNION ALL ');
    return `EXISTS (SELECT 1 FROM (${current}) item_now
      WHERE item_now.id = ${event.itemId} AND item_now.participant_id = ${event.participantId}
        AND NOT (item_now.label = ANY(${labelsParam})))`;
  }
}
