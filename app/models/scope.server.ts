import { idParam, orRespond } from "~/utils/http.server";
import { requireEmployer } from "./auth.server";
import { getEmployee } from "./employee.server";

/** The signed-in HR user and one employee of their own company; any other id answers 404. */
export async function requireCompanyEmployee(request: Request, employeeIdParam: string | undefined) {
  const user = await requireEmployer(request);
  const employee = await orRespond(async () => await getEmployee({ companyId: user.company.id, employeeId: idParam(employeeIdParam) }));
  return { user, employee };
}
