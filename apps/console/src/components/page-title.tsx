import { useEffect } from 'react';

/** The page's heading, mirrored in the document title for screen readers and tabs. */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Shoal`;
  }, [children]);
  return <h1>{children}</h1>;
}
