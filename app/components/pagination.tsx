import { Link, useLocation } from "@remix-run/react";
import { plural } from "~/domain/danish-text";

/**
 * DKFDS-style page navigation; the page number travels in ?side=, other query parameters are kept.
 * `noun` counts the total in its singular and plural ("sag", "sager").
 */
export function Pagination(props: { page: number; pageCount: number; total: number; noun: readonly [one: string, many: string] }) {
  const location = useLocation();
  if (props.pageCount <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set("side", String(page));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label="Sidenavigation">
      <ul className="pagination__items">
        {props.page > 1 ? (
          <li className="pagination-item">
            <Link to={href(props.page - 1)} className="button button-secondary" rel="prev">
              Forrige side
            </Link>
          </li>
        ) : null}
        <li className="pagination-item pagination-mobile">
          Side {props.page} af {props.pageCount} ({plural(props.total, ...props.noun)})
        </li>
        {props.page < props.pageCount ? (
          <li className="pagination-item">
            <Link to={href(props.page + 1)} className="button button-secondary" rel="next">
              Næste side
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
