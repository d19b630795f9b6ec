/** Swagger UI's request examples for creating stream keys. */
export const CREATE_EXAMPLES = {
  uid: { summary: 'A key for OBS publishing as uid 4242, valid one day, in the default region', value: { channel: 'live-stage', uid: 4242, expiresAfterSeconds: 86400 } },
  account: {
    summary: 'A key for a string account in Europe, for one hour, in a project chosen by name',
    value: { channel: 'live-stage', account: 'stage-camera-1', expiresAfterSeconds: 3600, region: 'eu', project: 'default' },
  },
  endUser: { summary: 'An end user’s own key (their identity is the account), valid two hours', value: { channel: 'live-stage', expiresAfterSeconds: 7200 } },
};
