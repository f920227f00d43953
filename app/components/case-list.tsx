import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A column header that sorts the list by its column: the sort travels in the
 * query string with the filters (the list stays bookmarkable), and a new sort
 * starts again on page 1. aria-sort tells a screen reader the current order.
 */
export function SortHeader(props: { sort: string; current: string; descending: boolean; children: ReactNode }) {
  const location = useLocation();
  const active = props.sort === props.current;
  const params = new URLSearchParams(location.search);
  params.set("sorter", props.sort);
  params.set("retning", active && !props.descending ? "faldende" : "stigende");
  params.delete("side");
  return (
    <th scope="col" aria-sort={active ? (props.descending ? "descending" : "ascending") : undefined}>
      <Link to={`${location.pathname}?${params}`} className="sort-link">
        {props.children}
        {active ? <span aria-hidden="true">{props.descending ? " ▼" : " ▲"}</span> : null}
        <span className="sr-only">{active ? (props.descending ? ", sorteret faldende" : ", sorteret stigende") : ", sortér"}</span>
      </Link>
    </th>
  );
}

/** The current list's query (filters and sort, not the page) under another path: the export links. */
export function useQueryFor(pathname: string, extra: Record<string, string>): string {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("side");
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `${pathname}?${params}`;
}
