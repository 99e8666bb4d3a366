/**
 * The demo seed drives the public HTTP API, so demo data passes every rule
 * the server enforces (scoring, phase gates, booking constraints, audit).
 * Errors name the route and status only, never the data sent.
 */
export class DemoApi {
  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<DemoClient> {
    const body = (await this.call('POST', '/api/v1/auth/login', undefined, { email, password })) as { accessToken: string };
    return new DemoClient(this, body.accessToken);
  }

  async call(method: string, path: string, token: string | undefined, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      // Problem details name the rule, never patient data.
      const problem = JSON.parse(text || '{}') as { detail?: string; errors?: { field: string; message: string }[] };
      const fields = problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
      throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${res.status}: ${fields ?? problem.detail ?? ''}`);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

/** Requests as one logged-in demo user. */
export class DemoClient {
  constructor(private readonly api: DemoApi, private readonly token: string) {}

  get<T>(path: string): Promise<T> {
    return this.api.call('GET', path, this.token) as Promise<T>;
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.api.call('POST', path, this.token, body) as Promise<T>;
  }
}
