/** Log paths never written in clear: credentials in headers, bodies and variables. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'passphrase',
  'accessToken',
  'refreshToken',
  'token',
  '*.password',
  '*.passphrase',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  'DATABASE_URL',
  'JWT_SECRET',
] as const;
