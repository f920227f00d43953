/** A tiny cookie-keeping HTTP client for tests against a running server. */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The Cookie header this client sends, for a request made without fetch (which drops a Host header). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    const res = await fetch(this.baseUrl + pathname, { redirect: "manual", ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(pathname: string, headers: Record<string, string> = {}) {
    return this.request(pathname, { headers });
  }

  /** A same-origin form post, as the browser sends it. */
  postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.baseUrl, "Sec-Fetch-Site": "same-origin", ...headers },
    });
  }

  /** A same-origin multipart post, as a browser sends a form with a file. */
  postMultipart(pathname: string, form: FormData) {
    return this.request(pathname, { method: "POST", body: form, headers: { Origin: this.baseUrl, "Sec-Fetch-Site": "same-origin" } });
  }

  async login(email: string, password = "demo-fasthold"): Promise<Response> {
    const res = await this.postForm("/login", { email, password });
    if (res.status !== 302) throw new Error(`Login as ${email} failed with ${res.status}`);
    return res;
  }
}

/** A client already logged in as one of the demo users. */
export async function signedIn(baseUrl: string, email: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  await client.login(email);
  return client;
}

/** The id in a redirect such as /virksomhed/dokumenter/12/trin/parter. */
export function documentIdFrom(res: Response): number {
  const id = Number(/dokumenter\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`No document in the redirect (${res.status} ${res.headers.get("location")})`);
  return id;
}

/** Part 1 of a mulighedserklæring, step by step, as HR fills it in. */
export const PART1_STEPS = (meetingDate: string): Array<[step: string, fields: Record<string, string>]> => [
  ["parter", { contactPerson: "Lise Holm", contactPhone: "12 34 56 78" }],
  ["begraensninger", { functionalLimitations: "Kan ikke løfte over 5 kg eller stå længe.", affectedFunctions: "Tunge løft og montage over skulderhøjde." }],
  ["tilpasninger", { changedTasks: "on", reducedHours: "on", hoursPerWeek: "20", adjustmentsDescription: "Lettere opgaver ved montagebordet.", durationWeeks: "6" }],
  ["moede", { meetingDate, bothPresent: "on", doctorDeadline: "" }],
];

/** Starts a declaration on an absence and completes part 1; returns the document id. */
export async function createDeclaration(client: HttpClient, input: { employeeId: number; absenceId: number | null; meetingDate: string; doctorDeadline: string }): Promise<number> {
  const started = await client.postForm(`/virksomhed/medarbejdere/${input.employeeId}/mulighedserklaering/ny`, { absenceId: input.absenceId === null ? "gentagne" : String(input.absenceId) });
  const documentId = documentIdFrom(started);
  for (const [step, fields] of PART1_STEPS(input.meetingDate)) {
    const res = await client.postForm(`/virksomhed/dokumenter/${documentId}/trin/${step}`, step === "moede" ? { ...fields, doctorDeadline: input.doctorDeadline } : fields);
    if (res.status !== 302) throw new Error(`Step ${step} answered ${res.status}: ${await res.text()}`);
  }
  return documentId;
}
