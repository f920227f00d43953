import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The calendar-address parts shared by the company's feed (/virksomhed/indstillinger) and a user's
 * own (/virksomhed/kalender). The address exists only in the answer to the POST that made it (only
 * its hash is stored), so these parts show it once and never after a reload.
 */

export type CalendarIntent = "create" | "renew" | "revoke";

/** One button in its own form, so each intent posts alone and a busy form disables it. */
export function CalendarIntentForm(props: {
  action: string;
  intent: CalendarIntent;
  label: string;
  primary?: boolean;
  describedBy?: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" action={props.action}>
      <input type="hidden" name="intent" value={props.intent} />
      <button
        type="submit"
        className={`button ${props.primary ? "button-primary" : "button-secondary"}`}
        aria-describedby={props.describedBy}
        disabled={busy}
      >
        {props.label}
      </button>
    </Form>
  );
}

/** The status line after an address was made or renewed (the redirect's ?gemt= alert does not run then). */
export function CalendarMadeAlert(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">
        <p className="alert-text">{props.message}</p>
      </div>
    </div>
  );
}

/** The new address, read-only and selected on focus, with what the user must do with it now. */
export function CalendarAddressField(props: { address: string; hint: ReactNode }) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor="calendar-address">
        Kalenderadresse
      </label>
      <span className="form-hint" id="calendar-address-hint">
        {props.hint}
      </span>
      <input
        id="calendar-address"
        name="calendar-address"
        className="form-input calendar-address"
        type="text"
        readOnly
        value={props.address}
        aria-describedby="calendar-address-hint"
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}
