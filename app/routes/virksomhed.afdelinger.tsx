import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorAlert, SavedAlert } from "~/components/alerts";
import { CheckboxGroup, ErrorSummary, RadioGroup, TextField } from "~/components/form";
import { ACCESS_LEVEL_LABELS, ACCESS_LEVELS, NewDepartmentSchema, RenameDepartmentSchema, UserAccessSchema } from "~/forms/departments";
import { requireEmployer } from "~/models/auth.server";
import { createDepartment, departmentOverview, renameDepartment, setUserAccess } from "~/models/departments.server";
import { readFormData, runOrReply } from "~/utils/forms.server";
import { orRespond } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Afdelinger og ledere – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireEmployer(request);
  const overview = await orRespond(async () => await departmentOverview({ admin }));
  const chosen = Number(new URL(request.url).searchParams.get("bruger"));
  const editing = overview.users.find((u) => u.id === chosen && !u.isAdmin) ?? null;
  return json({ ...overview, editing });
}

const UNKNOWN_INTENT = "Handlingen kendes ikke. Brug en af knapperne på siden.";

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireEmployer(request);
  await orRespond(async () => await departmentOverview({ admin }));
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: NewDepartmentSchema });
    if (submission.status !== "success") return json({ create: submission.reply() }, { status: 400 });
    const done = await runOrReply(submission, async () => await createDepartment({ admin, name: submission.value.name }));
    if (!done.ok) return json({ create: done.reply }, { status: done.response.status });
    return redirect("/virksomhed/afdelinger?gemt=oprettet");
  }
  if (intent === "rename") {
    const submission = parseWithZod(formData, { schema: RenameDepartmentSchema });
    if (submission.status !== "success") return json({ rename: submission.reply(), departmentId: String(formData.get("departmentId") ?? "") }, { status: 400 });
    const v = submission.value;
    const done = await orRespond(async () => await runOrReply(submission, async () => await renameDepartment({ admin, departmentId: v.departmentId, name: v.name })));
    if (!done.ok) return json({ rename: done.reply, departmentId: String(v.departmentId) }, { status: done.response.status });
    return redirect("/virksomhed/afdelinger?gemt=omdoebt");
  }
  if (intent === "access") {
    const submission = parseWithZod(formData, { schema: UserAccessSchema });
    if (submission.status !== "success") return json({ access: submission.reply() }, { status: 400 });
    const v = submission.value;
    const done = await orRespond(async () => await runOrReply(submission, async () => await setUserAccess({ admin, userId: v.userId, accessLevel: v.accessLevel, departmentIds: v.departmentIds })));
    if (!done.ok) return json({ access: done.reply }, { status: done.response.status });
    return redirect("/virksomhed/afdelinger?gemt=adgang");
  }
  return json({ error: UNKNOWN_INTENT }, { status: 400 });
}

const SAVED: Record<string, string> = {
  oprettet: "Afdelingen er oprettet.",
  omdoebt: "Afdelingen har fået nyt navn.",
  adgang: "Brugerens adgang er ændret. Den gælder fra brugerens næste sidevisning.",
};

function RenameForm(props: { department: { id: number; name: string }; lastResult: Parameters<typeof useFasholdForm>[0]["lastResult"] }) {
  const [form, fields] = useFasholdForm({
    id: `rename-${props.department.id}`,
    schema: RenameDepartmentSchema,
    lastResult: props.lastResult,
    defaultValue: { departmentId: String(props.department.id), name: props.department.name },
  });
  return (
    <Form method="post" action="/virksomhed/afdelinger" {...getFormProps(form)} noValidate className="department-rename">
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="departmentId" value={props.department.id} />
      <TextField field={fields.name} label={`Nyt navn til ${props.department.name}`} autoComplete="off" />
      <button type="submit" className="button button-secondary">
        Omdøb
      </button>
    </Form>
  );
}

/** The first message of a refusal that is not about one of the fields shown; the fallback when there is none at all. */
function messageOffFields(error: Record<string, string[] | null> | undefined, shown: string[], fallback: string): string | null {
  const entries = Object.entries(error ?? {});
  const off = entries.filter(([name, messages]) => !shown.includes(name) && messages?.length).flatMap(([, messages]) => messages ?? []);
  if (off[0] !== undefined) return off[0];
  return entries.some(([name]) => shown.includes(name)) ? null : fallback;
}

