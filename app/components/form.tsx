/**
 * Form controls in Det Fælles Designsystem markup: label, hint, error message
 * (form-error / form-error-message) and an error summary at the top of the form.
 * They take Conform field metadata, so ids, aria wiring and kept input come from one place.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { formatDanishDate, isIsoDate } from "~/domain/dates";
import { CONFIRM_NO_DIAGNOSIS_HINT, CONFIRM_NO_DIAGNOSIS_LABEL } from "~/forms/diagnosis";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <span className="form-hint" id={id}>
      {children}
    </span>
  );
}

function FieldError({ field }: { field: Field }) {
  if (!field.errors?.length) return null;
  return (
    <span className="form-error-message" id={field.errorId}>
      <span className="sr-only">Fejl: </span>
      {field.errors[0]}
    </span>
  );
}

function describedBy(field: Field, hint: ReactNode): string | undefined {
  const ids = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Label({ field, label, optional }: { field: Field; label: ReactNode; optional?: boolean }) {
  return (
    <label className="form-label" htmlFor={field.id}>
      {label}
      {optional ? <span className="weight-normal"> (frivilligt)</span> : null}
    </label>
  );
}

export function TextField(props: {
  field: Field;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "date" | "number" | "search";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  optional?: boolean;
  className?: string;
  step?: string;
  /** The id of a <datalist> of suggestions (a value not on it is allowed). */
  list?: string;
}) {
  const { field, type = "text" } = props;
  if (type === "date") return <DateField {...props} />;
  const invalid = Boolean(field.errors?.length);
  const inputProps = getInputProps(field, { type, ariaAttributes: false });
  // A stored decimal ("37.5") is shown the Danish way; what the user typed is kept as typed.
  const defaultValue =
    props.inputMode === "decimal" && typeof inputProps.defaultValue === "string" ? inputProps.defaultValue.replace(/^(-?\d+)\.(\d+)$/, "$1,$2") : inputProps.defaultValue;
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <Label field={field} label={props.label} optional={props.optional} />
      <Hint id={field.descriptionId}>{props.hint}</Hint>
      <FieldError field={field} />
      <input
        {...inputProps}
        defaultValue={defaultValue}
        key={inputProps.key}
        className={`form-input${props.className ? ` ${props.className}` : ""}`}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        step={props.step}
        list={props.list}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, props.hint)}
      />
    </div>
  );
}

export const DATE_FORMAT_HINT = "Skriv datoen som dd.mm.åååå.";

/**
 * DKFDS date field: a text field showing dd.mm.åååå whatever the browser's
 * language (a native date input shows mm/dd/yyyy in an English browser), with
 * the format as its hint and a number pad on a phone. The server reads
 * dd.mm.åååå, d.m.åååå, dd-mm-åååå and ddmmåååå (forms/fields.ts isoDate).
 */
export function DateField(props: { field: Field; label: ReactNode; hint?: ReactNode; optional?: boolean }) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const inputProps = getInputProps(field, { type: "text", ariaAttributes: false });
  const initial = inputProps.defaultValue;
  // A stored ISO date is shown in Danish; what the user typed comes back as typed.
  const defaultValue = typeof initial === "string" && isIsoDate(initial) ? formatDanishDate(initial) : initial;
  const hint = props.hint ? (
    <>
      {props.hint} {DATE_FORMAT_HINT}
    </>
  ) : (
    DATE_FORMAT_HINT
  );
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <Label field={field} label={props.label} optional={props.optional} />
      <Hint id={field.descriptionId}>{hint}</Hint>
      <FieldError field={field} />
      <input
        {...inputProps}
        defaultValue={defaultValue}
        key={inputProps.key}
        className="form-input input-char-11"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        data-date-field=""
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, hint)}
      />
    </div>
  );
}

export function TextArea(props: { field: Field; label: ReactNode; hint?: ReactNode; optional?: boolean; rows?: number }) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const textareaProps = getTextareaProps(field, { ariaAttributes: false });
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <Label field={field} label={props.label} optional={props.optional} />
      <Hint id={field.descriptionId}>{props.hint}</Hint>
      <FieldError field={field} />
      <textarea
        {...textareaProps}
        key={textareaProps.key}
        className="form-input"
        rows={props.rows ?? 4}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, props.hint)}
      />
    </div>
  );
}

