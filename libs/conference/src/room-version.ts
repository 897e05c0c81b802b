import type { EntityManager } from 'typeorm';
import { SensitivityLabel } from '@roundtable/contracts';
import { conflict, notFound } from '@roundtable/platform';
import { ConferenceEntity } from './conference.entities';

/**
 * Versions per viewer (issue 13, finding 6; rule 11). The conference's own fields (title,
 * time, attendance, status) are general content: `version` counts their changes and every
 * viewer sees them. Where the room is depends on what a viewer may see (a hidden item shows
 * as the last visible one before it), so each move counts only for the label sets whose
 * visible position it changed. A viewer's version is `version` + their label set's count:
 * moving the room to a substance-use topic does not move housing's version while housing's
 * visible position stays. CONFLICT always carries the caller's own version.
 */

/** Every label set that can see a conference (it is general content): GENERAL plus any of the others. */
const OTHER_LABELS = Object.values(SensitivityLabel).filter((label) => label !== SensitivityLabel.GENERAL);
const LABEL_SETS: SensitivityLabel[][] = Array.from({ length: 1 << OTHER_LABELS.length }, (_, mask) => [
  SensitivityLabel.GENERAL,
  ...OTHER_LABELS.filter((_, bit) => mask & (1 << bit)),
]);

export function roomKey(labels: Iterable<SensitivityLabel>): string {
  return [...labels].sort().join(',');
}

export type RoomVersions = Record<string, number>;

/** The conference's version as a viewer with these labels sees it. */
export function conferenceVersionSeen(
  conference: Pick<ConferenceEntity, 'version' | 'roomVersions'>,
  labels: Iterable<SensitivityLabel>,
): number {
  return conference.version + (conference.roomVersions?.[roomKey(labels)] ?? 0);
}

export function assertConferenceVersion(
  conference: Pick<ConferenceEntity, 'version' | 'roomVersions'>,
  labels: Iterable<SensitivityLabel>,
  expectedVersion: number,
): void {
  const seen = conferenceVersionSeen(conference, labels);
  if (seen !== expectedVersion) throw conflict(seen);
}

/** Where a viewer sees the room: the last item they can see at or before the room's item. */
function positionSeen(
  items: readonly { id: string; sortKey: number; label: SensitivityLabel }[],
  labels: ReadonlySet<SensitivityLabel>,
  key: number | undefined,
): string | null {
  if (key === undefined) return null;
  return items.filter((item) => labels.has(item.label) && item.sortKey <= key).at(-1)?.id ?? null;
}

/** The counts after the room moves from one item to another: only label sets that see a move count it. */
export function roomVersionsAfterMove(
  before: RoomVersions,
  items: readonly { id: string; sortKey: number; label: SensitivityLabel }[],
  fromItemId: string | null,
  toItemId: string,
): RoomVersions {
  const keyOf = (id: string | null) => items.find((item) => item.id === id)?.sortKey;
  const after: RoomVersions = { ...before };
  for (const labels of LABEL_SETS) {
    const visible = new Set(labels);
    if (positionSeen(items, visible, keyOf(fromItemId)) !== positionSeen(items, visible, keyOf(toItemId))) {
      const key = roomKey(labels);
      after[key] = (after[key] ?? 0) + 1;
    }
  }
  return after;
}

/**
 * The one edit idiom for a conference row: `UPDATE … WHERE id AND version AND room_versions`
 * as read, checked by affected row count (like versionedUpdate). A change to the shared
 * fields bumps `version`; a move passes `roomVersions` instead and leaves `version` alone.
 */
export async function conferenceUpdate(
  manager: EntityManager,
  conference: ConferenceEntity,
  labels: Iterable<SensitivityLabel>,
  expectedVersion: number,
  changes: Partial<
    Pick<
      ConferenceEntity,
      'participantAttends' | 'status' | 'startedAt' | 'currentItemId' | 'closedAt' | 'closedBy' | 'coFacilitatorId'
    >
  >,
  roomVersions?: RoomVersions,
): Promise<void> {
  const seen = [...labels];
  assertConferenceVersion(conference, seen, expectedVersion);
  const result = await manager
    .createQueryBuilder()
    .update(ConferenceEntity)
    .set({
      ...changes,
      ...(roomVersions ? { roomVersions } : { version: () => 'version + 1' }),
    })
    .where('id = :id AND version = :version AND room_versions = CAST(:rooms AS jsonb)', {
      id: conference.id,
      version: conference.version,
      rooms: JSON.stringify(conference.roomVersions ?? {}),
    })
    .execute();
  if (result.affected === 1) return;
  const current = await manager.findOneBy(ConferenceEntity, { id: conference.id });
  if (!current) throw notFound();
  throw conflict(conferenceVersionSeen(current, seen));
}