export default function Departments() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [createForm, createFields] = useFasholdForm({ id: "create-department", schema: NewDepartmentSchema, lastResult: actionData && "create" in actionData ? actionData.create : undefined });
  const editing = data.editing;
  const [accessForm, accessFields] = useFasholdForm({
    id: `access-${editing?.id ?? 0}`,
    schema: UserAccessSchema,
    lastResult: actionData && "access" in actionData ? actionData.access : undefined,
    defaultValue: editing ? { userId: String(editing.id), accessLevel: editing.accessLevel, departmentIds: editing.departmentIds.map(String) } : null,
  });
  const names = new Map(data.departments.map((d) => [d.id, d.name]));
  // A refusal that no visible field can show (a tampered or stale post: an id for a user whose form is
  // not open, a department not on the page, or a hidden id field sent twice) is told at the top.
  const access = actionData && "access" in actionData ? actionData.access : null;
  const accessElsewhere = access ? messageOffFields(access.error, editing ? ["accessLevel", "departmentIds"] : [], "Adgangen kunne ikke ændres.") : null;
  const rename = actionData && "rename" in actionData ? actionData : null;
  const renameShown = rename && data.departments.some((d) => String(d.id) === rename.departmentId) ? ["name"] : [];
  const renameElsewhere = rename ? messageOffFields(rename.rename.error, renameShown, "Afdelingen kunne ikke omdøbes.") : null;
  const options = data.departments.map((d) => ({ value: String(d.id), label: d.name }));
  return (
    <>
      <Link to="/brugere" className="back-link">
        Tilbage til brugere
      </Link>
      <h1>Afdelinger og ledere</h1>
      <p className="font-lead">
        En nærmeste leder ser og arbejder kun med medarbejderne i sine afdelinger. HR ser hele virksomheden og har alene § 56-aftaler, sociale kapitler,
        indsigt, revisionslog, statistik og indstillinger.
      </p>
      <SavedAlert messages={SAVED} hidden={Boolean(actionData)} />
      <ErrorAlert message={actionData && "error" in actionData ? actionData.error : (renameElsewhere ?? accessElsewhere)} />

      {editing ? (
        <section aria-labelledby="access-heading" className="mb-7">
          <h2 id="access-heading">{`Adgang for ${editing.name}`}</h2>
          <Form method="post" action={`/virksomhed/afdelinger?bruger=${editing.id}`} {...getFormProps(accessForm)} noValidate>
            <input type="hidden" name="intent" value="access" />
            <input type="hidden" name="userId" value={editing.id} />
            <ErrorSummary fields={[accessFields.accessLevel, accessFields.departmentIds]} formErrors={accessForm.errors} />
            <RadioGroup field={accessFields.accessLevel} legend="Adgang" options={ACCESS_LEVELS.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))} />
            {options.length ? (
              <CheckboxGroup field={accessFields.departmentIds} legend="Afdelinger (for en nærmeste leder)" options={options} />
            ) : (
              <p>Virksomheden har ingen afdelinger endnu. Opret en nedenfor.</p>
            )}
            <button type="submit" className="button button-primary" disabled={busy}>
              Gem adgang
            </button>{" "}
            <Link to="/virksomhed/afdelinger" className="button button-secondary">
              Fortryd
            </Link>
          </Form>
        </section>
      ) : null}

      <h2>Brugere</h2>
      <div className="table--responsive-scroll">
        <table className="table table--zebra" data-testid="user-access">
          <caption className="sr-only">Brugernes adgang</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Adgang</th>
              <th scope="col">
                <span className="sr-only">Handling</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  {u.active ? "" : " (deaktiveret)"}
                </td>
                <td>
                  {u.isAdmin
                    ? "Administrator (HR)"
                    : u.accessLevel === "hr"
                      ? "HR"
                      : `Nærmeste leder: ${u.departmentIds.map((id) => names.get(id) ?? "").join(", ")}`}
                </td>
                <td>{u.isAdmin ? null : <Link to={`?bruger=${u.id}`}>{`Skift adgang for ${u.name}`}</Link>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Afdelinger</h2>
      {data.departments.length === 0 ? <p>Virksomheden har ingen afdelinger endnu.</p> : null}
      <ul className="nobullet-list department-list">
        {data.departments.map((d) => (
          <li key={d.id} className="mb-5">
            <h3 className="h5">{d.name}</h3>
            <p>{`${d.employees} ${d.employees === 1 ? "medarbejder" : "medarbejdere"}, ${d.managers} ${d.managers === 1 ? "leder" : "ledere"}`}</p>
            <RenameForm department={d} lastResult={actionData && "rename" in actionData && actionData.departmentId === String(d.id) ? actionData.rename : undefined} />
          </li>
        ))}
      </ul>

      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Opret afdeling</h2>
        <p>Afdelinger oprettes også, når en medarbejder gemmes eller importeres med et nyt afdelingsnavn.</p>
        <Form method="post" action="/virksomhed/afdelinger" {...getFormProps(createForm)} noValidate>
          <input type="hidden" name="intent" value="create" />
          <ErrorSummary fields={[createFields.name]} formErrors={createForm.errors} />
          <TextField field={createFields.name} label="Afdelingens navn" autoComplete="off" />
          <button type="submit" className="button button-primary" disabled={busy}>
            Opret afdeling
          </button>
        </Form>
      </section>
    </>
  );
}
