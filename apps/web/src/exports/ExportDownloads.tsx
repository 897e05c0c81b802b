import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, WEB_CLIENT_HEADERS } from '../auth/session';
import { StatusLine } from '../ui/StatusLine';

/** One export the API offers (issue 19): the same access as GraphQL, audited, never a token in the URL. */
export interface ExportLink {
  /** Catalogue key of the button's words. */
  labelKey: string;
  /** Path under the API, e.g. `/exports/participants/{id}/plan.pdf?language=en`. */
  path: string;
  fileName: string;
}

/**
 * Buttons that fetch an export with the in-memory access token (an Authorization header, so
 * the token never lands in a URL, the history or a server log) and hand the file to the
 * browser as a download. Nothing is written to storage (shared computers, rule 11).
 */
export function ExportDownloads({
  links,
  titleKey,
  level = 2,
}: {
  links: readonly ExportLink[];
  titleKey: string;
  /** The heading's level where the buttons sit (a meeting's minutes sit under its h3). */
  level?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  // Several of these can share a screen (one per meeting): each heading needs its own id.
  const titleId = useId();
  const Heading = `h${level}` as const;

  async function download(link: ExportLink): Promise<void> {
    const session = getSession();
    if (!session) return;
    setStatus(t('exports.preparing'));
    try {
      const response = await fetch(link.path, {
        headers: { ...WEB_CLIENT_HEADERS, Authorization: `Bearer ${session.accessToken}` },
        credentials: 'same-origin',
      });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = link.fileName;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus(t('exports.ready'));
    } catch {
      setStatus(t('exports.failed'));
    }
  }

  return (
    // Download buttons have no place on paper (the print stylesheet drops them).
    <section aria-labelledby={titleId} className="card no-print">
      <Heading id={titleId}>{t(titleKey)}</Heading>
      <div className="actions">
        {links.map((link) => (
          <button key={link.path} onClick={() => void download(link)}>
            {t(link.labelKey)}
          </button>
        ))}
      </div>
      <StatusLine text={status ?? ''} muted />
    </section>
  );
}
