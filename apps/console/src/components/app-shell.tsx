import { Suspense, useEffect, useRef, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { useMe } from '../auth/use-me';
import { useLive, type Connection } from '../live/live-context';
import { NAVIGATION } from './navigation';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Reconnecting (refreshing every 5 s)',
};

/** Header, navigation and the page: the frame every signed-in page shares. */
export function AppShell({ children }: { children: ReactNode }) {
  const { logout } = useAuth();
  const me = useMe();
  const { connection } = useLive();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // After a move to another page, keyboard and screen-reader users start at its content, not at the top of the navigation.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Shoal</span>
        <span className={`connection connection-${connection}`} role="status">
          {CONNECTION_TEXT[connection]}
        </span>
        {me && (
          <span className="whoami">
            {me.name} ({me.role.toLowerCase()})
          </span>
        )}
        <button type="button" className="button-quiet" onClick={() => logout()}>
          Log out
        </button>
      </header>
      <nav className="sidebar" aria-label="Main">
        {NAVIGATION.map((group) => (
          <div key={group.label} className="nav-group">
            <h2 className="nav-heading">{group.label}</h2>
            <ul>
              {group.items.map((item) => (
                <li key={item.label}>
                  {item.to ? (
                    <NavLink to={item.to} end={item.to === '/'}>
                      {item.label}
                    </NavLink>
                  ) : (
                    <span className="nav-later">
                      {item.label} <span className="soon">later</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1} ref={main}>
        <Suspense fallback={<p role="status">Loading…</p>}>{children}</Suspense>
      </main>
    </div>
  );
}
