import { useNavigate } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";

/**
 * The body of a long table whose rows link on. A page of 100 cases had 200 Remix `<Link>`s, and
 * each one resolves its path several times as it renders (useHref, useResolvedPath, its click
 * handler, its prefetch behaviour): about 2 ms of the largest employer's case list on the server
 * (tests/bench/pages-history.md). The rows' links are plain anchors with absolute paths
 * (`RowLink`), and this body hands their clicks to the router once: a plain left click navigates
 * in the app as a `<Link>` would; a click with a modifier key or another button, or before the
 * scripts have loaded, is the browser's own (a new tab, a full page load).
 */
export function RowLinkBody({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const onClick = (event: MouseEvent<HTMLTableSectionElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[data-row-link]") : null;
    if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(`${link.pathname}${link.search}${link.hash}`);
  };
  return <tbody onClick={onClick}>{children}</tbody>;
}

/** A link inside a `RowLinkBody`; `to` is an absolute path in the app. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a href={to} data-row-link="">
      {children}
    </a>
  );
}
