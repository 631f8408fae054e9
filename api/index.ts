/** Public entry of the gRPC API. */
// Server
export { startApiServer, loadAuthFile, DEFAULT_API_HOST, DEFAULT_API_PORT, type ApiServer, type ApiServerOptions, type ApiTlsOptions } from './server.js';
export type { ProfileSource, ProfileLookupKind, WindowFeatureSet } from './profileSource.js';
export type { ApiMetricsSink } from './context.js';
export type { WatchStats, WatchHubOptions } from './watchHub.js';

// Security
export { ROLES, sha256Hex, type Role, type AuthOptions, type TokenGrant, type CertificateGrant, type Principal } from './auth.js';
export { METHOD_ROLES } from './policy.js';

// Wire
export { packageDefinition, clientConstructor, SERVICE_NAMES, type ServiceName } from './protos.js';

// CLI commands (the lead wires them into cli/main.ts)
export { runLookup } from './cli/lookup.js';
export { runFindings } from './cli/findings.js';
export { runWatch } from './cli/watch.js';
export { runWatchlist } from './cli/watchlist.js';
export { runAudit } from './cli/audit.js';
