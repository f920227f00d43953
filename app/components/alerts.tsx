import { useSearchParams } from "@remix-run/react";

/**
 * The DKFDS success message after a redirect: the action sends the user to
 * `?gemt=<key>` and the page names what was saved.
 */
export function SavedAlert({ messages, hidden }: { messages: Record<string, string>; hidden?: boolean }) {
  const [params] = useSearchParams();
  const text = messages[params.get("gemt") ?? ""];
  if (!text || hidden) return null;
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}

/** The DKFDS error message for a refusal that belongs to no single field (an unknown action, a record that moved on). */
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <h2 className="alert-heading">Der er problemer</h2>
        <p className="alert-text">{message}</p>
      </div>
    </div>
  );
}
