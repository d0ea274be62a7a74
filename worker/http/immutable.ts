// Cache-Control of what a URL names for good: a version's manifest and model files, a shard.
export const IMMUTABLE = 'public, max-age=31536000, immutable';
