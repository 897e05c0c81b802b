import type { ReactNode } from 'react';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Link } from '../ui/Link';

/** The frame of the screens before sign-in: the name, the language choice, a heading and a way on. */
export function SignedOutCard({
  className,
  title,
  intro,
  children,
  link,
}: {
  className?: string;
  title: string;
  intro: string;
  children: ReactNode;
  link: { href: string; text: string } | { href: string; text: string }[];
}) {
  return (
    <main className={className ? `centered ${className}` : 'centered'}>
      <div className="card narrow">
        <div className="row spread">
          <p className="brand" aria-hidden="true">
            Roundtable
          </p>
          <LanguageSwitch />
        </div>
        <h1 tabIndex={-1}>{title}</h1>
        <p className="muted">{intro}</p>
        {children}
        {(Array.isArray(link) ? link : [link]).map((each) => (
          <p key={each.href}>
            <Link href={each.href}>{each.text}</Link>
          </p>
        ))}
      </div>
    </main>
  );
}
