import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { HideOfferMutation, RespondToOfferMutation } from '../graphql/documents';
import { send } from '../live/outbox';
import { LabelTag } from './labels';
import { MakeStricter } from './MakeStricter';
import type { Offer } from './plan-types';

/** Offers from the team: the participant accepts, declines or hides them. */
export function OfferList({
  offers,
  answerable,
  onChanged,
  title,
}: {
  offers: readonly Offer[];
  answerable: boolean;
  onChanged: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const client = useClient();
  if (offers.length === 0) return null;
  const respond = (offer: Offer, response: 'ACCEPT' | 'DECLINE') =>
    void send(
      client,
      RespondToOfferMutation,
      { input: { offerId: offer.id, expectedVersion: offer.version, response } },
      t('offline.changes.offer'),
    ).then(onChanged);
  return (
    <section aria-label={title ?? t('plan.offers.title')}>
      <h2>{title ?? t('plan.offers.title')}</h2>
      <ul className="list">
        {offers.map((offer) => (
          <li key={offer.id} className="card">
            <p className="strong">{offer.text}</p>
            <p className="muted small">{t('plan.offers.from', { name: offer.offeredBy.displayName })}</p>
            <div className="row wrap tight">
              <LabelTag label={offer.label} />
              <span className="tag">
                {t(answerable ? `offerStatus.${offer.status}` : `offerStatusTeam.${offer.status}`)}
              </span>
            </div>
            <MakeStricter item={offer} authorId={offer.offeredBy.accountId} onChanged={onChanged} />
            {answerable && (
              <div className="row wrap">
                {offer.status === 'OFFERED' && (
                  <>
                    <button className="primary" onClick={() => respond(offer, 'ACCEPT')}>
                      {t('plan.offers.accept')}
                    </button>
                    <button onClick={() => respond(offer, 'DECLINE')}>{t('plan.offers.decline')}</button>
                  </>
                )}
                <button
                  className="link-button"
                  onClick={() =>
                    void send(
                      client,
                      HideOfferMutation,
                      { input: { offerId: offer.id } },
                      t('offline.changes.offer'),
                    ).then(onChanged)
                  }
                >
                  {t('plan.offers.hide')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
