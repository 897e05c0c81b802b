import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../auth/session';
import { signOut } from '../auth/sign-in';
import { onOutboxChange, type PendingChange } from '../live/outbox';
import { staffScreens } from '../program/access';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';

export function Layout({ session, path, children }: { session: Session; path: string; children: ReactNode }) {
  const { t } = useTranslation();
  const isParticipant = Boolean(session.account.participantId);
  const may = staffScreens(session.account);
  const links = isParticipant
    ? [
        ['/plan', t('nav.plan')],
        ['/waiting', t('nav.waiting')],
        ['/conferences', t('nav.conferences')],
        ['/progress', t('nav.progress')],
        ['/team', t('nav.team')],
        ['/sharing', t('nav.sharing')],
        ['/devices', t('nav.devices')],
      ]
    : [
        ...(may.caseload ? [['/', t('nav.people')]] : []),
        ...(may.program ? [['/program', t('nav.program')]] : []),
        ...(may.addPerson ? [['/people/new', t('nav.addPerson')]] : []),
        ...(may.accounts ? [['/accounts', t('nav.accounts')]] : []),
        ['/devices', t('nav.devices')],
      ];
  // "/" and "/plan" (where sign-in lands) open the first screen in the menu: My plan, My people or Staff accounts.
  const current = (href: string) => path === href || ((path === '/' || path === '/plan') && href === links[0][0]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="row spread wrap">
          <p className="brand">Roundtable</p>
          <div className="row wrap">
            <span className="muted">{t('app.signedInAs', { name: session.account.displayName })}</span>
            {session.sharedDevice && <span className="tag">{t('app.sharedDevice')}</span>}
            <LanguageSwitch />
            <button onClick={() => void signOut()}>{t('app.signOut')}</button>
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links.map(([href, label]) => (
              <li key={href}>
                <Link href={href} aria-current={current(href) ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <OfflineBanner />
      <main id="main">{children}</main>
    </>
  );
}

/** Says plainly what is not saved yet while the connection is down. */
function OfflineBanner() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ pending: readonly PendingChange[]; online: boolean }>({
    pending: [],
    online: true,
  });
  useEffect(() => onOutboxChange((pending, online) => setState({ pending, online })), []);
  if (state.online && state.pending.length === 0) return null;
  return (
    <div className="banner offline" role="status">
      <p className="strong">{state.online ? t('offline.saving') : t('offline.title')}</p>
      {state.pending.length > 0 ? (
        <>
          <p>{t('offline.notSaved', { count: state.pending.length })}</p>
          <ul>
            {state.pending.map((change) => (
              <li key={change.id}>{change.description}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('offline.nothingPending')}</p>
      )}
    </div>
  );
}
