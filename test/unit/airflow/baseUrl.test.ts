import assert from 'node:assert/strict';
import { parseBaseUrl, seg } from '../../../src/airflow/baseUrl';
import { InvalidInputError } from '../../../src/airflow/errors';

describe('parseBaseUrl', () => {
  it('keeps a plain root and drops a trailing slash', () => {
    assert.deepEqual(parseBaseUrl('http://localhost:8080/'), { root: 'http://localhost:8080', apiFromPath: undefined });
  });

  it('strips a pasted /api/v1 or /api/v2 suffix and remembers it as a hint', () => {
    assert.deepEqual(parseBaseUrl('https://airflow.example.com/api/v1/'), {
      root: 'https://airflow.example.com',
      apiFromPath: 'v1',
    });
    assert.deepEqual(parseBaseUrl(' https://airflow.example.com/api/v2 '), {
      root: 'https://airflow.example.com',
      apiFromPath: 'v2',
    });
  });

  it('keeps a sub-path such as an Astronomer deployment', () => {
    assert.equal(parseBaseUrl('https://org.astronomer.run/abc123/').root, 'https://org.astronomer.run/abc123');
    assert.equal(parseBaseUrl('https://org.astronomer.run/abc123/api/v2').root, 'https://org.astronomer.run/abc123');
  });

  it('rejects empty, malformed and non-http URLs with an actionable message', () => {
    assert.throws(
      () => parseBaseUrl('  '),
      (e: Error) => e instanceof InvalidInputError && /empty/.test(e.message),
    );
    assert.throws(
      () => parseBaseUrl('localhost:8080'),
      (e: Error) => e instanceof InvalidInputError && /scheme|http/.test(e.message),
    );
    assert.throws(
      () => parseBaseUrl('airflow.internal'),
      (e: Error) => e instanceof InvalidInputError && /http:\/\/airflow\.internal/.test(e.message),
    );
    assert.throws(
      () => parseBaseUrl('ftp://host/'),
      (e: Error) => e instanceof InvalidInputError && /ftp/.test(e.message),
    );
  });

  it('refuses credentials in the URL without echoing them', () => {
    assert.throws(
      () => parseBaseUrl('https://admin:hunter22@host/'),
      (e: Error) => e instanceof InvalidInputError && !e.message.includes('hunter22'),
    );
  });
});

describe('seg (path segment encoding)', () => {
  it('escapes what real DAG and run ids contain', () => {
    assert.equal(seg('team/etl daily%'), 'team%2Fetl%20daily%25');
    assert.equal(seg('manual__2026-11-23T10:00:00+00:00'), 'manual__2026-11-23T10%3A00%3A00%2B00%3A00');
  });
});
