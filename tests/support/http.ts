/** A tiny cookie-keeping HTTP client for tests against a running server. */
export class HttpClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
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
