/** Swagger UI's request examples for the transcription routes. */
export const CREATE_EXAMPLES = {
  simple: { summary: 'Transcribe everyone in a channel, in English', value: { channel: 'demo-room', languages: ['en-US'] } },
  translated: {
    summary: 'Two speakers in English or Spanish, translated both ways, captions stored',
    value: {
      channel: 'demo-room',
      languages: ['en-US', 'es-ES'],
      subscribeAudioUids: ['42', '43'],
      translate: { languages: [{ source: 'en-US', target: ['es-ES'] }, { source: 'es-ES', target: ['en-US'] }] },
      captions: 'default',
      maxIdleSeconds: 120,
    },
  },
  project: { summary: 'Everyone but one user, in another project', value: { channel: 'demo-room', languages: ['ja-JP'], unsubscribeAudioUids: ['7'], project: 'asia' } },
};

export const UPDATE_EXAMPLES = {
  languages: { summary: 'Recognize French from now on', value: { languages: ['fr-FR'] } },
  everyone: { summary: 'Transcribe everyone again', value: { subscribeAudioUids: ['all'] } },
  translate: { summary: 'Start translating English into German and Japanese', value: { translate: { enable: true, languages: [{ source: 'en-US', target: ['de-DE', 'ja-JP'] }] } } },
  stopTranslating: { summary: 'Stop translating', value: { translate: { enable: false } } },
};
