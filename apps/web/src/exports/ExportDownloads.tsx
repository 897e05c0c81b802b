import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, WEB_CLIENT_HEADERS } from '../auth/session';

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
export function ExportDownloads({ links, titleKey }: { links: readonly ExportLink[]; titleKey: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);

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
    <section aria-labelledby="exports-title" className="card">
      <h2 id="exports-title">{t(titleKey)}</h2>
      <div className="actions">
        {links.map((link) => (
          <button key={link.path} onClick={() => void download(link)}>
            {t(link.labelKey)}
          </button>
        ))}
      </div>
      <p role="status" className="muted small">
        {status ?? ''}
      </p>
    </section>
  );
}
