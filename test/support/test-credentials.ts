/** Credentials the tests run with: well-formed, known only to the tests. */
export const TEST_APP_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const TEST_APP_CERTIFICATE = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const OTHER_CERTIFICATE = 'ffffffffffffffffffffffffffffffff';
