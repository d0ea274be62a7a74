// A fetch for the CLI's unit tests that answers from a table of "METHOD /path" routes, with the
// coordinator's JSON 404 for anything else.
export type Route = (request: Request) => Response | Promise<Response>;

export function fakeFetch(routes: Record<string, Route>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const route = routes[`${request.method} ${url.pathname}`];
    return route ? route(request) : Response.json({ error: `no route for ${request.method} ${url.pathname}` }, { status: 404 });
  };
}
