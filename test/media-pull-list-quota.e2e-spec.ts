import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FakeAgora, FakeAnswer, RecordedRequest } from './support/fake-agora.js';
import type { FakeAgoraMediaPull } from './support/fake-agora-media-pull.js';
import { startMediaPullApp, type MediaPullApp } from './support/media-pull-app.js';

/**
 * Agora allows a project 2 filtered player lists a second and 15 a minute, and a GET of one player reads its channel's
 * list: concurrent identical lists share one call and an answer is reused a few seconds, so polling clients do not
 * use up the project's quota. This replica's deletes drop what it kept.
 */
describe('Media pull: Agora’s list quota (e2e, fake Agora)', () => {
  let pull: MediaPullApp;
  let fake: FakeAgoraMediaPull;
  let app: NestFastifyApplication;
  let headers: Record<string, string>;

  beforeAll(async () => {
    pull = await startMediaPullApp();
    ({ fake, app, headers } = pull);
    // Slow enough that concurrent GETs overlap.
    const own = fake.responder('list') as (request: RecordedRequest, agora: FakeAgora) => Promise<FakeAnswer>;
    fake.on('list', async (request, agora) => ({ ...(await own(request, agora)), delayMs: 50 }));
  });
  afterAll(() => pull.close());

  const create = async (channel: string) =>
    (await app.inject({ method: 'POST', url: '/v1/media-pull', headers, payload: { channel, streamUrl: 'https://cdn.example.com/live.flv' } })).json<{ id: string }>().id;
  const get = (id: string) => app.inject({ method: 'GET', url: `/v1/media-pull/${id}`, headers });
  const lists = (channel: string) => fake.requests('list').filter((request) => request.query.get('filter') === `channelName eq ${channel}`).length;

  it('answers N concurrent GETs of one player, then the channel’s list, with one Agora list call', async () => {
    const id = await create('polled-room');
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(id)));
    expect(answers.map((answer) => answer.json<{ status?: string }>().status)).toEqual(Array(8).fill('running'));
    expect(lists('polled-room')).toBe(1);
    expect((await get(id)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/media-pull?channel=polled-room', headers })).json<{ players: unknown[] }>().players).toHaveLength(1);
    expect(lists('polled-room')).toBe(1);
  });

  it('asks Agora once per channel, and again after a delete here', async () => {
    const [first, second] = [await create('room-a'), await create('room-b')];
    await Promise.all([get(first), get(second), get(first), get(second)]);
    expect([lists('room-a'), lists('room-b')]).toEqual([1, 1]);
    expect((await app.inject({ method: 'DELETE', url: `/v1/media-pull/${first}`, headers })).statusCode).toBe(204);
    expect((await get(first)).statusCode).toBe(404);
    expect(lists('room-a')).toBe(2);
  });
});
