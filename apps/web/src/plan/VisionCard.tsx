import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { UpdateVisionMutation } from '../graphql/documents';
import { errorCodeOf } from '../auth/sign-in';
import { send } from '../live/outbox';
import type { PlanData } from './plan-types';
import { SaveOrCancel } from '../ui/change-form';
import { StatusLine } from '../ui/StatusLine';

/**
 * The participant's vision in their own words. While they type, live changes never overwrite
 * the draft; if the saved text moved underneath, theirs is shown beside yours to choose from.
 */
export function VisionCard({
  participantId,
  vision,
  version,
  editable,
  onChanged,
  setEditing,
}: {
  participantId: string;
  vision: PlanData['vision'];
  version: number | null;
  editable: boolean;
  onChanged: () => void;
  setEditing: (itemId: string | null) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const saved = vision?.text ?? '';
  const [draft, setDraft] = useState<{ text: string; baseVersion: number; baseText: string } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const movedUnderneath = draft !== null && version !== null && version !== draft.baseVersion;

  const editing = draft !== null;
  useEffect(() => setEditing(editing ? 'vision' : null), [editing, setEditing]);

  const save = async (text: string, expectedVersion: number) => {
    const result = await send(
      client,
      UpdateVisionMutation,
      { input: { participantId, text, expectedVersion } },
      t('offline.changes.vision'),
    );
    if (result === 'queued') {
      setDraft(null);
      return;
    }
    if (errorCodeOf(result.error) === 'CONFLICT') {
      setConflict(true);
      onChanged();
      return;
    }
    if (result.error) {
      setStatus(t('app.saveFailed'));
      return;
    }
    setDraft(null);
    setConflict(false);
    setStatus(t('plan.vision.saved'));
    onChanged();
  };

  return (
    <section className="card" aria-labelledby="vision-title">
      <h2 id="vision-title">{t('plan.vision.title')}</h2>
      {!draft && (
        <>
          <blockquote className="vision" data-testid="vision-text">
            {saved || <span className="muted">{t('plan.vision.empty')}</span>}
          </blockquote>
          {vision?.writtenWith && (
            <p className="muted small">{t('plan.writtenWith', { name: vision.writtenWith.displayName })}</p>
          )}
          {editable && version !== null && (
            <button onClick={() => setDraft({ text: saved, baseVersion: version, baseText: saved })}>
              {t('plan.vision.edit')}
            </button>
          )}
        </>
      )}
      {draft && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save(draft.text, draft.baseVersion);
          }}
        >
          <label htmlFor="vision-draft">{t('plan.vision.label')}</label>
          <textarea
            id="vision-draft"
            rows={4}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
          {(conflict || movedUnderneath) && (
            <div className="conflict" role="alert">
              <p className="strong">{t('conflict.title')}</p>
              <div className="side-by-side">
                <div>
                  <h3>{t('conflict.theirs')}</h3>
                  <p data-testid="conflict-theirs">{saved}</p>
                  <button
                    type="button"
                    onClick={() => {
                      setDraft(null);
                      setConflict(false);
                    }}
                  >
                    {t('conflict.useTheirs')}
                  </button>
                </div>
                <div>
                  <h3>{t('conflict.yours')}</h3>
                  <p>{draft.text}</p>
                  <button type="button" onClick={() => version !== null && void save(draft.text, version)}>
                    {t('conflict.keepMine')}
                  </button>
                </div>
              </div>
            </div>
          )}
          {!conflict && !movedUnderneath && (
            <SaveOrCancel save={t('plan.vision.save')} cancel={t('app.cancel')} onCancel={() => setDraft(null)} />
          )}
        </form>
      )}
      <StatusLine text={status ?? ''} muted />
    </section>
  );
}
