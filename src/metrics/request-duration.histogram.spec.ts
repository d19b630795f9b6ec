import { RequestDurationHistogram } from './request-duration.histogram.js';

describe('RequestDurationHistogram', () => {
  it('exposes cumulative buckets (a value on a bound counts in it), the sum and the count', async () => {
    const histogram = new RequestDurationHistogram();
    for (const seconds of [0.0005, 0.001, 0.003, 5]) histogram.observe('POST', '/v1/rtc/token', 200, seconds);
    histogram.observe('GET', '/ping', 200, 0.0001);

    const { values } = await histogram.get();
    const rtc = values.filter((sample) => sample.labels.route === '/v1/rtc/token');
    const bucket = (le: number | string) =>
      rtc.find((sample) => sample.metricName === 'http_request_duration_seconds_bucket' && sample.labels.le === le)?.value;

    expect(bucket(0.001)).toBe(2);
    expect(bucket(0.0025)).toBe(2);
    expect(bucket(0.005)).toBe(3);
    expect(bucket(2.5)).toBe(3);
    expect(bucket('+Inf')).toBe(4);
    expect(rtc.find((sample) => sample.metricName === 'http_request_duration_seconds_count')?.value).toBe(4);
    expect(rtc.find((sample) => sample.metricName === 'http_request_duration_seconds_sum')?.value).toBeCloseTo(5.0045);
    expect(rtc[0].labels).toMatchObject({ method: 'POST', status_code: '200' });
  });
});
