import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { MUNICIPALITIES } from "~/domain/municipalities";
import { employeeEditSchema, employeeSchema } from "~/forms/employee";
import { ErrorSummary, SelectField, TextField } from "./form";
import { useFasholdForm } from "~/utils/form";

export const MUNICIPALITY_OPTIONS = [...MUNICIPALITIES]
  .sort((a, b) => a.name.localeCompare(b.name, "da"))
  .map((m) => ({ value: String(m.code), label: `${m.name} (${m.code})` }));

const LABELS = {
  name: "Navn",
  birthDate: "Fødselsdato",
  municipalityCode: "Bopælskommune",
  employmentStartDate: "Ansat siden",
  employmentEndDate: "Fratræder den",
  jobTitle: "Stilling",
  weeklyHours: "Ugentlige timer",
  employeeNumber: "Medarbejdernummer",
  email: "E-mail",
  departmentName: "Afdeling",
  addressLine: "Adresse",
  postalCode: "Postnummer",
  city: "By",
};

/** Create and edit share one form; on edit the home municipality changes only through a recorded move. */
export function EmployeeForm(props: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, string>;
  mode: "create" | "edit";
  /** The Copenhagen date: a birth date after it is refused. */
  today: string;
  /** The company's departments, offered as suggestions; a new name creates one. */
  departments: string[];
}) {
  const schema = props.mode === "create" ? employeeSchema(props.today) : employeeEditSchema(props.today);
  type Schema = ReturnType<typeof employeeSchema>;
  const [form, fields] = useFasholdForm({
    id: `employee-${props.mode}`,
    // The edit form omits the municipality; the cast keeps one field type for both modes.
    schema: schema as Schema,
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    revalidate: "onInput",
  });
  const all = [
    fields.employeeNumber,
    fields.name,
    fields.birthDate,
    fields.municipalityCode,
    fields.addressLine,
    fields.postalCode,
    fields.city,
    fields.email,
    fields.departmentName,
    fields.employmentStartDate,
    fields.employmentEndDate,
    fields.jobTitle,
    fields.weeklyHours,
  ];
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary fields={all} formErrors={form.errors} labels={LABELS} />
      <TextField
        field={fields.employeeNumber}
        label={LABELS.employeeNumber}
        optional
        className="input-width-s"
        hint="Nummeret fra lønsystemet. En import af medarbejdere genkender medarbejderen på det."
      />
      <TextField field={fields.name} label={LABELS.name} autoComplete="off" />
      <TextField
        field={fields.birthDate}
        label={LABELS.birthDate}
        type="date"
        hint="Bruges til folkepensionsalder. Fasthold gemmer ikke CPR-nummer."
      />
      {props.mode === "create" ? (
        <SelectField
          field={fields.municipalityCode}
          label={LABELS.municipalityCode}
          hint="Sagen hører til jobcentret i medarbejderens bopælskommune."
          options={MUNICIPALITY_OPTIONS}
          emptyOption="Vælg kommune"
        />
      ) : null}
      <fieldset>
        <legend className="h3">Bopæl</legend>
        <p className="form-hint">Jobcentret i bopælskommunen bruger adressen til at finde borgeren i sine egne systemer.</p>
        <TextField field={fields.addressLine} label={LABELS.addressLine} optional autoComplete="off" />
        <TextField field={fields.postalCode} label={LABELS.postalCode} optional inputMode="numeric" className="input-width-xs" autoComplete="off" />
        <TextField field={fields.city} label={LABELS.city} optional autoComplete="off" />
      </fieldset>
      <TextField field={fields.email} label={LABELS.email} type="email" optional autoComplete="off" hint="Arbejdsmail. Bruges ikke til at logge ind." />
      <TextField
        field={fields.departmentName}
        label={LABELS.departmentName}
        optional
        list="employee-departments"
        autoComplete="off"
        hint="Vælg en afdeling, eller skriv navnet på en ny, så oprettes den."
      />
      <datalist id="employee-departments">
        {props.departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <TextField field={fields.employmentStartDate} label={LABELS.employmentStartDate} type="date" />
      <TextField
        field={fields.employmentEndDate}
        label={LABELS.employmentEndDate}
        type="date"
        optional
        hint="Sidste ansættelsesdag, når medarbejderen er opsagt eller ansættelsen ophører. Fratræder medarbejderen senest 8 uger efter første fraværsdag, skal der ikke holdes sygefraværssamtale (sygedagpengeloven § 7 a)."
      />
      <TextField field={fields.jobTitle} label={LABELS.jobTitle} />
      <TextField field={fields.weeklyHours} label={LABELS.weeklyHours} inputMode="decimal" className="input-width-xs" />
      <button type="submit" className="button button-primary">
        {props.mode === "create" ? "Opret medarbejder" : "Gem ændringer"}
      </button>
    </Form>
  );
}
