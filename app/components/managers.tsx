import type { FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { ACCESS_LEVEL_LABELS, ACCESS_LEVELS } from "~/forms/departments";
import { CheckboxGroup, RadioGroup } from "./form";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

/** A company's invitation: HR, or the nearest manager of the departments ticked. */
export function InviteAccessFields(props: { accessLevel: Field; departmentIds: Field; departments: ReadonlyArray<{ id: number; name: string }> }) {
  return (
    <>
      <RadioGroup
        field={props.accessLevel}
        legend="Adgang"
        hint="En nærmeste leder ser kun medarbejderne i sine afdelinger og har ikke § 56-aftaler, sociale kapitler, statistik eller indstillinger."
        options={ACCESS_LEVELS.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
      />
      {props.departments.length ? (
        <CheckboxGroup
          field={props.departmentIds}
          legend="Afdelinger (for en nærmeste leder)"
          options={props.departments.map((d) => ({ value: String(d.id), label: d.name }))}
        />
      ) : null}
    </>
  );
}

/** The company's choice on /virksomhed/indstillinger; only the administrator changes it. */
export function ManagersMaySubmitSetting(props: { allowed: boolean; canEdit: boolean }) {
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="managers-submit-heading">
      <h2 id="managers-submit-heading">Nærmeste ledere og jobcentret</h2>
      <p data-testid="managers-may-submit">
        {props.allowed
          ? "Nærmeste ledere må selv sende dokumenter til jobcentret for medarbejderne i deres afdelinger."
          : "Kun HR sender dokumenter til jobcentret. Nærmeste ledere kan udfylde dem, men ikke sende dem."}
      </p>
      {props.canEdit ? (
        <Form method="post" action="/virksomhed/indstillinger">
          <input type="hidden" name="intent" value="managers-submit" />
          <div className="form-group">
            <div className="form-group-checkbox">
              <input className="form-checkbox" type="checkbox" id="managersMaySubmit" name="managersMaySubmit" value="on" defaultChecked={props.allowed} />
              <label className="form-label" htmlFor="managersMaySubmit">
                Nærmeste ledere må sende til jobcentret
              </label>
            </div>
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            Gem
          </button>
        </Form>
      ) : (
        <p>Virksomhedens administrator kan ændre det.</p>
      )}
    </section>
  );
}
