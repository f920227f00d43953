import { municipalityLabel } from "~/domain/municipalities";
import { renderPdf } from "~/pdf/render.server";
import { accessRequestTemplate } from "../../templates/access-request";
import type { EmployeeDataExport } from "./access-request.server";

export function renderAccessRequestPdf(data: EmployeeDataExport): Promise<Uint8Array> {
  return renderPdf(
    accessRequestTemplate,
    { export: data, municipalityName: (code) => municipalityLabel(code) ?? String(code) },
    { companyName: data.controller.name, generatedOn: data.generatedOn },
  );
}

/** The download's headers: a file name without the employee's name (server.mjs marks every answer no-store). */
export function accessRequestHeaders(data: EmployeeDataExport, format: "json" | "pdf"): Record<string, string> {
  return {
    "Content-Type": format === "json" ? "application/json; charset=utf-8" : "application/pdf",
    "Content-Disposition": `attachment; filename="indsigt-medarbejder-${data.employee.id}-${data.generatedOn}.${format}"`,
  };
}
