// The coordinator as the client sees it: one typed HTTP client, its failures as values.
export { adminTokenFor, DEV_ADMIN_TOKEN } from './admin-token.ts';
export { coordinatorClient, type ClientOptions, type CoordinatorClient } from './coordinator-client.ts';
export { fetchBytes, fetchJson, fetchResponse, type Fetched, type FetchLike } from './http.ts';