export function SelectField(props: {
  field: Field;
  label: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  emptyOption?: string;
}) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const selectProps = getSelectProps(field, { ariaAttributes: false });
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <Label field={field} label={props.label} />
      <Hint id={field.descriptionId}>{props.hint}</Hint>
      <FieldError field={field} />
      <select
        {...selectProps}
        key={selectProps.key}
        className="form-select"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field, props.hint)}
      >
        {props.emptyOption !== undefined ? <option value="">{props.emptyOption}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup(props: {
  field: Field;
  legend: ReactNode;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string; hint?: string }>;
}) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const initial = typeof field.initialValue === "string" ? field.initialValue : undefined;
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy(field, props.hint)} id={field.id}>
        <legend className="form-label">{props.legend}</legend>
        <Hint id={field.descriptionId}>{props.hint}</Hint>
        <FieldError field={field} />
        {props.options.map((o) => {
          const id = `${field.id}-${o.value}`;
          return (
            <div className="form-group-radio" key={`${field.key ?? ""}${o.value}`}>
              <input
                className="form-radio"
                type="radio"
                id={id}
                name={field.name}
                value={o.value}
                defaultChecked={initial === o.value}
                aria-describedby={o.hint ? `${id}-hint` : undefined}
              />
              <label className="form-label" htmlFor={id}>
                {o.label}
              </label>
              {o.hint ? (
                <span className="form-hint" id={`${id}-hint`}>
                  {o.hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Checkbox(props: { field: Field; label: ReactNode; hint?: ReactNode }) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const checked = field.initialValue === "on" || field.initialValue === "true";
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <FieldError field={field} />
      <div className="form-group-checkbox">
        <input
          className="form-checkbox"
          type="checkbox"
          id={field.id}
          name={field.name}
          value="on"
          key={field.key}
          defaultChecked={checked}
          aria-describedby={describedBy(field, props.hint)}
        />
        <label className="form-label" htmlFor={field.id}>
          {props.label}
        </label>
        <Hint id={field.descriptionId}>{props.hint}</Hint>
      </div>
    </div>
  );
}

/**
 * DKFDS error summary: a linked list of every problem, focused after a failed
 * submit so keyboard and screen-reader users land on it.
 */
export function ErrorSummary(props: { fields: Field[]; formErrors?: string[] | undefined; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const items = props.fields.filter((f) => f.errors?.length);
  const formErrors = props.formErrors ?? [];
  const count = items.length + formErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, props.fields, props.formErrors]);
  if (count === 0) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref} data-module="error-summary">
      <div className="alert-body">
        <h2 className="alert-heading">Der er problemer</h2>
        <ul className="nobullet-list">
          {formErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
          {items.map((f) => (
            <li key={f.name}>
              <a href={`#${f.id}`} className="function-link">
                {props.labels?.[f.name] ? `${props.labels[f.name]}: ` : ""}
                {f.errors![0]}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The confirmation every form with free text carries: a flagged text is stored only once it is rewritten or this is ticked. */
export function DiagnosisConfirm({ field }: { field: Field }) {
  return <Checkbox field={field} label={CONFIRM_NO_DIAGNOSIS_LABEL} hint={CONFIRM_NO_DIAGNOSIS_HINT} />;
}

/** Several checkboxes of one name (a list of ids): the user's choice is kept when the form comes back refused. */
export function CheckboxGroup(props: { field: Field; legend: ReactNode; hint?: ReactNode; options: ReadonlyArray<{ value: string; label: string }> }) {
  const { field } = props;
  const invalid = Boolean(field.errors?.length);
  const initial = Array.isArray(field.initialValue) ? field.initialValue.map(String) : typeof field.initialValue === "string" ? [field.initialValue] : [];
  return (
    <div className={`form-group${invalid ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy(field, props.hint)} id={field.id}>
        <legend className="form-label">{props.legend}</legend>
        <Hint id={field.descriptionId}>{props.hint}</Hint>
        <FieldError field={field} />
        {props.options.map((o) => {
          const id = `${field.id}-${o.value}`;
          return (
            <div className="form-group-checkbox" key={`${field.key ?? ""}${o.value}`}>
              <input className="form-checkbox" type="checkbox" id={id} name={field.name} value={o.value} defaultChecked={initial.includes(o.value)} />
              <label className="form-label" htmlFor={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
